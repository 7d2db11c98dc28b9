import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { startTracing } from '@bp/observability';

// Before the imports below load `pg`, which its instrumentation patches as it is required.
startTracing(SERVICES.deployment.name);

import { bootstrapService } from '@bp/messaging';
import { loadDeploymentServiceSettings } from './config/deployment-service-settings';
import { DeploymentServiceModule } from './deployment-service.module';

const settings = loadDeploymentServiceSettings();
void bootstrapService(DeploymentServiceModule.forRoot(settings), SERVICES.deployment, settings);

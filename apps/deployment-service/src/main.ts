import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { bootstrapService } from '@bp/messaging';
import { DeploymentServiceModule } from './deployment-service.module';

void bootstrapService(DeploymentServiceModule, SERVICES.deployment, 3102);

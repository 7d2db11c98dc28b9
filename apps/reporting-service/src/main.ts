import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { startTracing } from '@bp/observability';

// Before the imports below load `pg`, which its instrumentation patches as it is required.
startTracing(SERVICES.reporting.name);

import { bootstrapService } from '@bp/messaging';
import { loadReportingServiceSettings } from './config/reporting-service-settings';
import { ReportingServiceModule } from './reporting-service.module';

const settings = loadReportingServiceSettings();
void bootstrapService(ReportingServiceModule.forRoot(settings), SERVICES.reporting, settings);

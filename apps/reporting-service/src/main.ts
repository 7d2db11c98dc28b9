import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { bootstrapService } from '@bp/messaging';
import { loadReportingServiceSettings } from './config/reporting-service-settings';
import { ReportingServiceModule } from './reporting-service.module';

const settings = loadReportingServiceSettings();
void bootstrapService(ReportingServiceModule.forRoot(settings), SERVICES.reporting, settings);

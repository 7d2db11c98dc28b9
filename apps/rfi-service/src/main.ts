import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { bootstrapService } from '@bp/messaging';
import { RfiServiceModule } from './rfi-service.module';

void bootstrapService(RfiServiceModule, SERVICES.rfi, 3101);

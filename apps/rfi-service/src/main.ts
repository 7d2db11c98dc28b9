import 'reflect-metadata';
import { SERVICES } from '@bp/contracts';
import { startTracing } from '@bp/observability';

// Before the imports below load `pg`, which its instrumentation patches as it is required.
startTracing(SERVICES.rfi.name);

import { bootstrapService } from '@bp/messaging';
import { loadRfiServiceSettings } from './config/rfi-service-settings';
import { RfiServiceModule } from './rfi-service.module';
import { streamUploads } from './interface/stream-uploads';

const settings = loadRfiServiceSettings();
void bootstrapService(RfiServiceModule.forRoot(settings), SERVICES.rfi, settings, streamUploads);

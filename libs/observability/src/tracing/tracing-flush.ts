import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { flushTracing } from './start-tracing';

/** Spans still in the exporter's batch leave before the process does. */
@Injectable()
export class TracingFlush implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return flushTracing();
  }
}

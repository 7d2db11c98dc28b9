export * from './trace-headers';
export * from './spans';
export * from './start-tracing';
export * from './tracing-settings';
export * from './tracing-flush';
export { SpanKind } from '@opentelemetry/api';

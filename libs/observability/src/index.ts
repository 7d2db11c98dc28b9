export * from './correlation';
export * from './logger';
export * from './metrics';
export * from './shared-metrics';
export * from './environment';
export * from './liveness.controller';
export * from './broken-parts';
export * from './metrics-listener';

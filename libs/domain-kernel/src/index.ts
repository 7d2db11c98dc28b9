export * from './actor';
export * from './domain-errors';
export * from './kernel-errors';
export * from './aggregate-root';
export * from './vocabulary/rfi-vocabulary';
export * from './vocabulary/deployment-vocabulary';
export * from './vocabulary/knowledge-exchange-vocabulary';
export * from './vocabulary/notification-vocabulary';

export * from './database-settings';
export * from './ensure-database';
export * from './mikro-orm-options';
export * from './migrate';
export * from './transient-errors';
export * from './keyset-cursor';
export * from './exclusive-work';
export * from './value-free-errors';

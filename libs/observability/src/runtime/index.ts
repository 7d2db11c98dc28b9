export * from './release-memory-when-idle';

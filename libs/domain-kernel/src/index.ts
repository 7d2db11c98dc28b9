export * from './aggregate-root';

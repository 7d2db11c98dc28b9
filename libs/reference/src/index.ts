export * from './regions';
export * from './parties';
export * from './topics';
export * from './routes';

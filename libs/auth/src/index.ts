export * from './public-route';
export * from './roles';
export * from './signing-keys';
export * from './token-claims';
export * from './command-assertion';
export * from './key-ring';
export * from './request-digest';

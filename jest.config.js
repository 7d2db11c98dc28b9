// Two projects: `unit` (pure rules, no I/O, seconds) and `integration` (real Kafka and PostgreSQL,
// run in band because tests share the broker). Type checking is done once by `tsc` in npm test,
// so ts-jest only transpiles.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: {
    ...pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
    // ES modules only, and vega awaits at its top level: Jest's CommonJS runtime can load neither
    // (tsconfig.jest.json). Their UMD bundles of the same release can be; the gateway imports the
    // ES modules (apps/gateway/src/interface/http/svg-chart.ts).
    '^vega$': '<rootDir>/node_modules/vega/build/vega.js',
    '^vega-lite$': '<rootDir>/node_modules/vega-lite/build/vega-lite.min.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  // A global option (Jest ignores it per project): integration files first, end-to-end after.
  testSequencer: '<rootDir>/test/support/integration-order.cjs',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // test/architecture: rules about the source tree itself, checked without I/O beyond reading it.
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/architecture/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      slowTestThreshold: 30,
    },
  ],
};

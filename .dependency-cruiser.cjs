/** The architecture rules of DESIGN.md, checked by `npm test` (npm run lint:deps). */
module.exports = {
  forbidden: [
    {
      name: 'app-imports-other-app',
      comment: 'Each service owns its code and data; share through libs/ or messages.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-imports-app',
      comment: 'Libraries are shared by apps and must not depend on any of them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-imports-framework',
      comment:
        'Domain rules are plain TypeScript, driven by unit tests without Nest, an ORM or a broker.',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: 'node_modules/(@nestjs|@mikro-orm|kafkajs|pg|fastify|class-validator|class-transformer)/',
      },
    },
    {
      name: 'domain-imports-more-than-the-kernel',
      comment:
        'A domain depends on its own files and libs/domain-kernel only, so nothing reaches a framework through a barrel (the kernel in turn imports nothing): together the two rules are transitive.',
      severity: 'error',
      from: { path: '/domain/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['/domain/', '^libs/domain-kernel/src/'] },
    },
    {
      name: 'kernel-imports-anything',
      comment: 'The domain kernel is plain TypeScript with no dependency at all.',
      severity: 'error',
      from: { path: '^libs/domain-kernel/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain-kernel/' },
    },
    {
      name: 'domain-imports-outer-layers',
      comment: 'The domain does not know how it is stored, exposed or wired.',
      severity: 'error',
      from: { path: '/domain/' },
      to: { path: '/(application|infrastructure|interface)/' },
    },
    {
      name: 'inner-layers-import-interface',
      comment: 'Controllers and message handlers call use cases, never the other way round.',
      severity: 'error',
      from: { path: '/(application|infrastructure)/' },
      to: { path: '/interface/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.d\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

// The costs of a request that the profile report names, as frame matchers. PACKAGE_COSTS sorts
// every busy sample by the nearest frame (from the leaf) of a package group, so its exclusive
// column adds up to the busy time. OPERATION_COSTS are steps of the request path: a sample counts
// for every step whose frame is on its stack (inclusive), so they overlap.
const inPackages =
  (...names) =>
  (frame, pkg) =>
    names.some((name) => (name.endsWith('/') ? pkg.startsWith(name) : pkg === name));
const named =
  (pattern, pkgPattern = /./) =>
  (frame, pkg) =>
    pattern.test(frame.functionName) && pkgPattern.test(pkg);

export const PACKAGE_COSTS = [
  { label: 'GC', match: (frame) => frame.functionName === '(garbage collector)' },
  { label: 'V8/native (program)', match: (frame) => frame.functionName === '(program)' },
  {
    label: 'pino logging',
    match: inPackages('pino', 'pino-http', 'nestjs-pino', 'sonic-boom', 'pino-std-serializers'),
  },
  { label: 'kafkajs', match: inPackages('kafkajs') },
  { label: 'pg driver', match: inPackages('pg', 'pg-protocol', 'pg-types', 'pg-pool') },
  { label: 'knex', match: inPackages('knex') },
  { label: 'MikroORM', match: inPackages('@mikro-orm/') },
  {
    label: 'class-validator',
    match: inPackages('class-validator', 'validator', 'libphonenumber-js'),
  },
  { label: 'class-transformer', match: inPackages('class-transformer') },
  { label: 'JWT', match: inPackages('@nestjs/jwt', 'jsonwebtoken', 'jws', 'jwa') },
  { label: 'Nest microservices', match: inPackages('@nestjs/microservices') },
  { label: 'Nest core/common', match: inPackages('@nestjs/core', '@nestjs/common') },
  { label: 'Nest swagger', match: inPackages('@nestjs/swagger') },
  {
    label: 'fastify',
    match: inPackages('fastify', 'find-my-way', 'light-my-request', 'avvio', '@fastify/'),
  },
  { label: 'prom-client', match: inPackages('prom-client', '@willsoto/nestjs-prometheus') },
  { label: 'rxjs', match: inPackages('rxjs') },
  { label: 'reflect-metadata', match: inPackages('reflect-metadata') },
  { label: 'other npm packages', match: (frame) => frame.url.includes('/node_modules/') },
  { label: 'app code', match: inPackages('app:') },
  { label: '@bp libs', match: inPackages('@bp/') },
  { label: 'Node internals / V8 builtins only', match: () => true },
];

const inUrl =
  (...parts) =>
  (frame) =>
    parts.some((part) => frame.url.includes(part));
const either =
  (...matchers) =>
  (frame, pkg) =>
    matchers.some((match) => match(frame, pkg));
const SOCKET_WRITES =
  /^(writeBuffer|writev|writeUtf8String|writeString|writeLatin1String|writeAsciiString)$/;

export const OPERATION_COSTS = [
  {
    label: 'request logging (pino-http, pino, serializers)',
    match: either(
      inPackages('pino', 'pino-http', 'nestjs-pino', 'sonic-boom', 'pino-std-serializers'),
      inUrl('/libs/observability/src/logger.js'),
    ),
  },
  {
    label: 'JWT verify (jsonwebtoken, RS/ES signature)',
    match: inPackages('jsonwebtoken', 'jws', 'jwa', '@nestjs/jwt'),
  },
  {
    label: 'AuthenticationGuard.canActivate (sync part)',
    match: inUrl('/interface/auth/authentication.guard.js'),
  },
  {
    label: 'em.findOne (gateway: the account lookup)',
    match: either(
      inUrl('/application/identity.service.js'),
      named(/^findOne$/, /^@mikro-orm\/core$/),
    ),
  },
  {
    label: 'rate limit (guard, counter SQL)',
    match: inUrl(
      '/interface/http/rate-limit.guard.js',
      '/persistence/rate-limit-counter.js',
      '/domain/rate-limit.js',
    ),
  },
  { label: 'ValidationPipe (Nest)', match: inUrl('/@nestjs/common/pipes/validation.pipe.js') },
  {
    label: 'command validation (contracts validatePlain)',
    match: inUrl('/libs/contracts/src/validation.js'),
  },
  { label: 'class-validator', match: inPackages('class-validator', 'validator') },
  { label: 'class-transformer', match: inPackages('class-transformer') },
  {
    label: 'service call (ServiceClient, ClientKafka)',
    match: inUrl('/libs/messaging/src/client/', '/@nestjs/microservices/client/'),
  },
  {
    label: 'Kafka server side (Nest ServerKafka, rpc context)',
    match: inUrl('/@nestjs/microservices/server/', '/@nestjs/microservices/context/'),
  },
  {
    label: 'kafkajs produce (encode, send)',
    match: inUrl(
      '/kafkajs/src/producer/',
      '/kafkajs/src/protocol/requests/produce/',
      '/kafkajs/src/protocol/encoder.js',
      '/kafkajs/src/protocol/recordBatch/',
      '/kafkajs/src/protocol/request.js',
    ),
  },
  {
    label: 'kafkajs consume (fetch, decode)',
    match: inUrl(
      '/kafkajs/src/consumer/',
      '/kafkajs/src/protocol/requests/fetch/',
      '/kafkajs/src/protocol/decoder.js',
    ),
  },
  { label: 'kafkajs network (connection, queue)', match: inUrl('/kafkajs/src/network/') },
  {
    label: 'command dispatch, idempotency (@bp/messaging)',
    match: inUrl('/libs/messaging/src/commands/'),
  },
  { label: 'outbox (stage, relay)', match: inUrl('/libs/messaging/src/outbox/') },
  {
    label: 'event consumer, inbox (@bp/messaging)',
    match: inUrl('/libs/messaging/src/consumer/', '/libs/messaging/src/inbox/'),
  },
  { label: 'app code (use cases, domain, controllers)', match: inPackages('app:') },
  { label: 'MikroORM em.fork', match: named(/^fork$/, /^@mikro-orm\/core$/) },
  {
    label: 'MikroORM flush, unit of work',
    match: either(
      inUrl('/@mikro-orm/core/unit-of-work/'),
      named(/^(flush|commit)$/, /^@mikro-orm\//),
    ),
  },
  {
    label: 'MikroORM hydration, entity factory',
    match: inUrl(
      '/@mikro-orm/core/entity/EntityFactory.js',
      '/@mikro-orm/core/hydration/',
      '/@mikro-orm/core/entity/EntityHelper.js',
      '/@mikro-orm/core/entity/Reference.js',
    ),
  },
  {
    label: 'MikroORM query building (QueryBuilder, formatQuery)',
    match: either(inUrl('/@mikro-orm/knex/query/'), named(/^formatQuery$/)),
  },
  { label: 'MikroORM all', match: inPackages('@mikro-orm/') },
  {
    label: 'ORM path: MikroORM, knex or pg on the stack',
    match: inPackages('@mikro-orm/', 'knex', 'tarn', 'pg', 'pg-protocol', 'pg-types', 'pg-pool'),
  },
  { label: 'knex (runner, pool, transactions)', match: inPackages('knex', 'tarn') },
  {
    label: 'pg driver and protocol',
    match: inPackages('pg', 'pg-protocol', 'pg-types', 'pg-pool'),
  },
  {
    label: 'socket and file writes (native)',
    self: true,
    match: (frame) => !frame.url && SOCKET_WRITES.test(frame.functionName),
  },
  {
    label: 'Nest HTTP pipeline (router, guards, pipes, interceptors)',
    match: inPackages('@nestjs/core', '@nestjs/platform-fastify'),
  },
  {
    label: 'fastify (routing, hooks, reply)',
    match: inPackages('fastify', 'find-my-way', '@fastify/middie', 'fast-json-stringify'),
  },
  { label: 'Node HTTP server (parse, write)', match: inUrl('node:_http_') },
  { label: 'prom-client metrics', match: inPackages('prom-client', '@willsoto/nestjs-prometheus') },
  { label: 'rxjs', match: inPackages('rxjs') },
  {
    label: 'AsyncLocalStorage, correlation scope',
    match: either(
      inUrl('/libs/observability/src/correlation.js'),
      inUrl('node:internal/async_local_storage'),
    ),
  },
  {
    label: 'promise machinery (runMicrotasks self)',
    self: true,
    match: (frame) => !frame.url && frame.functionName === 'runMicrotasks',
  },
  { label: 'GC', match: (frame) => frame.functionName === '(garbage collector)' },
];

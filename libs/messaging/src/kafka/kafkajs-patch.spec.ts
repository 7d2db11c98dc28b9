// KafkaJS 2.2.4 is the last release; infra/patches/kafkajs+2.2.4.patch (applied by `npm ci`
// through patch-package) stops its request queue from re-arming a 1 ms timer forever once a
// connection has nothing pending (tulios/kafkajs#1556). Without it every broker connection of every
// app runs a busy loop of timers: about 40 ms of CPU per second per idle app (test/bench/RESULTS.md).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
};

const quietLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

function queue() {
  return new RequestQueue({
    instrumentationEmitter: null,
    maxInFlightRequests: 1,
    requestTimeout: 1_000,
    enforceRequestTimeout: true,
    clientId: 'patch-check',
    broker: '127.0.0.1:0',
    logger: quietLogger,
  });
}

describe('the patched KafkaJS request queue', () => {
  it('schedules no check when nothing is pending', () => {
    const idle = queue();
    idle.checkPendingRequests();
    const scheduled = idle.throttleCheckTimeoutId;
    // Unpatched, that timer would re-arm itself for ever and keep the test process alive.
    if (scheduled) clearTimeout(scheduled);
    expect(scheduled).toBeNull();
  });

  it('still schedules one for a request held back by throttling', () => {
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 60_000;
    throttled.pending.push({});
    throttled.checkPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(throttled.throttleCheckTimeoutId!);
  });
});

// The same patch keeps a connection that breaks during SCRAM authentication (a broker restarting)
// a retriable connection error. KafkaJS wrapped it in a non-retriable authentication error, and a
// consumer that crashes on one is not restarted: the chaos run lost an event consumer that way on
// every kill -9 of the broker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SCRAM, DIGESTS } = require('kafkajs/src/broker/saslAuthenticator/scram') as {
  SCRAM: new (...args: unknown[]) => { authenticate(): Promise<void> };
  DIGESTS: Record<string, unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KafkaJSConnectionError } = require('kafkajs/src/errors') as {
  KafkaJSConnectionError: new (message: string) => Error & { retriable: boolean };
};

function scramFailingWith(error: Error) {
  return new SCRAM(
    { username: 'rfi-service', password: 'secret' },
    '127.0.0.1',
    19092,
    quietLogger,
    () => Promise.reject(error),
    DIGESTS.SHA512,
  );
}

describe('the patched KafkaJS SCRAM authentication', () => {
  it('lets a connection broken during the exchange through as the retriable error it is', async () => {
    const broken = new KafkaJSConnectionError('Connection error: read ECONNRESET');
    await expect(scramFailingWith(broken).authenticate()).rejects.toBe(broken);
    expect(broken.retriable).toBe(true);
  });

  it('still reports a refusal as a failed authentication, which is not retried', async () => {
    await expect(
      scramFailingWith(new Error('Invalid server signature')).authenticate(),
    ).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError', retriable: false });
  });
});

import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { OutboxRelay, createKafka, producerConfig, stageEvents } from '@bp/messaging';
import { databaseUrl } from '@bp/persistence';
import { createEventTopic, testKafka, TopicRecorder } from '../../../test/support/kafka-fixtures';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { eventually, kafkaConnection } from '../../../test/support/test-env';
import { probeEvents } from './probe-fixture';

jest.setTimeout(120_000);

/**
 * A TCP relay to PostgreSQL that can go silent without closing anything: what a relay sees when a
 * network path dies, a VM freezes or a firewall drops a connection's state.
 */
class SilenceableProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private silent = false;

  constructor(private readonly upstreamPort: number) {
    this.server = net.createServer((client) => this.accept(client));
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () =>
        resolve((this.server.address() as net.AddressInfo).port),
      ),
    );
  }

  /** From now on nothing passes either way, and nothing is closed. */
  silence(): void {
    this.silent = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.silent) return client.pause() as unknown as void;
    const upstream = this.track(net.connect(this.upstreamPort, '127.0.0.1'));
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private track(socket: net.Socket): net.Socket {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }
}

describe('the outbox relay on a connection that goes silent (real PostgreSQL, real Kafka)', () => {
  let orm: MikroORM;
  let connectionString: string;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const db = await createMessagingTestDatabase('bp_relay_session_it');
    orm = db.orm;
    connectionString = databaseUrl(db.config.database);
  });

  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  afterAll(() => orm.close(true));

  function relay(name: string, through: string): OutboxRelay {
    const started = new OutboxRelay({
      connectionString: through,
      service: 'it-silent',
      producer: createKafka(`it-relay-${name}`, kafkaConnection()).producer(producerConfig()),
      pollIntervalMs: 200,
      standbyIntervalMs: 200,
      sessionTimeoutMs: 1_500,
    });
    started.start();
    closers.push(() => started.stop());
    return started;
  }

  it('hands the lock to a standby when the active relay goes silent, and the events flow on', async () => {
    const topic = await createEventTopic(testKafka(), 1);
    const proxy = new SilenceableProxy(Number(new URL(connectionString).port || 5432));
    const proxyPort = await proxy.listen();
    closers.push(() => proxy.close());
    const viaProxy = new URL(connectionString);
    viaProxy.port = String(proxyPort);

    const cutOff = relay('cut-off', viaProxy.toString());
    await eventually('the first relay to be active', async () => cutOff.isActive);
    const standby = relay('standby', connectionString);
    const seen = await new TopicRecorder(testKafka()).start(topic);
    closers.push(() => seen.stop());

    proxy.silence();
    const { incremented } = probeEvents(topic);
    const counterId = `silent-${randomUUID()}`;
    await fork(orm).transactional((em) =>
      stageEvents(
        em,
        [{ definition: incremented, subject: counterId, data: { counterId, sequence: 1 } }],
        {
          source: 'it',
        },
      ),
    );

    await eventually('the standby to take over', async () => standby.isActive, 30_000);
    await eventually('the event to be published', async () => seen.on(topic).length >= 1, 30_000);
    expect(seen.on(topic)).toHaveLength(1);
  });
});

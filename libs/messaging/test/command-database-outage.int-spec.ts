import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { IsString } from 'class-validator';
import { defineCommand } from '@bp/contracts';
import { CommandAssertionSigner } from '@bp/auth';
import { CommandContext, CommandDispatcher, HandlesCommand } from '@bp/messaging';
import { mikroOrmOptions } from '@bp/persistence';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { fixedKeys } from '../../../test/support/command-signing';
import { ecKeys, signedCommand, startDispatcher } from './dispatcher-fixture';
import { DatabaseProxy } from '../../../test/support/database-proxy';
import { DATABASE_URL, eventually } from '../../../test/support/test-env';
import { applyIncrement, createProbeTable, probeValue } from './probe-fixture';

jest.setTimeout(60_000);

class CounterPayload {
  @IsString()
  counterId!: string;
}

const Increment = defineCommand({
  service: 'every',
  payload: CounterPayload,
  name: 'probe.outage-increment',
  mutating: true,
});

@Injectable()
class OutageHandlers {
  @HandlesCommand(Increment)
  async increment({ counterId }: CounterPayload, { em }: CommandContext) {
    await applyIncrement(em, counterId, 1);
    return { done: true };
  }
}

const SERVICE = 'it-outage';
const keys = fixedKeys(ecKeys());
const gateway = new CommandAssertionSigner(keys);

/*
 * PostgreSQL going down under a service: a pooled connection dies before its transaction's first
 * statement, and knex reports only "Transaction query already complete". The service answered
 * 500, where the README promises 503 and a retry with the same Idempotency-Key.
 */
describe('database down during a request (real PostgreSQL behind a proxy)', () => {
  let direct: MikroORM;
  let proxied: MikroORM;
  let proxy: DatabaseProxy;
  let dispatcher: CommandDispatcher;

  beforeAll(async () => {
    const { orm, config } = await createMessagingTestDatabase('bp_dispatcher_outage_it');
    direct = orm;
    await createProbeTable(fork(direct));
    proxy = new DatabaseProxy(Number(new URL(DATABASE_URL).port || 5432));
    const server = new URL(DATABASE_URL);
    server.port = String(await proxy.listen());
    proxied = await MikroORM.init<PostgreSqlDriver>(
      mikroOrmOptions({
        ...config,
        database: { ...config.database, serverUrl: server.toString() },
      }),
    );
    ({ dispatcher } = await startDispatcher(proxied, OutageHandlers, SERVICE, keys.publicKey));
  });

  afterAll(async () => {
    await proxied.close(true).catch(() => undefined);
    await proxy.close();
    await direct.close(true);
  });

  const increment = (counterId: string, idempotencyKey: string) =>
    dispatcher.dispatch(
      signedCommand(gateway, SERVICE, Increment.name, { counterId }, { idempotencyKey }),
    );

  it('answers 503, writes nothing, and the same request applies once the database is back', async () => {
    expect(await increment(`warm-${randomUUID()}`, randomUUID())).toMatchObject({ ok: true });
    const counterId = `outage-${randomUUID()}`;
    const key = randomUUID();

    proxy.cut();
    const during = await increment(counterId, key);
    proxy.restore();

    expect(during).toMatchObject({ ok: false, problem: { status: 503 } });
    expect(await probeValue(fork(direct), counterId)).toBeNull();
    // A client retries a 503 with the same key; the pool may hand out a dead connection first.
    await eventually('the retry applied', async () => (await increment(counterId, key)).ok);
    expect(await increment(counterId, key)).toMatchObject({ ok: true });
    expect((await probeValue(fork(direct), counterId))?.value).toBe(1);
  });
});

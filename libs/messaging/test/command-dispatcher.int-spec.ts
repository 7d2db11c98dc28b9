import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { IsString, Matches } from 'class-validator';
import { Actor, CommandMessage, CommandReply, ConflictError, defineCommand } from '@bp/contracts';
import { CommandAssertionSigner, requestDigest } from '@bp/auth';
import {
  CommandContext,
  CommandDispatcher,
  HandlesCommand,
  pruneMessageReplies,
  stageEvents,
} from '@bp/messaging';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';
import { fixedKeys } from '../../../test/support/command-signing';
import { ecKeys, serbianFocalPoint, signedCommand, startDispatcher } from './dispatcher-fixture';
import { sleep } from '../../../test/support/test-env';
import { applyIncrement, createProbeTable, probeEvents, probeValue } from './probe-fixture';

class CounterPayload {
  @IsString()
  @Matches(/^[a-z0-9-]+$/)
  counterId!: string;
}

const probe = { service: 'every', payload: CounterPayload } as const;
const Increment = defineCommand({ ...probe, name: 'probe.increment', mutating: true, status: 201 });
const IncrementThenRefuse = defineCommand({
  ...probe,
  name: 'probe.increment-then-refuse',
  mutating: true,
});
const Read = defineCommand({ ...probe, name: 'probe.read', mutating: false });
const TOPIC = 'it.dispatcher.events';

@Injectable()
class ProbeHandlers {
  calls = 0;

  @HandlesCommand(Increment)
  async increment({ counterId }: CounterPayload, { em, actor }: CommandContext) {
    this.calls += 1;
    await applyIncrement(em, counterId, this.calls);
    const { incremented } = probeEvents(TOPIC);
    await stageEvents(
      em,
      [{ definition: incremented, subject: counterId, data: { counterId, sequence: this.calls } }],
      {
        source: 'it',
        actor,
      },
    );
    return { value: (await probeValue(em, counterId))!.value };
  }

  @HandlesCommand(IncrementThenRefuse)
  async incrementThenRefuse({ counterId }: CounterPayload, { em }: CommandContext) {
    await applyIncrement(em, counterId, 1);
    throw new ConflictError('TEST.REFUSED_AFTER_WRITING', 'refused after writing');
  }

  @HandlesCommand(Read)
  async read({ counterId }: CounterPayload, { em }: CommandContext) {
    return probeValue(em, counterId);
  }
}

const SERVICE = 'it-service';
const gatewayKeys = fixedKeys(ecKeys());
const gateway = new CommandAssertionSigner(gatewayKeys);

describe('CommandDispatcher (real PostgreSQL)', () => {
  let orm: MikroORM;
  let dispatcher: CommandDispatcher;
  let handlers: ProbeHandlers;
  const actor = serbianFocalPoint;

  beforeAll(async () => {
    ({ orm } = await createMessagingTestDatabase('bp_dispatcher_it'));
    await createProbeTable(fork(orm));
    ({ dispatcher, handlers } = await startDispatcher(
      orm,
      ProbeHandlers,
      SERVICE,
      gatewayKeys.publicKey,
    ));
  });

  afterAll(() => orm.close(true));

  /** A command as the gateway sends it, from the spec's one user unless `as` says. */
  const message = (
    name: string,
    payload: object,
    meta: Partial<CommandMessage['meta']> = {},
    as: Actor | null = actor,
  ) => signedCommand(gateway, SERVICE, name, payload, meta, as);

  async function outboxCount(counterId: string): Promise<number> {
    const rows = await fork(orm).execute<{ n: string }[]>(
      'select count(*) as n from outbox_message where message_key = ?',
      [counterId],
    );
    return Number(rows[0]!.n);
  }

  it('replays the first answer for a repeated Idempotency-Key and changes nothing more', async () => {
    const counterId = `idem-${randomUUID().slice(0, 8)}`;
    const idempotencyKey = randomUUID();
    const first = await dispatcher.dispatch(
      message(Increment.name, { counterId }, { idempotencyKey }),
    );
    const second = await dispatcher.dispatch(
      message(Increment.name, { counterId }, { idempotencyKey }),
    );
    expect(first).toEqual({ ok: true, status: 201, body: { value: 1 } });
    expect(second).toEqual(first);
    expect((await probeValue(fork(orm), counterId))?.value).toBe(1);
    expect(await outboxCount(counterId)).toBe(1);

    const withoutKey = await dispatcher.dispatch(message(Increment.name, { counterId }));
    expect(withoutKey).toMatchObject({ ok: true, body: { value: 2 } });
  });

  // Issue 13: "a rebalance re-runs commands whose offsets were not committed" (a redelivery as after one).
  it('a command delivered again, as after a rebalance, without an Idempotency-Key is applied once, by its message id', async () => {
    const counterId = `redelivered-${randomUUID().slice(0, 8)}`;
    const delivered = message(Increment.name, { counterId }, { messageId: randomUUID() });
    const first = await dispatcher.dispatch(delivered);
    const again = await dispatcher.dispatch(delivered);
    expect(first).toEqual({ ok: true, status: 201, body: { value: 1 } });
    expect(again).toEqual(first);
    expect((await probeValue(fork(orm), counterId))?.value).toBe(1);
    expect(await outboxCount(counterId)).toBe(1);

    const anotherMessage = message(Increment.name, { counterId }, { messageId: randomUUID() });
    expect(await dispatcher.dispatch(anotherMessage)).toMatchObject({ body: { value: 2 } });
  });

  it('prunes replies kept by message id once no redelivery can reach them, never those kept by key', async () => {
    const counterId = `prune-${randomUUID().slice(0, 8)}`;
    const byMessage = message(Increment.name, { counterId }, { messageId: randomUUID() });
    const byKey = message(Increment.name, { counterId }, { idempotencyKey: randomUUID() });
    await dispatcher.dispatch(byMessage);
    await dispatcher.dispatch(byKey);
    const kept = async () =>
      (
        await fork(orm).execute<{ idempotency_key: string }[]>(
          'select idempotency_key from idempotency_record where actor_key = ? and idempotency_key in (?, ?)',
          [actor.userId, `message ${byMessage.meta.messageId}`, byKey.meta.idempotencyKey],
        )
      ).map((row) => row.idempotency_key);
    expect(await kept()).toHaveLength(2);
    await fork(orm).execute(
      `update idempotency_record set created_at = now() - interval '2 hours' where actor_key = ?`,
      [actor.userId],
    );
    expect(await pruneMessageReplies(fork(orm))).toBeGreaterThanOrEqual(1);
    expect(await kept()).toEqual([byKey.meta.idempotencyKey]);
  });

  it('applies concurrent duplicates once and gives every one the same answer', async () => {
    const counterId = `race-${randomUUID().slice(0, 8)}`;
    const idempotencyKey = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 6 }, () =>
        dispatcher.dispatch(message(Increment.name, { counterId }, { idempotencyKey })),
      ),
    );
    for (const reply of replies)
      expect(reply).toEqual({ ok: true, status: 201, body: { value: 1 } });
    expect((await probeValue(fork(orm), counterId))?.value).toBe(1);
    expect(await outboxCount(counterId)).toBe(1);
  });

  it('refuses a key reused for another request with 409', async () => {
    const idempotencyKey = randomUUID();
    await dispatcher.dispatch(
      message(Increment.name, { counterId: `a-${randomUUID().slice(0, 8)}` }, { idempotencyKey }),
    );
    const reused = await dispatcher.dispatch(
      message(Increment.name, { counterId: `b-${randomUUID().slice(0, 8)}` }, { idempotencyKey }),
    );
    expect(reused).toMatchObject({
      ok: false,
      problem: { status: 409, title: 'Idempotency-Key reused' },
    });
  });

  it('keys are per user: the same key from another user is another request', async () => {
    const counterId = `users-${randomUUID().slice(0, 8)}`;
    const idempotencyKey = randomUUID();
    await dispatcher.dispatch(message(Increment.name, { counterId }, { idempotencyKey }));
    const other = await dispatcher.dispatch(
      message(
        Increment.name,
        { counterId },
        { idempotencyKey },
        { ...actor, userId: randomUUID() },
      ),
    );
    expect(other).toMatchObject({ ok: true, body: { value: 2 } });
  });

  it('rolls back everything a handler wrote when it refuses, and answers with its problem', async () => {
    const counterId = `refuse-${randomUUID().slice(0, 8)}`;
    const idempotencyKey = randomUUID();
    const reply = await dispatcher.dispatch(
      message(IncrementThenRefuse.name, { counterId }, { idempotencyKey }),
    );
    expect(reply).toMatchObject({
      ok: false,
      problem: { status: 409, detail: 'refused after writing' },
    });
    expect(await probeValue(fork(orm), counterId)).toBeNull();
    const stored = await fork(orm).execute(
      'select 1 from idempotency_record where idempotency_key = ?',
      [idempotencyKey],
    );
    expect(stored).toHaveLength(0);
  });

  it('answers invalid payloads with 400 and the field at fault, without calling the handler', async () => {
    const before = handlers.calls;
    const reply = (await dispatcher.dispatch(
      message(Increment.name, { counterId: 'NOT VALID', extra: 1 }),
    )) as Extract<CommandReply, { ok: false }>;
    expect(reply.ok).toBe(false);
    expect(reply.problem.status).toBe(400);
    expect(reply.problem.errors?.map((e) => e.field).sort()).toEqual(['counterId', 'extra']);
    expect(handlers.calls).toBe(before);
  });

  it('does not start a command whose deadline has passed', async () => {
    const counterId = `late-${randomUUID().slice(0, 8)}`;
    const reply = await dispatcher.dispatch(
      message(Increment.name, { counterId }, { deadline: new Date(Date.now() - 1).toISOString() }),
    );
    expect(reply).toMatchObject({ ok: false, problem: { status: 504 } });
    expect(await probeValue(fork(orm), counterId)).toBeNull();
  });

  describe('a command can commit after the gateway answered 504', () => {
    it('is rolled back when a lock holds it past its deadline, and never applied later', async () => {
      const counterId = `held-${randomUUID().slice(0, 8)}`;
      await applyIncrement(fork(orm), counterId, 0);
      const holder = fork(orm);
      await holder.begin();
      await holder.execute('select 1 from probe_counter where id = ? for update', [counterId]);
      let lockReleased = false;
      const released = sleep(1_500).then(async () => {
        await holder.rollback();
        lockReleased = true;
      });

      const reply = await dispatcher.dispatch(
        message(
          Increment.name,
          { counterId },
          { deadline: new Date(Date.now() + 700).toISOString() },
        ),
      );
      // The deadline's statement timeout ended the lock wait, not the holder letting go.
      expect(lockReleased).toBe(false);
      await released;

      expect(reply).toMatchObject({
        ok: false,
        problem: { status: 504, detail: expect.stringContaining('nothing was applied') },
      });
      expect((await probeValue(fork(orm), counterId))?.value).toBe(1);
      expect(await outboxCount(counterId)).toBe(0);
    });

    it('answers a redelivery of a command that committed with what it did, even just past its deadline', async () => {
      const counterId = `committed-${randomUUID().slice(0, 8)}`;
      const delivered = message(
        Increment.name,
        { counterId },
        { deadline: new Date(Date.now() + 400).toISOString() },
      );
      const first = await dispatcher.dispatch(delivered);
      await sleep(600);
      expect(await dispatcher.dispatch(delivered)).toEqual(first);
      expect(first).toMatchObject({ ok: true, body: { value: 1 } });
      expect((await probeValue(fork(orm), counterId))?.value).toBe(1);
    });
  });

  describe('believes no caller the gateway did not sign for this very message', () => {
    const stranger = new CommandAssertionSigner(fixedKeys(ecKeys()));
    const later = () => new Date(Date.now() + 10_000).toISOString();
    const digestOf = (m: CommandMessage) =>
      requestDigest({
        name: m.name,
        payload: m.payload,
        idempotencyKey: m.meta.idempotencyKey,
        ifMatch: m.meta.ifMatch,
      });
    const forgeries: [string, (m: CommandMessage) => string | undefined][] = [
      ['no assertion', () => undefined],
      ['not a token', () => 'not-a-token'],
      [
        'signed with another key',
        (m) =>
          stranger.sign(actor, {
            service: SERVICE,
            command: m.name,
            messageId: m.meta.messageId!,
            deadline: later(),
            request: digestOf(m),
          }),
      ],
      [
        'bound to another command',
        (m) =>
          gateway.sign(actor, {
            service: SERVICE,
            command: Read.name,
            messageId: m.meta.messageId!,
            deadline: later(),
            request: digestOf(m),
          }),
      ],
      [
        'bound to another message',
        (m) =>
          gateway.sign(actor, {
            service: SERVICE,
            command: m.name,
            messageId: randomUUID(),
            deadline: later(),
            request: digestOf(m),
          }),
      ],
      [
        'for another service',
        (m) =>
          gateway.sign(actor, {
            service: 'rfi-service',
            command: m.name,
            messageId: m.meta.messageId!,
            deadline: later(),
            request: digestOf(m),
          }),
      ],
      [
        'expired',
        (m) =>
          gateway.sign(actor, {
            service: SERVICE,
            command: m.name,
            messageId: m.meta.messageId!,
            deadline: new Date(Date.now() - 60_000).toISOString(),
            request: digestOf(m),
          }),
      ],
      [
        'signed for another payload',
        (m) =>
          gateway.sign(actor, {
            service: SERVICE,
            command: m.name,
            messageId: m.meta.messageId!,
            deadline: later(),
            request: digestOf({ ...m, payload: { counterId: 'someone-elses' } }),
          }),
      ],
      [
        'signed without the Idempotency-Key the message carries',
        (m) => {
          const keyed = { ...m, meta: { ...m.meta, idempotencyKey: undefined } };
          return gateway.sign(actor, {
            service: SERVICE,
            command: m.name,
            messageId: m.meta.messageId!,
            deadline: later(),
            request: digestOf(keyed),
          });
        },
      ],
      [
        'another actor written into a signed one',
        (m) => {
          const [header, , signature] = m.meta.assertion!.split('.');
          const claims = JSON.parse(
            Buffer.from(m.meta.assertion!.split('.')[1]!, 'base64url').toString('utf8'),
          ) as Record<string, unknown>;
          const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString(
            'base64url',
          );
          return `${header}.${forged}.${signature}`;
        },
      ],
    ];

    it.each(forgeries)('%s: 403, and nothing is written', async (_, forge) => {
      const counterId = `forged-${randomUUID().slice(0, 8)}`;
      const genuine = message(Increment.name, { counterId }, { idempotencyKey: randomUUID() });
      const reply = await dispatcher.dispatch({
        ...genuine,
        meta: { ...genuine.meta, assertion: forge(genuine) },
      });
      expect(reply).toMatchObject({
        ok: false,
        problem: { status: 403, code: 'COMMAND.UNVERIFIED' },
      });
      expect(await probeValue(fork(orm), counterId)).toBeNull();
      expect(handlers.calls).toBe(callsBefore);
    });

    let callsBefore = 0;
    beforeEach(() => (callsBefore = handlers.calls));

    it('an assertion without an actor is anonymous, and an actor written beside it is refused', async () => {
      const counterId = `beside-${randomUUID().slice(0, 8)}`;
      const anonymous = message(Increment.name, { counterId }, {}, null);
      expect(await dispatcher.dispatch(anonymous)).toMatchObject({
        ok: false,
        problem: { status: 403, code: 'ROLE.UNAUTHENTICATED' },
      });
      const withActor = { ...anonymous, meta: { ...anonymous.meta, actor } };
      expect(await dispatcher.dispatch(withActor)).toMatchObject({
        ok: false,
        problem: { status: 400, code: 'COMMAND.MALFORMED' },
      });
      expect(await probeValue(fork(orm), counterId)).toBeNull();
    });
  });

  it('answers malformed messages and unknown commands with 400', async () => {
    expect(await dispatcher.dispatch({ nonsense: true })).toMatchObject({
      ok: false,
      problem: { status: 400, title: 'Malformed command' },
    });
    expect(await dispatcher.dispatch(message('probe.unknown', {}))).toMatchObject({
      ok: false,
      problem: { status: 400, title: 'Unknown command' },
    });
  });

  it('runs queries without a transaction or idempotency record', async () => {
    const counterId = `read-${randomUUID().slice(0, 8)}`;
    await dispatcher.dispatch(message(Increment.name, { counterId }));
    expect(await dispatcher.dispatch(message(Read.name, { counterId }))).toEqual({
      ok: true,
      status: 200,
      body: { value: 1, sequences: [expect.any(Number)] },
    });
  });
});

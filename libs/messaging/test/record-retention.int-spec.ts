import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { DeploymentEvents, EVENT_CATALOG, RfiEvents, Topics } from '@bp/contracts';
import { RECORD_RETENTION, pruneKeptRecords } from '@bp/messaging';
import { createMessagingTestDatabase, fork } from '../../../test/support/database-fixtures';

const DAY = 24 * 3_600_000;

/*
 * inbox_message and idempotency_record grew for ever. They are what makes a redelivery harmless,
 * so each row may go only once its message can no longer come again.
 */
describe('inbox_message and idempotency_record grow forever (real PostgreSQL)', () => {
  let orm: MikroORM;
  // An event of a topic with a bounded retention (the live stream's): its rows may go.
  const boundedType = EVENT_CATALOG.types().find(
    (type) => EVENT_CATALOG.get(type).topic === Topics.notificationEvents,
  )!;

  beforeAll(async () => {
    ({ orm } = await createMessagingTestDatabase('bp_record_retention_it'));
  });

  afterAll(() => orm.close(true));

  beforeEach(async () => {
    await fork(orm).execute('delete from inbox_message');
    await fork(orm).execute('delete from idempotency_record');
  });

  async function inboxRow(eventType: string, ageMs: number): Promise<string> {
    const eventId = randomUUID();
    await fork(orm).execute(
      `insert into inbox_message (consumer, event_id, event_type, handled_at)
       values ('it', ?, ?, now() - make_interval(secs => ?))`,
      [eventId, eventType, ageMs / 1000],
    );
    return eventId;
  }

  async function reply(key: string, ageMs: number): Promise<string> {
    await fork(orm).execute(
      `insert into idempotency_record (actor_key, idempotency_key, command, request_hash, reply, created_at)
       values ('it', ?, 'probe', 'hash', '{}'::jsonb, now() - make_interval(secs => ?))`,
      [key, ageMs / 1000],
    );
    return key;
  }

  async function kept(table: 'inbox_message' | 'idempotency_record'): Promise<string[]> {
    const column = table === 'inbox_message' ? 'event_id' : 'idempotency_key';
    const rows = await fork(orm).execute<{ id: string }[]>(
      `select ${column}::text as id from ${table} order by 1`,
    );
    return rows.map((row) => row.id);
  }

  it('prunes each record once its message cannot come again, and never an inbox row of a topic kept for good', async () => {
    const inbox = {
      recent: await inboxRow(boundedType, RECORD_RETENTION.inboxMs - DAY),
      expired: await inboxRow(boundedType, RECORD_RETENTION.inboxMs + DAY),
      keptForGood: await inboxRow(DeploymentEvents.ended.type, 10 * RECORD_RETENTION.inboxMs),
      // The reporting model is rebuilt from the requests' events: kept for good too.
      rfiKeptForGood: await inboxRow(RfiEvents.submitted.type, 10 * RECORD_RETENTION.inboxMs),
      unknownType: await inboxRow('someone.elses-event', 10 * RECORD_RETENTION.inboxMs),
    };
    const replies = {
      byMessageRecent: await reply(`message ${randomUUID()}`, 60_000),
      byMessageExpired: await reply(`message ${randomUUID()}`, 2 * 3_600_000),
      byKeyRecent: await reply(randomUUID(), RECORD_RETENTION.clientKeyRepliesMs - DAY),
      byKeyExpired: await reply(randomUUID(), RECORD_RETENTION.clientKeyRepliesMs + DAY),
    };

    expect(await pruneKeptRecords(fork(orm))).toEqual({
      messageReplies: 1,
      clientKeyReplies: 1,
      inboxRows: 1,
    });

    expect(await kept('inbox_message')).toEqual(
      [inbox.recent, inbox.keptForGood, inbox.rfiKeptForGood, inbox.unknownType].sort(),
    );
    expect(await kept('idempotency_record')).toEqual(
      [replies.byMessageRecent, replies.byKeyRecent].sort(),
    );
  });
});

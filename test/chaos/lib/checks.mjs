// What must hold after the faults, from the databases and the topics, not from the client's word:
// each accepted command applied exactly once, no effect twice, events published (outbox empty),
// per aggregate in order, consumed once by every consumer, nothing dead-lettered.
import { createRequire } from 'node:module';
import path from 'node:path';
import { step } from '../../../infra/scripts/lib/log.mjs';
import { ROOT } from '../../../infra/scripts/lib/settings.mjs';
import { sleep } from '../../../infra/scripts/lib/processes.mjs';
import { databaseOf, groupLag, query, readTopics } from './evidence.mjs';

// Who writes and who consumes which event topic, from the contracts the apps were built with
// (libs/contracts kafka/services.ts: `eventTopic`, `consumes`).
const SERVICES = Object.values(
  createRequire(import.meta.url)(path.join(ROOT, 'dist/libs/contracts/src/kafka/services.js'))
    .SERVICES,
);
const EVENT_TOPICS = Object.fromEntries(SERVICES.map((s) => [s.name, s.eventTopic]));
/** Who consumes what through an inbox. */
const CONSUMERS = Object.fromEntries(
  SERVICES.filter((s) => s.consumes.length).map((s) => [s.name, [...s.consumes]]),
);
const SERVICE_APP = {
  rfi: 'rfi-service',
  deployment: 'deployment-service',
  'knowledge-exchange': 'knowledge-exchange-service',
};

/** How many rows each command's key made, per kind: { key: [ids] }. */
const EFFECTS = {
  'rfi.file': [
    'rfi-service',
    `select substr(title, 7) as key, id::text as id from information_request where title like 'Chaos %'`,
  ],
  'rfi.respond': [
    'rfi-service',
    `select substr(body, 14) as key, rfi_id::text as id from rfi_message where body like 'Chaos answer %'`,
  ],
  'officer.register': [
    'deployment-service',
    `select substring(email from '^chaos-(.*)@') as key, id::text as id from officer where email like 'chaos-%'`,
  ],
  'deployment.propose': [
    'deployment-service',
    `select substr(note, 7) as key, id::text as id from deployment where note like 'Chaos %'`,
  ],
  'exchange.post': [
    'knowledge-exchange-service',
    `select substr(title, 7) as key, id::text as id from knowledge_exchange where title like 'Chaos %'`,
  ],
  'exchange.offer': [
    'knowledge-exchange-service',
    `select substr(o->>'description', 13) as key, k.id::text as id
       from knowledge_exchange k, jsonb_array_elements(k.offers) o
      where o->>'description' like 'Chaos offer %'`,
  ],
};

class Verdicts {
  constructor() {
    this.list = [];
  }
  check(name, problems, figures = '') {
    const shown = problems.slice(0, 5).map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
    this.list.push({ name, ok: problems.length === 0, count: problems.length, shown, figures });
  }
}

async function outboxLeft(settings) {
  let left = 0;
  for (const app of Object.keys(EVENT_TOPICS)) {
    const [row] = await query(
      settings,
      databaseOf(settings, app),
      `select count(*) filter (where published_at is null)::int as unpublished from outbox_message`,
    );
    left += row.unpublished;
  }
  return left;
}

async function lagOfConsumers(settings) {
  let lag = 0;
  for (const [app, topics] of Object.entries(CONSUMERS))
    lag += await groupLag(settings, `${app}.events`, topics);
  return lag;
}

/**
 * Waits until the outboxes are empty and every inbox consumer group has committed up to the end
 * of its topics, twice in a row (or `timeoutMs` passes: then the checks show what is missing).
 */
export async function settle(settings, { timeoutMs = 120_000 } = {}) {
  const started = Date.now();
  let calm = 0;
  let state = {};
  while (Date.now() - started < timeoutMs) {
    state = {
      outbox: await outboxLeft(settings).catch((error) => error.message),
      lag: await lagOfConsumers(settings).catch((error) => error.message),
    };
    calm = state.outbox === 0 && state.lag === 0 ? calm + 1 : 0;
    if (calm >= 2) break;
    await sleep(1_000);
  }
  const seconds = (Date.now() - started) / 1000;
  step(
    calm >= 2
      ? `Settled after ${seconds.toFixed(1)} s`
      : `NOT settled after ${seconds.toFixed(1)} s: outbox ${state.outbox}, consumer lag ${state.lag}`,
  );
  return seconds;
}

export async function runChecks(settings, client) {
  const v = new Verdicts();
  const accepted = client.accepted;
  const acceptedKeys = new Set(accepted.map((a) => a.key));
  const unknownKeys = new Set(client.abandoned.map((a) => a.key));

  // The client's own record.
  v.check(
    'no command refused (4xx) while retried with its key',
    client.refused.map((r) => ({ kind: r.kind, status: r.status, code: r.problem?.code })),
  );
  v.check(
    'no command given up after its retries',
    client.abandoned.map((a) => ({ kind: a.kind, last: a.lastFailure })),
  );

  // Every accepted command's effect exists once; no key has two effects; no effect without an
  // accepted command (one given up may have been applied once, or not at all).
  for (const [kind, [app, sql]] of Object.entries(EFFECTS)) {
    const rows = await query(settings, databaseOf(settings, app), sql);
    const byKey = new Map();
    for (const { key, id } of rows) byKey.set(key, [...(byKey.get(key) ?? []), id]);
    const problems = [];
    const mine = accepted.filter((a) => a.kind === kind);
    for (const a of mine) {
      const ids = byKey.get(a.key) ?? [];
      const expectedId = a.subject ?? a.id;
      if (ids.length !== 1) problems.push({ key: a.key, effects: ids.length });
      else if (expectedId && ids[0] !== expectedId)
        problems.push({ key: a.key, effect: ids[0], answered: expectedId });
    }
    for (const [key, ids] of byKey) {
      if (ids.length > 1 && !acceptedKeys.has(key)) problems.push({ key, effects: ids.length });
      if (!acceptedKeys.has(key) && !unknownKeys.has(key))
        problems.push({ key, effectWithoutAcceptedCommand: ids });
    }
    v.check(
      `${kind}: each accepted command applied exactly once`,
      problems,
      `${mine.length} accepted, ${rows.length} effects`,
    );
  }

  // Approvals change a state: the posting is APPROVED and has exactly one approval event (below).
  const approvals = accepted.filter((a) => a.kind === 'deployment.approve');
  const approved = new Set(
    (
      await query(
        settings,
        databaseOf(settings, 'deployment-service'),
        `select id::text as id from deployment where status = 'APPROVED' and id = any($1::uuid[])`,
        [approvals.map((a) => a.subject)],
      )
    ).map((r) => r.id),
  );
  v.check(
    'deployment.approve: every approved posting is APPROVED',
    approvals.filter((a) => !approved.has(a.subject)).map((a) => a.subject),
    `${approvals.length} accepted`,
  );

  // Outboxes: nothing unpublished, nothing parked.
  const outbox = new Map();
  const outboxProblems = [];
  for (const [app, topic] of Object.entries(EVENT_TOPICS)) {
    const rows = await query(
      settings,
      databaseOf(settings, app),
      `select position::bigint as position, id::text as id, topic, event_type, created_at,
              envelope->>'subject' as subject, envelope->>'correlationId' as correlation,
              published_at is not null as published, parked_at is not null as parked
         from outbox_message order by position`,
    );
    for (const row of rows) {
      outbox.set(row.id, { ...row, app, position: Number(row.position) });
      if (!row.published) outboxProblems.push({ app, id: row.id, type: row.event_type });
      if (row.parked) outboxProblems.push({ app, id: row.id, parked: true });
      if (row.topic !== topic) outboxProblems.push({ app, id: row.id, topic: row.topic });
    }
  }
  v.check(
    'outbox: nothing left unpublished or parked after settling',
    outboxProblems,
    `${outbox.size} outbox rows`,
  );

  // The topics against the outboxes: every event published, nothing on a topic that no outbox
  // holds; duplicates of one event id are allowed (republished after a crash) and counted.
  const topics = Object.values(EVENT_TOPICS);
  const records = await readTopics(settings, topics);
  const seen = new Map();
  let duplicates = 0;
  const phantom = [];
  for (const record of records) {
    const id = record.envelope?.id;
    if (!id || !outbox.has(id)) {
      phantom.push({ topic: record.topic, offset: record.offset, id });
      continue;
    }
    if (seen.has(id)) duplicates += 1;
    else seen.set(id, record);
  }
  const missing = [...outbox.values()].filter((row) => !seen.has(row.id));
  v.check(
    'topics: every outbox event on its topic, none from nowhere',
    [...missing.map((m) => ({ missing: m.id, type: m.event_type })), ...phantom],
    `${records.length} records, ${seen.size} distinct events, ${duplicates} republished duplicates`,
  );

  // Order per aggregate: the first delivery of each event follows its outbox order; subjectVersion
  // never goes back; one subjectVersion belongs to one command (one correlation id).
  const bySubject = new Map();
  for (const record of records) {
    const e = record.envelope;
    if (!e?.id || !outbox.has(e.id)) continue;
    const key = `${record.topic}|${e.subject}`;
    if (!bySubject.has(key))
      bySubject.set(key, { first: [], seenIds: new Set(), partitions: new Set() });
    const s = bySubject.get(key);
    s.partitions.add(record.partition);
    if (s.seenIds.has(e.id)) continue;
    s.seenIds.add(e.id);
    s.first.push(e);
  }
  const orderProblems = [];
  for (const [key, s] of bySubject) {
    if (s.partitions.size > 1) orderProblems.push({ subject: key, partitions: [...s.partitions] });
    const positions = s.first.map((e) => outbox.get(e.id).position);
    for (let i = 1; i < positions.length; i += 1)
      if (positions[i] < positions[i - 1]) {
        orderProblems.push({ subject: key, outOfOutboxOrder: s.first[i].type });
        break;
      }
    const versions = new Map();
    let last = -Infinity;
    for (const e of s.first) {
      if (e.subjectVersion === null || e.subjectVersion === undefined) continue;
      if (e.subjectVersion < last)
        orderProblems.push({ subject: key, version: e.subjectVersion, after: last });
      last = Math.max(last, e.subjectVersion);
      const corr = versions.get(e.subjectVersion);
      if (corr !== undefined && corr !== e.correlationId)
        orderProblems.push({ subject: key, version: e.subjectVersion, twoCommands: true });
      versions.set(e.subjectVersion, e.correlationId);
    }
  }
  v.check(
    'order: per aggregate, events in commit order, subjectVersion never repeated by two commands',
    orderProblems,
    `${bySubject.size} aggregates`,
  );

  // Each accepted command's events were written by one transaction (correlation id = its key):
  // a command applied twice would have two.
  const txByKey = new Map();
  for (const row of outbox.values()) {
    if (!acceptedKeys.has(row.correlation)) continue;
    const app = row.app;
    const k = `${row.correlation}|${app}`;
    if (!txByKey.has(k)) txByKey.set(k, new Set());
    txByKey.get(k).add(new Date(row.created_at).getTime());
  }
  const twice = [];
  for (const a of accepted) {
    const tx = txByKey.get(`${a.key}|${SERVICE_APP[a.service]}`);
    if (tx && tx.size > 1) twice.push({ key: a.key, kind: a.kind, transactions: tx.size });
    if (!tx && a.kind !== 'officer.register') twice.push({ key: a.key, kind: a.kind, events: 0 });
  }
  v.check("events: each accepted command's events come from exactly one transaction", twice);

  // Every event consumed once by each consumer: its inbox holds every event id of its topics
  // (the primary key (consumer, event id) makes twice impossible), and nothing else.
  const inboxProblems = [];
  let inboxRows = 0;
  for (const [app, consumed] of Object.entries(CONSUMERS)) {
    const rows = await query(
      settings,
      databaseOf(settings, app),
      'select consumer, event_id::text as id from inbox_message',
    );
    inboxRows += rows.length;
    const consumers = [...new Set(rows.map((r) => r.consumer))];
    if (consumers.length !== 1) inboxProblems.push({ app, consumers });
    const held = new Set(rows.map((r) => r.id));
    const expected = [...seen.values()].filter((r) => consumed.includes(r.topic));
    for (const r of expected)
      if (!held.has(r.envelope.id))
        inboxProblems.push({ app, notConsumed: r.envelope.id, type: r.envelope.type });
    const expectedIds = new Set(expected.map((r) => r.envelope.id));
    for (const id of held) if (!expectedIds.has(id)) inboxProblems.push({ app, unknownEvent: id });
  }
  v.check(
    'inbox: every event consumed once by every consumer',
    inboxProblems,
    `${inboxRows} inbox rows`,
  );

  // Nothing dead-lettered.
  const dlq = await readTopics(
    settings,
    topics.filter((t) => t !== 'bp.notification.events').map((t) => `${t}.dlq`),
  );
  v.check(
    'dead letters: none',
    dlq.map((r) => ({ topic: r.topic, type: r.envelope?.type })),
  );
  return { verdicts: v.list, events: { records: records.length, distinct: seen.size, duplicates } };
}

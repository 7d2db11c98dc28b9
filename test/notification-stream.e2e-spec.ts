import { randomUUID } from 'node:crypto';
import { API, as, tokenFor } from './support/api';
import { changeAccount, createTestAccount, freshToken } from './support/account-fixtures';
import { appsForFile } from './support/apps-for-file';
import { fileRfi } from './support/rfi-fixtures';
import { SseEvent, SseStream } from './support/sse';
import { GATEWAY_PORT, apps, eventually } from './support/test-env';

jest.setTimeout(180_000);

/** The second gateway instance (`gateway@2` listens on the gateway port + 10). */
const SECOND_API = API.replace(`:${GATEWAY_PORT}/`, `:${GATEWAY_PORT + 10}/`);

interface StreamedNotification {
  id: string;
  kind: string;
  subject: { type: string; id: string; reference?: string; title?: string };
  details: Record<string, unknown>;
  createdAt: string;
}

const notificationOf = (event: SseEvent) => JSON.parse(event.data) as StreamedNotification;
/** An event's SSE id: sealed for its user, 48 characters of base64url, never a number. */
const SEALED_ID = /^[A-Za-z0-9_-]{48}$/;
/** Events as what they tell (their ids differ from stream to stream by design). */
const told = (events: SseEvent[]) => events.map((e) => ({ event: e.event, data: e.data }));
/** The events of `record` after the one telling `fromId` (exclusive) up to `toId` (inclusive). */
const between = (record: SseEvent[], fromId: string | null, toId: string) => {
  const index = (id: string) => record.findIndex((e) => notificationOf(e).id === id);
  return record.slice(fromId ? index(fromId) + 1 : 0, index(toId) + 1);
};
const about = (rfiId: string, kind: string) => (event: SseEvent) =>
  event.event === kind && notificationOf(event).subject.id === rfiId;

/** Opens `user`'s stream on a gateway and waits until it is live. */
async function watch(user: string, api = API, lastEventId?: string): Promise<SseStream> {
  const opened = await SseStream.open(`${api}/notifications/stream`, {
    authorization: `Bearer ${await tokenFor(user)}`,
    ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
  });
  if (!opened.stream)
    throw new Error(`Stream of ${user}: ${opened.response.status} ${JSON.stringify(opened.body)}`);
  await opened.stream.caughtUp();
  return opened.stream;
}

/** SRB's own assignment, apart from those of officers posted in SRB by other specs. */
const ownOf = (rfi: { assignments: { id: string; recipientParty: string }[] }) =>
  rfi.assignments.find(
    (a) => a.recipientParty === 'SRB' && !(a as { officerId?: string | null }).officerId,
  )!;

const urgentTo = (party: string, title: string, question: string) =>
  fileRfi('fp-pak', { priority: 'URGENT', targetParties: [party], title, question });

describe('the live notification stream (server-sent events through two gateway instances, real Kafka and PostgreSQL)', () => {
  appsForFile('rfi-service', 'notification-service');
  // The second instance beats every second and holds one stream per user: its checks show fast.
  beforeAll(() =>
    apps.startWith({ STREAM_HEARTBEAT_SECONDS: '1', STREAM_MAX_PER_USER: '1' }, 'gateway@2'),
  );
  afterAll(() => apps.release('gateway@2'));

  const streams: SseStream[] = [];
  afterAll(() => streams.forEach((stream) => stream.close()));
  const open = async (user: string, api = API, lastEventId?: string) => {
    const stream = await watch(user, api, lastEventId);
    streams.push(stream);
    return stream;
  };

  it('refuses a stream without a token (401) and a Last-Event-ID it never gave out (400), as problem+json', async () => {
    const anonymous = await SseStream.open(`${API}/notifications/stream`, {});
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.response.headers.get('content-type')).toContain('application/problem+json');
    // Plain positions are not ids any more; the last is well-formed but sealed by nobody here.
    for (const bad of ['abc', '-1', '0', '42', '999999999999999999', 'A'.repeat(48)]) {
      const refused = await SseStream.open(`${API}/notifications/stream`, {
        authorization: `Bearer ${await tokenFor('fp-srb')}`,
        'last-event-id': bad,
      });
      expect(refused.response.status).toBe(400);
      expect(refused.response.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toEqual(expect.objectContaining({ status: 400 }));
    }
  });

  let srb: SseStream;
  let srbOnSecond: SseStream;
  let hun: SseStream;
  let pak: SseStream;
  let rfi: Awaited<ReturnType<typeof fileRfi>>;
  const question = `Question that must never travel: ${randomUUID()}`;
  const title = `Streamed request ${randomUUID().slice(0, 8)}`;

  it('brings an URGENT bilateral request to the recipient at once, on either gateway, with reference and title and no body', async () => {
    [srb, srbOnSecond, hun, pak] = await Promise.all([
      open('fp-srb'),
      open('fp-srb', SECOND_API),
      open('fp-hun'),
      open('fp-pak'),
    ]);
    expect(srb.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(srb.response.headers.get('cache-control')).toBe('no-store');
    expect(srb.retryMs).toBeGreaterThan(0);

    rfi = await urgentTo('SRB', title, question);
    for (const stream of [srb, srbOnSecond]) {
      const event = await stream.next('the routing on the SRB stream', about(rfi.id, 'RFI_ROUTED'));
      expect(event.id).toMatch(SEALED_ID);
      expect(notificationOf(event)).toEqual({
        id: expect.any(String),
        kind: 'RFI_ROUTED',
        subject: { type: 'rfi', id: rfi.id, reference: rfi.reference, title },
        details: { assignmentId: ownOf(rfi).id, dueAt: expect.any(String), priority: 'URGENT' },
        createdAt: expect.any(String),
      });
      expect(event.data).not.toContain(question);
    }
    // Both instances sent the same notification, each under an id of its own: ids cannot be
    // lined up across streams, nor read as a count of what others were told.
    const [first, second] = [srb, srbOnSecond].map((s) =>
      s.events.find(about(rfi.id, 'RFI_ROUTED')),
    );
    expect(second!.data).toEqual(first!.data);
    expect(second!.id).not.toEqual(first!.id);
    // As the inbox shows it.
    const inbox = await as<{ items: StreamedNotification[] }>(
      'fp-srb',
      'GET',
      '/notifications?kind=RFI_ROUTED',
    );
    expect(inbox.body.items.find((n) => n.subject.id === rfi.id)).toEqual({
      ...notificationOf(first!),
      readAt: null,
    });
  });

  it('tells an unrelated party nothing: its stream has the request it was sent later, and not the first', async () => {
    const later = await urgentTo('HUN', `For Hungary ${randomUUID().slice(0, 8)}`, question);
    await hun.next('the later request on the HUN stream', about(later.id, 'RFI_ROUTED'));
    // One partition carries every notification in position order: the first request's would
    // have come before the later one's.
    const seen = JSON.stringify(hun.events);
    expect(seen).not.toContain(rfi.id);
    expect(seen).not.toContain(rfi.reference);
    expect(seen).not.toContain(title);
    expect(seen).not.toContain(question);
    // Nor does the requester hear of its own request's routing.
    expect(JSON.stringify(pak.events)).not.toContain(rfi.id);
  });

  it("gives each user ids that hold nothing of others' notifications and resume nobody else's stream", async () => {
    // HUN was told of a request in between SRB's events: no SRB id is a number to subtract.
    for (const event of [...srb.events, ...srbOnSecond.events]) expect(event.id).toMatch(SEALED_ID);
    const srbId = srb.events.find(about(rfi.id, 'RFI_ROUTED'))!.id!;
    const onHun = await SseStream.open(`${API}/notifications/stream`, {
      authorization: `Bearer ${await tokenFor('fp-hun')}`,
      'last-event-id': srbId,
    });
    expect(onHun.response.status).toBe(400);
    expect(onHun.response.headers.get('content-type')).toContain('application/problem+json');
    // SRB's own stream resumes after it, and after the other gateway's id of it alike.
    const idOnSecond = srbOnSecond.events.find(about(rfi.id, 'RFI_ROUTED'))!.id!;
    for (const id of [srbId, idOnSecond]) {
      const resumed = await open('fp-srb', API, id);
      expect((await resumed.caughtUp()).some(about(rfi.id, 'RFI_ROUTED'))).toBe(false);
      resumed.close();
    }
  });

  it('tells the requester of the response on its stream', async () => {
    const posted = await as('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
      json: {
        kind: 'RESPONSE',
        body: `Answer ${randomUUID()}`,
        handlingCode: 'H0',
        assignmentId: ownOf(rfi).id,
      },
    });
    expect(posted.status).toBe(201);
    const event = await pak.next(
      'the response on the PAK stream',
      about(rfi.id, 'RFI_RESPONSE_RECEIVED'),
    );
    expect(notificationOf(event).subject).toEqual({
      type: 'rfi',
      id: rfi.id,
      reference: rfi.reference,
      title,
    });
  });

  it('resumes with Last-Event-ID with exactly what was made meanwhile, then goes on live, nothing twice', async () => {
    // srbOnSecond stays connected throughout: the record of everything SRB was told, in order.
    const lastSeen = srb.events.at(-1)!;
    srb.close();
    const meanwhile = [
      await urgentTo('SRB', `Meanwhile 1 ${randomUUID().slice(0, 8)}`, question),
      await urgentTo('SRB', `Meanwhile 2 ${randomUUID().slice(0, 8)}`, question),
    ];
    for (const made of meanwhile)
      await srbOnSecond.next('the request meanwhile', about(made.id, 'RFI_ROUTED'));

    const resumed = await open('fp-srb', API, lastSeen.id!);
    const caughtUp = await resumed.caughtUp();
    const lastCaughtUp = notificationOf(caughtUp.at(-1)!).id;
    // What the connected stream got after lastSeen, up to the catch-up's last: exactly that.
    await eventually('the connected stream to reach the catch-up', async () =>
      srbOnSecond.events.some((e) => notificationOf(e).id === lastCaughtUp),
    );
    const lastSeenId = notificationOf(lastSeen).id;
    expect(told(caughtUp)).toEqual(told(between(srbOnSecond.events, lastSeenId, lastCaughtUp)));
    for (const made of meanwhile) expect(caughtUp.some(about(made.id, 'RFI_ROUTED'))).toBe(true);

    const after = await urgentTo('SRB', `After ${randomUUID().slice(0, 8)}`, question);
    await resumed.next('the request after resuming', about(after.id, 'RFI_ROUTED'));
    await srbOnSecond.next('the request after resuming', about(after.id, 'RFI_ROUTED'));
    const notificationIds = resumed.events.map((e) => notificationOf(e).id);
    expect(new Set(notificationIds).size).toBe(notificationIds.length);
    const live = resumed.events.slice(caughtUp.length);
    expect(told(live)).toEqual(
      told(between(srbOnSecond.events, lastCaughtUp, notificationOf(live.at(-1)!).id)),
    );
  });

  it('gives a fresh stream a place to resume from before any event: a reconnect then misses nothing', async () => {
    const fresh = await open('fp-srb');
    const resumeAt = fresh.lastEventId!;
    expect(resumeAt).toMatch(SEALED_ID);
    fresh.close();
    const made = await urgentTo('SRB', `While away ${randomUUID().slice(0, 8)}`, question);
    await srbOnSecond.next('the request while away', about(made.id, 'RFI_ROUTED'));
    const again = await open('fp-srb', API, resumeAt);
    expect((await again.caughtUp()).filter(about(made.id, 'RFI_ROUTED'))).toHaveLength(1);
  });

  it('holds at most the streams allowed per user (429), beats, and ends a stream once its account is disabled', async () => {
    const account = await createTestAccount({ role: 'focal_point', party: 'MKD', prefix: 's' });
    const token = await freshToken(account.username, account.password);
    const url = `${SECOND_API}/notifications/stream`;
    const first = await SseStream.open(url, { authorization: `Bearer ${token}` });
    streams.push(first.stream!);
    await first.stream!.caughtUp();
    const second = await SseStream.open(url, { authorization: `Bearer ${token}` });
    expect(second.response.status).toBe(429);
    expect(second.response.headers.get('content-type')).toContain('application/problem+json');
    await eventually('a heartbeat', async () => first.stream!.comments.includes('heartbeat'));

    expect((await changeAccount(account.id, { disabled: true })).status).toBe(200);
    await eventually('the stream to end', async () => first.stream!.closed, 10_000);
    expect(first.stream!.comments.at(-1)).toBe('the token is no longer valid: sign in again');
  });
});

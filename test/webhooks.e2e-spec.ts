import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { allPages, as } from './support/api';
import { Client } from 'pg';
import { databaseUrl } from '@bp/persistence';
import { DATABASE_URL, apps, eventually, sleep } from './support/test-env';
import { fileRfi } from './support/rfi-fixtures';
import { startWebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(180_000);

interface Registered {
  id: string;
  party: string;
  url: string;
  events: string[];
  enabled: boolean;
  secret?: string;
}

interface Delivery {
  id: string;
  messageId: string;
  notificationId: string;
  kind: string;
  status: string;
  attempts: { at: string; status: number | null; error: string | null; answer: string | null }[];
}

interface Payload {
  type: string;
  timestamp: string;
  data: {
    id: string;
    kind: string;
    subject: { type: string; id: string; reference?: string; title?: string };
    details: Record<string, unknown>;
  };
}

/** Short retries, so a failing receiver plays out its whole retry window within the spec. */
const WEBHOOK_SETTINGS = {
  WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_RETRY_MAX_MS: '500',
  WEBHOOK_RETRY_WINDOW_MS: '8000',
  WEBHOOK_POLL_INTERVAL_MS: '100',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
};

/** Rows of the notification-service's own database, as it holds them. */
async function notificationDb<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
  const client = new Client({
    connectionString: databaseUrl({ serverUrl: DATABASE_URL, name: 'bp_notification_test' }),
  });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const storedSecrets = async (webhookId: string) =>
  (
    await notificationDb<{ secret: string }>('select secret from webhook where id = $1', [
      webhookId,
    ])
  ).map((row) => row.secret);

/** How many kept replies (Idempotency-Key or message id) hold this text. */
const keptRepliesHolding = async (text: string) =>
  (
    await notificationDb<{ n: string }>(
      'select count(*) as n from idempotency_record where reply::text like $1',
      [`%${text}%`],
    )
  ).map((row) => Number(row.n))[0];

const webhooksOf = (user: string) => allPages<Registered>(user, '/webhooks');
const deliveriesOf = (user: string, webhookId: string) =>
  allPages<Delivery>(user, `/webhooks/${webhookId}/deliveries`);

async function removeAll(user: string): Promise<void> {
  for (const webhook of await webhooksOf(user))
    expect((await as(user, 'DELETE', `/webhooks/${webhook.id}`)).status).toBe(200);
}

describe('signed webhooks for national systems (real Kafka, PostgreSQL and HTTP receiver)', () => {
  // /flaky fails three times, then takes; /dead never takes; the others always take.
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    receiver = await startWebhookReceiver((path, n) =>
      path === '/dead' ? 503 : path === '/flaky' && n <= 3 ? 500 : 204,
    );
    await apps.start('rfi-service');
    // Two instances: each delivery is claimed by one (skip locked), so sent once at a time.
    await apps.startWith(WEBHOOK_SETTINGS, 'notification-service', 'notification-service@2');
    await apps.start('gateway');
    // Webhooks of earlier runs would count against the parties' limit and receive these requests.
    await removeAll('fp-srb');
    await removeAll('fp-hun');
  });
  afterAll(async () => {
    await removeAll('fp-srb');
    await removeAll('fp-hun');
    await apps.release('gateway', 'notification-service', 'notification-service@2', 'rfi-service');
    await receiver.close();
  });

  const register = async (user: string, path: string, events: string[]) => {
    const answer = await as<Registered>(user, 'POST', '/webhooks', {
      json: { url: receiver.url(path), events },
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };

  const question = `Question text that must never travel: ${randomUUID()}`;
  const title = `Webhook request ${randomUUID().slice(0, 8)}`;
  let ok: Registered;
  let flaky: Registered;
  let dead: Registered;
  let hun: Registered;
  let rfi: { id: string; reference: string };

  it('refuses private, loopback and metadata targets, other schemes and unknown kinds: 400 problem+json', async () => {
    for (const url of [
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://192.168.0.10:8080/hook',
      'http://[::1]/hook',
    ]) {
      const refused = await as<{ code: string; detail: string; errors: { field: string }[] }>(
        'fp-srb',
        'POST',
        '/webhooks',
        { json: { url, events: ['RFI_ROUTED'] } },
      );
      expect([url, refused.status, refused.headers.get('content-type')]).toEqual([
        url,
        400,
        expect.stringContaining('application/problem+json'),
      ]);
      expect(refused.body.code).toBe('WEBHOOK.TARGET_REFUSED');
      expect(refused.body.detail).toMatch(/only public addresses may be webhook targets/);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
    }
    const metadata = await as<{ detail: string }>('fp-srb', 'POST', '/webhooks', {
      json: { url: 'http://169.254.169.254/', events: ['RFI_ROUTED'] },
    });
    expect(metadata.body.detail).toMatch(/169\.254\.169\.254, a linkLocal address/);
    for (const json of [
      { url: 'ftp://example.org/hook', events: ['RFI_ROUTED'] },
      { url: receiver.url('/ok'), events: ['RFI_EXPLODED'] },
      { url: receiver.url('/ok'), events: [] },
      { url: receiver.url('/ok'), events: ['RFI_ROUTED'], party: 'HUN' },
    ]) {
      const refused = await as('fp-srb', 'POST', '/webhooks', { json });
      expect([json, refused.status]).toEqual([json, 400]);
    }
    // Not a focal point: refused for its role.
    const officer = await as('secretariat', 'POST', '/webhooks', {
      json: { url: receiver.url('/ok'), events: ['RFI_ROUTED'] },
    });
    expect(officer.status).toBe(403);
    expect(await webhooksOf('fp-srb')).toEqual([]);
  });

  it('registers a webhook for the caller party and shows its secret once', async () => {
    ok = await register('fp-srb', '/ok', ['RFI_ROUTED', 'WEBHOOK_DISABLED']);
    expect(ok).toEqual({
      id: expect.any(String),
      party: 'SRB',
      url: receiver.url('/ok'),
      events: ['RFI_ROUTED', 'WEBHOOK_DISABLED'],
      enabled: true,
      disabledAt: null,
      secretRotatedAt: null,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{40,}$/),
    });
    flaky = await register('fp-srb', '/flaky', ['RFI_ROUTED']);
    dead = await register('fp-srb', '/dead', ['RFI_ROUTED', 'WEBHOOK_DISABLED']);
    hun = await register('fp-hun', '/hun', ['RFI_ROUTED']);
    expect(hun.party).toBe('HUN');

    const listed = await webhooksOf('fp-srb');
    expect(listed.map((w) => w.id).sort()).toEqual([ok.id, flaky.id, dead.id].sort());
    const one = await as<Registered>('fp-srb', 'GET', `/webhooks/${ok.id}`);
    const { secret, ...shown } = ok;
    expect(one.body).toEqual(shown);
    const answers = JSON.stringify([listed, one.body]);
    for (const w of [ok, flaky, dead]) expect(answers).not.toContain(w.secret!.slice(6));
    expect(answers).not.toContain('secret"');
    expect(secret).toBeDefined();
    // At rest the secret is sealed with WEBHOOK_SECRET_KEY: the database alone does not give it.
    const stored = await storedSecrets(ok.id);
    expect(stored).toEqual([expect.stringMatching(/^v1:/)]);
    expect(stored[0]).not.toContain(secret!.slice(6));
  });

  it('keeps no secret for a replay: the same Idempotency-Key answers the registration without it', async () => {
    const key = randomUUID();
    const registration = () =>
      as<Registered>('fp-srb', 'POST', '/webhooks', {
        json: { url: receiver.url('/replayed'), events: ['EXCHANGE_MATCHED'] },
        headers: { 'idempotency-key': key },
      });
    const first = await registration();
    const again = await registration();
    expect([first.status, again.status]).toEqual([201, 201]);
    const { secret, ...shown } = first.body;
    expect(secret).toMatch(/^whsec_/);
    expect(again.body).toEqual(shown);
    // Neither that reply nor those kept by message id (every change) hold a secret.
    for (const kept of [secret!, ok.secret!, flaky.secret!, dead.secret!])
      expect(await keptRepliesHolding(kept.slice(6))).toBe(0);
    expect((await as('fp-srb', 'DELETE', `/webhooks/${first.body.id}`)).status).toBe(200);
  });

  it('delivers an URGENT bilateral request to its recipient party, signed, with its reference and neither title nor body', async () => {
    rfi = await fileRfi('fp-pak', {
      priority: 'URGENT',
      targetParties: ['SRB'],
      title,
      question,
    });
    const [call] = await eventually('the routing at SRB receiver', async () => {
      const calls = receiver.callsAbout('/ok', rfi.id);
      return calls.length ? calls : undefined;
    });
    const payload = new Webhook(ok.secret!).verify(call!.body, call!.headers) as Payload;
    expect(payload).toEqual({
      type: 'notification.created',
      timestamp: expect.any(String),
      data: {
        id: expect.any(String),
        kind: 'RFI_ROUTED',
        // No title: it may name a person and must go when the request's retention ends; the
        // receiver reads it with GET /rfis/{id}, as who may see it.
        subject: { type: 'rfi', id: rfi.id, reference: rfi.reference },
        details: {
          assignmentId: expect.any(String),
          dueAt: expect.any(String),
          priority: 'URGENT',
        },
        createdAt: payload.timestamp,
      },
    });
    expect(call!.body).not.toContain(question);
    expect(call!.body).not.toContain(title);
    expect(call!.headers['webhook-id']).toMatch(/^msg_/);
    expect(call!.headers['content-type']).toBe('application/json');
    // Signed with this webhook's secret only: another's does not verify it.
    expect(() => new Webhook(flaky.secret!).verify(call!.body, call!.headers)).toThrow();
    // The same notification is in the party's inbox.
    const inbox = await allPages<{ id: string }>('fp-srb', '/notifications?kind=RFI_ROUTED');
    expect(inbox.map((n) => n.id)).toContain(payload.data.id);
  });

  it('retries a failing receiver with backoff: the same webhook-id until it takes, four attempts listed', async () => {
    const calls = await eventually(
      'the fourth call at the flaky receiver',
      async () => {
        const found = receiver.callsAbout('/flaky', rfi.id);
        return found.length >= 4 ? found : undefined;
      },
      20_000,
    );
    await sleep(1_000); // time for a fifth call to show, were one made
    expect(receiver.callsAbout('/flaky', rfi.id)).toHaveLength(4);
    expect(receiver.callsAbout('/ok', rfi.id)).toHaveLength(1);
    expect(new Set(calls.map((call) => call.headers['webhook-id'])).size).toBe(1);
    expect(new Set(calls.map((call) => call.body)).size).toBe(1);
    for (const call of calls) expect(new Webhook(flaky.secret!).verify(call.body, call.headers));

    const [delivery, ...others] = (await deliveriesOf('fp-srb', flaky.id)).filter(
      (d) => d.messageId === calls[0]!.headers['webhook-id'],
    );
    expect(others).toEqual([]);
    expect(delivery).toMatchObject({ kind: 'RFI_ROUTED', status: 'DELIVERED' });
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 500, 500, 204]);
    expect(delivery!.attempts[0]!.answer).toBe('receiver says no (500)');
  });

  it('sends another party nothing of a request not addressed to it, and answers 404 for the webhooks of others', async () => {
    expect(receiver.calls('/hun').filter((call) => call.body.includes(rfi.id))).toEqual([]);
    expect(await deliveriesOf('fp-hun', hun.id)).toEqual([]);

    const refusal = async (method: string, path: string) => {
      const answer = await as<{ code?: string }>('fp-hun', method, path);
      return [answer.status, answer.body.code];
    };
    const [delivery] = await deliveriesOf('fp-srb', ok.id);
    for (const [method, path] of [
      ['GET', '/webhooks/:id'],
      ['GET', '/webhooks/:id/deliveries'],
      ['POST', '/webhooks/:id/rotate-secret'],
      ['DELETE', '/webhooks/:id'],
    ] as const) {
      expect(await refusal(method, path.replace(':id', ok.id))).toEqual(
        await refusal(method, path.replace(':id', randomUUID())),
      );
      expect(await refusal(method, path.replace(':id', ok.id))).toEqual([404, 'WEBHOOK.NOT_FOUND']);
    }
    expect(
      await refusal('POST', `/webhooks/${ok.id}/deliveries/${delivery!.id}/redeliver`),
    ).toEqual([404, 'WEBHOOK.NOT_FOUND']);
    expect(JSON.stringify(await webhooksOf('fp-hun'))).not.toContain(ok.id);
    // Still there for its own party.
    expect((await as('fp-srb', 'GET', `/webhooks/${ok.id}`)).status).toBe(200);
  });

  it('redelivers on request with the same webhook-id, listed as a second attempt', async () => {
    const [first] = receiver.callsAbout('/ok', rfi.id);
    const delivery = (await deliveriesOf('fp-srb', ok.id)).find(
      (d) => d.messageId === first!.headers['webhook-id'],
    )!;
    const again = await as<Delivery>(
      'fp-srb',
      'POST',
      `/webhooks/${ok.id}/deliveries/${delivery.id}/redeliver`,
    );
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: delivery.id, status: 'PENDING' });
    const calls = await eventually('the redelivery', async () => {
      const found = receiver.callsAbout('/ok', rfi.id);
      return found.length === 2 ? found : undefined;
    });
    expect(calls[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(calls[1]!.body).toBe(first!.body);
    const listed = await eventually('the second attempt listed', async () => {
      const found = (await deliveriesOf('fp-srb', ok.id)).find((d) => d.id === delivery.id);
      return found?.attempts.length === 2 ? found : undefined;
    });
    expect(listed.status).toBe('DELIVERED');
  });

  it('disables a webhook that fails for the whole window and tells its party, not through that webhook', async () => {
    const disabled = await eventually(
      'the dead webhook disabled',
      async () => {
        const found = await as<Registered>('fp-srb', 'GET', `/webhooks/${dead.id}`);
        return found.body.enabled === false ? found.body : undefined;
      },
      30_000,
    );
    expect(disabled).toMatchObject({ id: dead.id, disabledAt: expect.any(String) });
    const [given] = (await deliveriesOf('fp-srb', dead.id)).filter((d) => d.kind === 'RFI_ROUTED');
    expect(given!.status).toBe('FAILED');
    expect(given!.attempts.length).toBeGreaterThan(3);
    expect(given!.attempts.every((a) => a.status === 503)).toBe(true);

    const told = await eventually('WEBHOOK_DISABLED in SRB inbox', async () => {
      const found = (
        await allPages<{ subject: { id: string } }>(
          'fp-srb',
          '/notifications?kind=WEBHOOK_DISABLED',
        )
      ).filter((n) => n.subject.id === dead.id);
      return found.length ? found : undefined;
    });
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'WEBHOOK_DISABLED',
        subject: { type: 'webhook', id: dead.id },
        details: { url: receiver.url('/dead') },
      }),
    ]);
    // Delivered to the party's live webhook that asked for it, never queued for the dead one.
    await eventually('WEBHOOK_DISABLED at the live receiver', async () =>
      receiver.callsAbout('/ok', dead.id).length === 1 ? true : undefined,
    );
    expect(receiver.callsAbout('/dead', dead.id)).toEqual([]);
    expect(
      (await deliveriesOf('fp-srb', dead.id)).filter((d) => d.kind === 'WEBHOOK_DISABLED'),
    ).toEqual([]);
    expect(
      (await allPages<{ subject: { id: string } }>('fp-hun', '/notifications')).filter(
        (n) => n.subject.id === dead.id,
      ),
    ).toEqual([]);
  });

  it('rotates a secret: during the overlap a delivery verifies with the new secret and the old one', async () => {
    const rotated = await as<Registered>('fp-srb', 'POST', `/webhooks/${ok.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret!;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(ok.secret);
    expect(await keptRepliesHolding(fresh.slice(6))).toBe(0);
    const next = await fileRfi('fp-pak', { priority: 'URGENT', targetParties: ['SRB'] });
    const [call] = await eventually('the routing after the rotation', async () => {
      const calls = receiver.callsAbout('/ok', next.id);
      return calls.length ? calls : undefined;
    });
    expect(call!.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(fresh).verify(call!.body, call!.headers)).toBeTruthy();
    expect(new Webhook(ok.secret!).verify(call!.body, call!.headers)).toBeTruthy();
    const shown = JSON.stringify([
      await webhooksOf('fp-srb'),
      (await as('fp-srb', 'GET', `/webhooks/${ok.id}`)).body,
    ]);
    expect(shown).not.toContain(fresh.slice(6));
    expect(shown).not.toContain(ok.secret!.slice(6));
  });

  it('deletes a webhook: gone for its party, and nothing more is sent to it', async () => {
    const deleted = await as<Registered>('fp-hun', 'DELETE', `/webhooks/${hun.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).not.toHaveProperty('secret');
    expect((await as('fp-hun', 'GET', `/webhooks/${hun.id}`)).status).toBe(404);
    expect((await as('fp-hun', 'DELETE', `/webhooks/${hun.id}`)).status).toBe(404);
  });

  it('keeps a party to ten webhooks', async () => {
    for (let i = 0; i < 10; i++) await register('fp-hun', `/hun-${i}`, ['RFI_ROUTED']);
    const eleventh = await as<{ code: string }>('fp-hun', 'POST', '/webhooks', {
      json: { url: receiver.url('/hun-10'), events: ['RFI_ROUTED'] },
    });
    expect([eleventh.status, eleventh.body.code]).toEqual([409, 'WEBHOOK.LIMIT_REACHED']);
    expect(await webhooksOf('fp-hun')).toHaveLength(10);
  });

  it('checks the target again before each attempt: one no longer allowed is not called', async () => {
    // The same webhooks, served by an instance whose allowlist no longer names 127.0.0.1.
    await apps.stop('notification-service', 'notification-service@2');
    await apps.startWith(
      { ...WEBHOOK_SETTINGS, WEBHOOK_ALLOWED_TARGETS: ' ' },
      'notification-service',
    );
    const late = await fileRfi('fp-pak', { priority: 'URGENT', targetParties: ['SRB'] });
    const [notification] = await eventually('the routing in SRB inbox', async () => {
      const found = (
        await allPages<{ id: string; subject: { id: string } }>(
          'fp-srb',
          '/notifications?kind=RFI_ROUTED',
        )
      ).filter((n) => n.subject.id === late.id);
      return found.length ? found : undefined;
    });
    const refused = await eventually('a refused attempt', async () => {
      const found = (await deliveriesOf('fp-srb', ok.id)).find(
        (d) => d.notificationId === notification!.id && d.attempts.length > 0,
      );
      return found;
    });
    expect(refused.attempts[0]).toMatchObject({
      status: null,
      error: expect.stringMatching(
        /^refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1, a loopback address/,
      ),
      answer: null,
    });
    expect(receiver.callsAbout('/ok', late.id)).toEqual([]);
  });
});

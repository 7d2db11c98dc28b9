import { randomUUID } from 'node:crypto';
import { allPages, as, tokenFor } from './support/api';
import { TestAccount, changeAccount, createTestAccount } from './support/account-fixtures';
import { apps, eventually } from './support/test-env';
import { fileRfi } from './support/rfi-fixtures';
import { SmtpReceiver } from './support/smtp-receiver';

jest.setTimeout(180_000);

interface Notification {
  id: string;
  kind: string;
  subject: { type: string; id: string; reference?: string; title?: string };
  details: Record<string, string | number>;
}

const ACK_TIMEOUT_SECONDS = 3;
const SERVICES = ['rfi-service', 'notification-service', 'notification-service@2'];
const smtp = new SmtpReceiver();

const pagesAbout = async (user: string, rfiId: string) =>
  (await allPages<Notification>(user, '/notifications?kind=DUTY_PAGE')).filter(
    (n) => n.subject.id === rfiId,
  );
const pageOf = (user: string, rfiId: string) =>
  eventually(`${user}'s duty page`, async () => (await pagesAbout(user, rfiId))[0]);

/** A focal point of `party` made for this file, signed in, with an e-mail address. */
async function focalPoint(party: string, email?: string): Promise<TestAccount> {
  const account = await createTestAccount({ role: 'focal_point', party, prefix: 'duty' });
  await tokenFor(account.username, account.password);
  if (email) expect((await changeAccount(account.id, { email })).status).toBe(200);
  return account;
}

describe('24/7 duty contacts: an URGENT request pages the person on duty, then the fallback (real Kafka, PostgreSQL, SMTP)', () => {
  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    await apps.start('rfi-service');
    // A short acknowledgement time and a fast scan keep the escalation tests quick.
    await apps.startWith(
      {
        SMTP_URL: smtpUrl,
        PUBLIC_URL: 'https://bp.example.org',
        PAGE_ACK_TIMEOUT_SECONDS: String(ACK_TIMEOUT_SECONDS),
        PAGE_SCAN_INTERVAL_MS: '250',
      },
      'notification-service',
      'notification-service@2',
    );
    await apps.start('gateway');
  });
  afterAll(async () => {
    await apps.release('gateway', ...SERVICES);
    await smtp.stop();
  });

  const tag = randomUUID().slice(0, 8);
  const onDutyEmail = `on-duty-${tag}@srb.example.org`;
  const fallbackEmail = `fallback-${tag}@srb.example.org`;
  let onDuty: TestAccount;
  let fallback: TestAccount;
  let outsider: TestAccount;

  const roster = (userId: string, fallbackUserId: string) => {
    const now = Date.now();
    return {
      slots: [
        {
          userId,
          from: new Date(now - 3_600_000).toISOString(),
          to: new Date(now + 3_600_000).toISOString(),
        },
      ],
      fallbackUserId,
    };
  };

  it("lets a party's focal point set its roster with its own focal points only", async () => {
    onDuty = await focalPoint('SRB', onDutyEmail);
    fallback = await focalPoint('SRB', fallbackEmail);
    outsider = await focalPoint('HUN');

    const set = await as<Record<string, unknown>>(onDuty.username, 'PUT', '/parties/SRB/duty', {
      json: roster(onDuty.id, fallback.id),
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      party: 'SRB',
      onDutyNow: onDuty.id,
      fallbackUserId: fallback.id,
    });

    // The secretariat reads it; nobody reads an address off it.
    const read = await as<Record<string, unknown>>('secretariat', 'GET', '/parties/SRB/duty');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(set.body);
    expect(JSON.stringify(read.body)).not.toContain('@');

    // Another party's account, or an account of the party that is not a focal point: 400, by field.
    const secretariat = await createTestAccount({
      role: 'secretariat',
      party: null,
      prefix: 'duty',
    });
    for (const [slotUser, fallbackUser, field] of [
      [outsider.id, fallback.id, 'slots.0.userId'],
      [onDuty.id, secretariat.id, 'fallbackUserId'],
      [randomUUID(), fallback.id, 'slots.0.userId'],
    ] as const) {
      const refused = await as<{ code: string; errors: { field: string }[] }>(
        onDuty.username,
        'PUT',
        '/parties/SRB/duty',
        { json: roster(slotUser, fallbackUser) },
      );
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('DUTY.CONTACT_UNFIT');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field })]);
    }

    // Overlapping slots: one person is paged at a time.
    const overlapping = roster(onDuty.id, fallback.id);
    overlapping.slots.push({ ...overlapping.slots[0]!, userId: fallback.id });
    const overlap = await as<{ code: string }>(onDuty.username, 'PUT', '/parties/SRB/duty', {
      json: overlapping,
    });
    expect([overlap.status, overlap.body.code]).toEqual([400, 'DUTY.ROSTER_INVALID']);

    // Another party's focal point neither sets nor reads it.
    const foreign = await as(outsider.username, 'PUT', '/parties/SRB/duty', {
      json: roster(outsider.id, outsider.id),
    });
    expect(foreign.status).toBe(403);
    expect((await as('fp-hun', 'GET', '/parties/SRB/duty')).status).toBe(403);
    expect(
      (
        await as('secretariat', 'PUT', '/parties/SRB/duty', {
          json: roster(onDuty.id, fallback.id),
        })
      ).status,
    ).toBe(403);
    // The refusals changed nothing.
    expect((await as('secretariat', 'GET', '/parties/SRB/duty')).body).toEqual(set.body);
  });

  const question = `Question text that must never travel by e-mail: ${randomUUID()}`;
  const title = `Urgent duty request ${tag}`;
  let acknowledged: { id: string; reference: string };

  it('pages the person on duty at once: inbox and e-mail, nobody else personally, and an acknowledgement stops it', async () => {
    const rfi = await fileRfi('fp-pak', {
      priority: 'URGENT',
      title,
      question,
      targetParties: ['SRB'],
    });
    acknowledged = rfi;
    const page = await pageOf(onDuty.username, rfi.id);
    expect(page).toMatchObject({
      kind: 'DUTY_PAGE',
      subject: { type: 'rfi', id: rfi.id, reference: rfi.reference, title },
      details: { step: 'ON_DUTY', party: 'SRB', pageId: expect.any(String) },
    });
    // The party's other focal points see the routing, not the personal page.
    expect(await pagesAbout('fp-srb', rfi.id)).toEqual([]);
    const routed = (await allPages<Notification>('fp-srb', '/notifications?kind=RFI_ROUTED')).find(
      (n) => n.subject.id === rfi.id,
    );
    expect(routed?.details.priority).toBe('URGENT');
    // An unrelated party sees nothing of it at all.
    const hun = JSON.stringify(await allPages<Notification>('fp-hun', '/notifications'));
    expect(hun).not.toContain(rfi.id);
    expect(hun).not.toContain(rfi.reference);

    const [mail] = await eventually('the page e-mail', async () => {
      const mails = smtp.to(onDutyEmail).filter((m) => m.subject.includes(rfi.reference));
      return mails.length ? mails : undefined;
    });
    expect(mail!.subject).toContain('URGENT');
    expect(mail!.text).toContain(rfi.reference);
    expect(mail!.text).toContain(
      `https://bp.example.org/api/v1/pages/${page.details.pageId}/acknowledge`,
    );
    expect(mail!.text).not.toContain(question);
    expect(mail!.text).not.toContain(title);

    // A colleague who was not paged cannot acknowledge it (404, as for none); the paged person can.
    const pageId = String(page.details.pageId);
    const colleague = await as<{ code: string }>('fp-srb', 'POST', `/pages/${pageId}/acknowledge`);
    expect([colleague.status, colleague.body.code]).toEqual([404, 'PAGE.NOT_FOUND']);
    const ack = await as<{ acknowledgedBy: string; acknowledgedAt: string }>(
      onDuty.username,
      'POST',
      `/pages/${pageId}/acknowledge`,
    );
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy).toBe(onDuty.id);
  });

  it('pages the fallback when nobody acknowledges in time, and not for an acknowledged page', async () => {
    const rfi = await fileRfi('fp-pak', { priority: 'URGENT', targetParties: ['SRB'] });
    await pageOf(onDuty.username, rfi.id);
    const climbed = await pageOf(fallback.username, rfi.id);
    expect(climbed.details).toMatchObject({ step: 'FALLBACK', party: 'SRB' });
    await eventually('the fallback e-mail', async () =>
      smtp.to(fallbackEmail).find((m) => m.subject.includes(rfi.reference)),
    );
    // The acknowledged page was due to climb before this one: it did not.
    expect(await pagesAbout(fallback.username, acknowledged.id)).toEqual([]);
    expect(
      smtp.to(fallbackEmail).filter((m) => m.subject.includes(acknowledged.reference)),
    ).toEqual([]);
    // Two instances scan: each rung is paged once, and each e-mail sent once.
    expect(await pagesAbout(onDuty.username, rfi.id)).toHaveLength(1);
    expect(await pagesAbout(fallback.username, rfi.id)).toHaveLength(1);
    expect(smtp.to(onDutyEmail).filter((m) => m.subject.includes(rfi.reference))).toHaveLength(1);

    // Unacknowledged by the fallback too: the secretariat, the last rung.
    const last = await pageOf('secretariat', rfi.id);
    expect(last.details).toMatchObject({ step: 'SECRETARIAT', party: 'SRB' });
  });

  it('pages the secretariat at once for a party without a roster', async () => {
    const rfi = await fileRfi('fp-pak', { priority: 'URGENT', targetParties: ['ALB'] });
    const page = await pageOf('secretariat', rfi.id);
    expect(page.details).toMatchObject({ step: 'SECRETARIAT', party: 'ALB' });
    const ack = await as('secretariat', 'POST', `/pages/${page.details.pageId}/acknowledge`);
    expect(ack.status).toBe(200);
  });
});

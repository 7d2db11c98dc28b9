import { SECRETARIAT, focalPointsOf, officer } from './audience';
import { signingSecrets, subscribesTo, targetUrlProblem, webhookPartyOf } from './webhook-rules';
import { webhookDisabledNotification } from './webhook-notifications';

describe('the webhook rules', () => {
  it('takes http and https targets without credentials only', () => {
    expect(targetUrlProblem(new URL('https://cases.example.gov.rs/hook'))).toBeNull();
    expect(targetUrlProblem(new URL('http://cases.example.gov.rs:8080/hook'))).toBeNull();
    expect(targetUrlProblem(new URL('ftp://cases.example.gov.rs/hook'))).toMatch(/http and https/);
    expect(targetUrlProblem(new URL('file:///etc/passwd'))).toMatch(/http and https/);
    expect(targetUrlProblem(new URL('https://user:pw@cases.example.gov.rs/'))).toMatch(
      /user or a password/,
    );
  });

  it("sends a party's focal points' notifications to that party's webhooks only", () => {
    expect(webhookPartyOf(focalPointsOf('SRB'))).toBe('SRB');
    // An officer's assignment does not let any party's focal point see the request.
    expect(webhookPartyOf(officer('officer-1', 'posting-1'))).toBeNull();
    expect(webhookPartyOf(SECRETARIAT)).toBeNull();
  });

  it('sends only the kinds a webhook asked for', () => {
    expect(subscribesTo(['RFI_ROUTED', 'RFI_OVERDUE'], 'RFI_ROUTED')).toBe(true);
    expect(subscribesTo(['RFI_OVERDUE'], 'RFI_ROUTED')).toBe(false);
  });

  it('signs with the replaced secret beside the new one until the overlap ends', () => {
    const until = new Date('2026-11-29T10:00:00Z');
    const secrets = { current: 'new', previous: 'old', previousUntil: until };
    expect(signingSecrets(secrets, new Date('2026-11-29T09:59:59Z'))).toEqual(['new', 'old']);
    expect(signingSecrets(secrets, until)).toEqual(['new']);
    expect(signingSecrets({ current: 'only', previous: null, previousUntil: null }, until)).toEqual(
      ['only'],
    );
  });

  it("tells the webhook's own party's focal points that it was disabled, with no secret", () => {
    const draft = webhookDisabledNotification({
      id: 'w-1',
      party: 'SRB',
      url: 'https://cases.example.gov.rs/hook',
    });
    expect(draft).toEqual({
      kind: 'WEBHOOK_DISABLED',
      audience: focalPointsOf('SRB'),
      subject: { type: 'webhook', id: 'w-1' },
      details: { url: 'https://cases.example.gov.rs/hook' },
    });
  });
});

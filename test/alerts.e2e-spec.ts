import { AlertView } from '@bp/contracts';
import { findRoute } from '@bp/reference';
import { appsForFile } from './support/apps-for-file';
import { allPages, as } from './support/api';
import { inbox } from './support/notification-fixtures';
import { eventually } from './support/test-env';

jest.setTimeout(120_000);

const ROUTE = 'SILK_ROUTES_WESTERN_BALKANS';
/** Every party of the route but the sender, SRB: the alert reaches these. */
const ADDRESSED = findRoute(ROUTE)!
  .parties.filter((party) => party !== 'SRB')
  .sort();
const OUTSIDE = 'fp-alb';

const raise = (user: string, json: object) => as<AlertView>(user, 'POST', '/alerts', { json });

describe('alerts: raised by people, seen and acknowledged by the parties addressed (real Kafka, PostgreSQL)', () => {
  appsForFile('reporting-service', 'notification-service');
  let alert: AlertView;

  beforeAll(async () => {
    const raised = await raise('fp-srb', {
      title: 'Night crossings rise at the northern border',
      summary: 'Groups of 30 to 50 cross at night; smugglers use new vans with false plates.',
      severity: 'HIGH',
      routes: [ROUTE],
    });
    expect(raised.status).toBe(201);
    alert = raised.body;
  });

  it('answers the sender with whom the alert reached, and no acknowledgement yet', () => {
    expect(alert).toMatchObject({
      severity: 'HIGH',
      senderParty: 'SRB',
      routes: [ROUTE],
      regions: [],
      parties: [],
      addressedParties: ADDRESSED,
      acknowledgements: [],
      version: 1,
    });
  });

  it('shows an addressed party the alert, never which other parties were told', async () => {
    const seen = await as<AlertView>('fp-hun', 'GET', `/alerts/${alert.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      id: alert.id,
      title: alert.title,
      summary: alert.summary,
      severity: 'HIGH',
      senderParty: 'SRB',
      raisedAt: alert.raisedAt,
      routes: [ROUTE],
      regions: [],
      acknowledgedAt: null,
      version: 1,
    });
    const listed = (await allPages<AlertView>('fp-hun', '/alerts')).find((a) => a.id === alert.id);
    expect(listed).toEqual(seen.body);
  });

  it('is absent for a party it does not address, and for the chair not there at all', async () => {
    const outside = await as(OUTSIDE, 'GET', `/alerts/${alert.id}`);
    expect(outside.status).toBe(404);
    expect(outside.body).toMatchObject({ code: 'ALERT.NOT_FOUND' });
    expect(JSON.stringify(await allPages(OUTSIDE, '/alerts'))).not.toContain(alert.id);
    expect((await as(OUTSIDE, 'POST', `/alerts/${alert.id}/acknowledge`)).status).toBe(404);
    expect((await as('chair', 'GET', `/alerts/${alert.id}`)).status).toBe(403);
    // The secretariat sees every alert, as the sender does.
    const secretariat = await as<AlertView>('secretariat', 'GET', `/alerts/${alert.id}`);
    expect(secretariat.body.addressedParties).toEqual(ADDRESSED);
  });

  it('tells the addressed parties and the secretariat, and nobody else', async () => {
    for (const user of ['fp-hun', 'fp-afg', 'fp-deu', 'secretariat']) {
      const told = await eventually(`${user} told`, async () =>
        (await inbox(user, '?kind=ALERT_RAISED')).find((n) => n.subject.id === alert.id),
      );
      expect(told).toMatchObject({
        subject: { type: 'alert', id: alert.id, title: alert.title },
        details: { severity: 'HIGH', senderParty: 'SRB' },
      });
      // Nothing in it names another addressee.
      const others = ADDRESSED.filter((party) => `fp-${party.toLowerCase()}` !== user);
      for (const party of others) expect(JSON.stringify(told)).not.toContain(`"${party}"`);
    }
    for (const user of [OUTSIDE, 'fp-srb'])
      expect(JSON.stringify(await inbox(user))).not.toContain(alert.id);
  });

  it('takes each addressed party’s acknowledgement once, shows it to the sender, and moves no one else’s ETag', async () => {
    const before = await as<AlertView>('fp-aut', 'GET', `/alerts/${alert.id}`);
    const acknowledged = await as<AlertView>('fp-hun', 'POST', `/alerts/${alert.id}/acknowledge`);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.acknowledgedAt).toEqual(expect.any(String));
    expect(acknowledged.body.version).toBe(2);
    const again = await as<AlertView>('fp-hun', 'POST', `/alerts/${alert.id}/acknowledge`);
    expect(again.body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);

    const other = await as<AlertView>('fp-aut', 'GET', `/alerts/${alert.id}`);
    expect(other.body).toEqual(before.body);
    expect(other.headers.get('etag')).toBe(before.headers.get('etag'));

    const sender = await as<AlertView>('fp-srb', 'GET', `/alerts/${alert.id}`);
    expect(sender.body.acknowledgements).toEqual([
      { party: 'HUN', at: acknowledged.body.acknowledgedAt },
    ]);
    const told = await eventually('the sender told', async () =>
      (await inbox('fp-srb', '?kind=ALERT_ACKNOWLEDGED')).find((n) => n.subject.id === alert.id),
    );
    expect(told.details).toEqual({ party: 'HUN' });
    // The sender's own party is not addressed: it cannot acknowledge its alert.
    expect((await as('fp-srb', 'POST', `/alerts/${alert.id}/acknowledge`)).status).toBe(403);
  });

  it('lets the secretariat raise an alert to a region', async () => {
    const raised = await raise('secretariat', {
      title: 'New document fraud pattern',
      summary: 'Forged residence permits with a genuine chip.',
      severity: 'MEDIUM',
      regions: ['WESTERN_BALKANS'],
    });
    expect(raised.status).toBe(201);
    expect(raised.body.senderParty).toBeNull();
    expect(raised.body.addressedParties).toEqual(expect.arrayContaining(['ALB', 'SRB']));
    expect((await as(OUTSIDE, 'GET', `/alerts/${raised.body.id}`)).status).toBe(200);
    expect((await as('fp-hun', 'GET', `/alerts/${raised.body.id}`)).status).toBe(404);
  });

  it('refuses bad alerts with problem+json, and keeps none of them', async () => {
    const cases: [object, number, string][] = [
      [{ severity: 'HIGH', summary: 'x', routes: [ROUTE] }, 400, 'INPUT.INVALID'],
      [
        { title: 'A title', summary: 'x', severity: 'SEVERE', routes: [ROUTE] },
        400,
        'INPUT.INVALID',
      ],
      [
        { title: 'A title', summary: 'x', severity: 'LOW', routes: ['NOWHERE'] },
        400,
        'INPUT.UNKNOWN_REFERENCE',
      ],
      [
        { title: 'A title', summary: 'x', severity: 'LOW', parties: ['SRB'] },
        400,
        'ALERT.NO_ADDRESSEE',
      ],
      [{ title: 'A title', summary: 'x', severity: 'LOW' }, 400, 'ALERT.NO_ADDRESSEE'],
      [
        { title: 'A title', summary: '   ', severity: 'LOW', routes: [ROUTE] },
        400,
        'INPUT.INVALID',
      ],
    ];
    const count = async () => (await allPages('fp-srb', '/alerts')).length;
    const before = await count();
    for (const [json, status, code] of cases) {
      const answer = await raise('fp-srb', json);
      expect({ json, status: answer.status }).toEqual({ json, status });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ code });
    }
    expect(await count()).toBe(before);
    expect(
      (await raise('chair', { title: 'A title', summary: 'x', severity: 'LOW', routes: [ROUTE] }))
        .status,
    ).toBe(403);
    expect((await as('fp-srb', 'GET', '/alerts/not-a-uuid')).status).toBe(400);
  });
});

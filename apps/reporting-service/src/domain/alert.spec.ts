import { actor, codeOf } from '../../../../test/support/domain-fixtures';
import { Alert, assertAlertQuota } from './alert';
import { relationToAlert, shownAlertVersion } from './alert-need-to-know';

const NOW = new Date('2026-11-29T08:00:00Z');
const cast = {
  sender: actor('fp-srb', 'focal_point', 'SRB'),
  hun: actor('fp-hun', 'focal_point', 'HUN'),
  aut: actor('fp-aut', 'focal_point', 'AUT'),
  outside: actor('fp-alb', 'focal_point', 'ALB'),
  secretariat: actor('secretariat', 'secretariat', 'ICMPD'),
  officer: actor('lo-pak', 'liaison_officer', 'PAK'),
  chair: actor('chair', 'chair', null),
};

const raise = (by = cast.sender, reached = ['SRB', 'HUN', 'AUT', 'HUN']) =>
  Alert.raise({
    id: 'alert-1',
    by,
    title: '  Night crossings  ',
    summary: 'Groups cross at night.',
    severity: 'HIGH',
    address: { routes: ['SILK_ROUTES_WESTERN_BALKANS'], regions: [], parties: ['HUN', 'HUN'] },
    reached,
    now: NOW,
  });

describe('an alert', () => {
  it('reaches every party named or on the routes, the sender’s own aside, once each', () => {
    const alert = raise();
    expect(alert).toMatchObject({
      title: 'Night crossings',
      senderParty: 'SRB',
      parties: ['HUN'],
      addressedParties: ['AUT', 'HUN'],
      acknowledgements: [],
      version: 1,
    });
    expect(alert.pullChanges()).toEqual([
      expect.objectContaining({ action: 'RAISED', party: 'SRB' }),
    ]);
  });

  it('is raised by a focal point for its party or by the secretariat, nobody else', () => {
    expect(raise(cast.secretariat).senderParty).toBeNull();
    for (const by of [cast.officer, cast.chair])
      expect(codeOf(() => raise(by))).toBe('ALERT.NOT_A_SENDER');
  });

  it('is refused once the sender raised its daily number of alerts', () => {
    expect(codeOf(() => assertAlertQuota(19, 20))).toBe('ok');
    expect(codeOf(() => assertAlertQuota(20, 20))).toBe('ALERT.DAILY_LIMIT');
  });

  it('refuses an address that names nobody but the sender', () => {
    expect(codeOf(() => raise(cast.sender, ['SRB']))).toBe('ALERT.NO_ADDRESSEE');
    expect(codeOf(() => raise(cast.sender, []))).toBe('ALERT.NO_ADDRESSEE');
  });

  it('takes one acknowledgement per addressed party, from its focal point only', () => {
    const alert = raise();
    alert.pullChanges();
    alert.acknowledge(cast.hun, NOW);
    alert.acknowledge(cast.hun, new Date(NOW.getTime() + 60_000));
    expect(alert.acknowledgements).toEqual([
      { party: 'HUN', by: cast.hun.userId, at: NOW.toISOString() },
    ]);
    expect(alert.version).toBe(2);
    expect(alert.pullChanges()).toEqual([
      expect.objectContaining({ action: 'ACKNOWLEDGED', party: 'HUN' }),
    ]);
    for (const by of [cast.sender, cast.outside, cast.secretariat])
      expect(codeOf(() => alert.acknowledge(by, NOW))).toBe('ALERT.NOT_ADDRESSED');
  });
});

describe('who may see an alert', () => {
  const alert = raise();

  it('is the secretariat, the sender’s party and the parties addressed; nobody else', () => {
    expect(relationToAlert(cast.secretariat, alert)).toBe('secretariat');
    expect(relationToAlert(actor('fp-srb-2', 'focal_point', 'SRB'), alert)).toBe('sender');
    expect(relationToAlert(cast.hun, alert)).toBe('addressed');
    for (const caller of [cast.outside, cast.officer, cast.chair])
      expect(relationToAlert(caller, alert)).toBeNull();
  });

  it('moves an addressed party’s version with its own acknowledgement only', () => {
    const acknowledged = raise();
    acknowledged.acknowledge(cast.aut, NOW);
    expect(shownAlertVersion(acknowledged, 'addressed', 'HUN')).toBe(1);
    expect(shownAlertVersion(acknowledged, 'addressed', 'AUT')).toBe(2);
    expect(shownAlertVersion(acknowledged, 'sender', 'SRB')).toBe(2);
  });
});

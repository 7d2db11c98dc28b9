import { audienceKey } from './audience';
import { alertNotifications, earlyWarningNotifications } from './alerting-notifications';

const alert = {
  alertId: 'a1',
  senderParty: 'SRB',
  severity: 'HIGH',
  title: 'Night crossings',
  addressedParties: ['AUT', 'HUN'],
};

describe('alert and early-warning notifications', () => {
  it('tell each addressed party’s focal points and the secretariat of a new alert, naming no other party', () => {
    const drafts = alertNotifications('alert.raised', alert);
    expect(drafts.map((draft) => audienceKey(draft.audience))).toEqual([
      audienceKey({ role: 'focal_point', party: 'AUT' }),
      audienceKey({ role: 'focal_point', party: 'HUN' }),
      'secretariat',
    ]);
    for (const draft of drafts) {
      expect(draft.subject).toEqual({ type: 'alert', id: 'a1', title: 'Night crossings' });
      expect(draft.details).toEqual({ severity: 'HIGH', senderParty: 'SRB' });
    }
  });

  it('do not tell the secretariat of an alert it raised itself', () => {
    const drafts = alertNotifications('alert.raised', { ...alert, senderParty: null });
    expect(drafts.map((draft) => draft.audience)).toEqual([
      { role: 'focal_point', party: 'AUT' },
      { role: 'focal_point', party: 'HUN' },
    ]);
  });

  it('tell the sender of an acknowledgement: its party’s focal points, or the secretariat', () => {
    const [toParty] = alertNotifications('alert.acknowledged', { ...alert, party: 'HUN' });
    expect(toParty).toMatchObject({
      kind: 'ALERT_ACKNOWLEDGED',
      audience: { role: 'focal_point', party: 'SRB' },
      details: { party: 'HUN' },
    });
    const [toSecretariat] = alertNotifications('alert.acknowledged', {
      ...alert,
      senderParty: null,
      party: 'HUN',
    });
    expect(toSecretariat!.audience).toEqual({ role: 'secretariat' });
  });

  it('tell the secretariat alone of a signal', () => {
    const drafts = earlyWarningNotifications({
      warningId: 'w1',
      dimension: 'route',
      key: 'IRAQ_COASTAL_BALKANS',
      lastWeek: 12,
    });
    expect(drafts).toEqual([
      {
        kind: 'EARLY_WARNING',
        audience: { role: 'secretariat' },
        subject: { type: 'early-warning', id: 'w1', title: 'route IRAQ_COASTAL_BALKANS' },
        details: { dimension: 'route', key: 'IRAQ_COASTAL_BALKANS', lastWeek: 12 },
      },
    ]);
  });
});

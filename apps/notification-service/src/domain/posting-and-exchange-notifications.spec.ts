import { focalPointsOf } from './audience';
import { PostingFacts, deploymentNotifications } from './deployment-notifications';
import { ExchangeFacts, exchangeNotifications } from './exchange-notifications';

const posting: PostingFacts = {
  deploymentId: '44444444-4444-4444-8444-444444444444',
  officerId: '55555555-5555-4555-8555-555555555555',
  sendingParty: 'PAK',
  hostParty: 'SRB',
  startDate: '2026-12-01',
  endDate: '2027-11-30',
};
const need: ExchangeFacts = {
  exchangeId: '66666666-6666-4666-8666-666666666666',
  ownerParty: 'MKD',
  partnerParty: null,
  title: 'Study visit on reintegration referral systems',
  offerId: '77777777-7777-4777-8777-777777777777',
};
const told = (drafts: { kind: string; audience: unknown }[]) =>
  drafts.map((d) => [d.kind, d.audience]);

describe('who must act on a posting', () => {
  it('asks the host to approve a proposed posting and an extension', () => {
    expect(told(deploymentNotifications('deployment.proposed', posting))).toEqual([
      ['DEPLOYMENT_AWAITING_APPROVAL', focalPointsOf('SRB')],
    ]);
    expect(told(deploymentNotifications('deployment.extension-requested', posting))).toEqual([
      ['DEPLOYMENT_EXTENSION_REQUESTED', focalPointsOf('SRB')],
    ]);
  });

  it("tells the sending party the host's answer to a proposal and to an extension", () => {
    for (const [type, kind] of [
      ['deployment.approved', 'DEPLOYMENT_APPROVED'],
      ['deployment.refused', 'DEPLOYMENT_REFUSED'],
      ['deployment.extended', 'DEPLOYMENT_EXTENDED'],
      ['deployment.extension-refused', 'DEPLOYMENT_EXTENSION_REFUSED'],
    ])
      expect(told(deploymentNotifications(type!, posting))).toEqual([[kind, focalPointsOf('PAK')]]);
  });

  it('tells both parties that a posting was cancelled: the secretariat may have done it', () => {
    expect(told(deploymentNotifications('deployment.cancelled', posting))).toEqual([
      ['DEPLOYMENT_CANCELLED', focalPointsOf('SRB')],
      ['DEPLOYMENT_CANCELLED', focalPointsOf('PAK')],
    ]);
  });

  it('tells both parties that a posting ended, and nobody that it started', () => {
    expect(told(deploymentNotifications('deployment.ended', posting))).toEqual([
      ['DEPLOYMENT_ENDED', focalPointsOf('SRB')],
      ['DEPLOYMENT_ENDED', focalPointsOf('PAK')],
    ]);
    expect(deploymentNotifications('deployment.activated', posting)).toEqual([]);
  });

  it('names only the two parties, never a third', () => {
    for (const type of [
      'deployment.proposed',
      'deployment.approved',
      'deployment.refused',
      'deployment.cancelled',
      'deployment.extension-requested',
      'deployment.extended',
      'deployment.extension-refused',
      'deployment.ended',
    ])
      for (const draft of deploymentNotifications(type, posting))
        expect([focalPointsOf('PAK'), focalPointsOf('SRB')]).toContainEqual(draft.audience);
  });
});

describe('who must act on a knowledge exchange', () => {
  it('tells the owner of an offer, and not who else offered', () => {
    const drafts = exchangeNotifications('knowledge-exchange.offer-received', need);
    expect(told(drafts)).toEqual([['EXCHANGE_OFFER_RECEIVED', focalPointsOf('MKD')]]);
    expect(drafts[0]?.details).toEqual({ offerId: need.offerId });
    expect(drafts[0]?.subject).toEqual({
      type: 'knowledge-exchange',
      id: need.exchangeId,
      title: need.title,
    });
  });

  it('tells the two parties of a match, a schedule, the completion and a cancellation', () => {
    const matched = { ...need, partnerParty: 'AUT' };
    for (const [type, kind] of [
      ['knowledge-exchange.matched', 'EXCHANGE_MATCHED'],
      ['knowledge-exchange.scheduled', 'EXCHANGE_SCHEDULED'],
      ['knowledge-exchange.completed', 'EXCHANGE_COMPLETED'],
      ['knowledge-exchange.cancelled', 'EXCHANGE_CANCELLED'],
    ])
      expect(told(exchangeNotifications(type!, matched))).toEqual([
        [kind, focalPointsOf('MKD')],
        [kind, focalPointsOf('AUT')],
      ]);
    expect(exchangeNotifications('knowledge-exchange.posted', matched)).toEqual([]);
  });

  it('tells only the owner when an open need is cancelled: the event names nobody who offered', () => {
    expect(told(exchangeNotifications('knowledge-exchange.cancelled', need))).toEqual([
      ['EXCHANGE_CANCELLED', focalPointsOf('MKD')],
    ]);
  });
});

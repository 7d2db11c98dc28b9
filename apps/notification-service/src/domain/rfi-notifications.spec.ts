import { SECRETARIAT, focalPointsOf, officer } from './audience';
import { RfiAssignmentFacts, RfiFacts, rfiNotifications } from './rfi-notifications';

const OFFICER = '5d2c7f0e-8a4b-4c1d-9e3f-2a6b8c0d4e1f';
const POSTING = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const toSrb: RfiAssignmentFacts = {
  assignmentId: '11111111-1111-4111-8111-111111111111',
  recipientParty: 'SRB',
  officerId: null,
  dueAt: '2026-11-28T18:00:00.000Z',
};
const toOfficer: RfiAssignmentFacts = {
  assignmentId: '22222222-2222-4222-8222-222222222222',
  recipientParty: 'SRB',
  officerId: OFFICER,
  postingId: POSTING,
  dueAt: '2026-11-28T18:00:00.000Z',
};
const rfi = (over: Partial<RfiFacts> = {}): RfiFacts => ({
  rfiId: '33333333-3333-4333-8333-333333333333',
  reference: 'RFI-2026-7KQ2M9XA',
  requesterParty: 'PAK',
  channel: 'BILATERAL',
  recipientParties: ['SRB'],
  assignments: [toSrb],
  ...over,
});
const SUBJECT = {
  type: 'rfi',
  id: '33333333-3333-4333-8333-333333333333',
  reference: 'RFI-2026-7KQ2M9XA',
};
const audiences = (type: string, facts: RfiFacts) =>
  rfiNotifications(type, facts).map((n) => [n.kind, n.audience]);

describe('who must act on a request for information', () => {
  it('tells the recipient focal points and the officer on post of a bilateral routing, each of its own assignment', () => {
    const drafts = rfiNotifications('rfi.routed', rfi({ assignments: [toSrb, toOfficer] }));
    expect(drafts).toEqual([
      {
        kind: 'RFI_ROUTED',
        audience: focalPointsOf('SRB'),
        subject: SUBJECT,
        details: { assignmentId: toSrb.assignmentId, dueAt: toSrb.dueAt },
      },
      expect.objectContaining({
        kind: 'RFI_ROUTED',
        audience: officer(OFFICER, POSTING),
        details: { assignmentId: toOfficer.assignmentId, dueAt: toOfficer.dueAt },
      }),
    ]);
  });

  it('says the priority of a routing, so an URGENT one can page the duty contact', () => {
    const [routed] = rfiNotifications('rfi.routed', rfi({ priority: 'URGENT' }));
    expect(routed?.details).toEqual({
      assignmentId: toSrb.assignmentId,
      dueAt: toSrb.dueAt,
      priority: 'URGENT',
    });
  });

  it('tells nobody else of a routing: not the requester, not the secretariat, no other party', () => {
    const told = audiences('rfi.routed', rfi()).map(([, audience]) => audience);
    expect(told).toEqual([focalPointsOf('SRB')]);
  });

  it('asks the secretariat to route a multilateral request, and nobody a bilateral one', () => {
    expect(audiences('rfi.submitted', rfi({ channel: 'MULTILATERAL', assignments: [] }))).toEqual([
      ['RFI_AWAITING_ROUTING', SECRETARIAT],
    ]);
    expect(audiences('rfi.submitted', rfi({ assignments: [] }))).toEqual([]);
    expect(audiences('rfi.submitted', rfi({ channel: undefined, assignments: [] }))).toEqual([]);
  });

  it('tells the requester of a response, a clarification asked, a decline and a rejection', () => {
    const requester = focalPointsOf('PAK');
    expect(audiences('rfi.responded', rfi())).toEqual([['RFI_RESPONSE_RECEIVED', requester]]);
    expect(audiences('rfi.clarification-requested', rfi())).toEqual([
      ['RFI_CLARIFICATION_REQUESTED', requester],
    ]);
    expect(audiences('rfi.declined', rfi())).toEqual([['RFI_DECLINED', requester]]);
    expect(audiences('rfi.rejected', rfi({ assignments: [] }))).toEqual([
      ['RFI_REJECTED', requester],
    ]);
  });

  it('tells the holders of the clarified assignments', () => {
    expect(audiences('rfi.clarified', rfi({ assignments: [toSrb, toOfficer] }))).toEqual([
      ['RFI_CLARIFIED', focalPointsOf('SRB')],
      ['RFI_CLARIFIED', officer(OFFICER, POSTING)],
    ]);
  });

  it('reminds the holder of an assignment due soon, and nobody else', () => {
    expect(audiences('rfi.due-soon', rfi({ assignments: [toOfficer] }))).toEqual([
      ['RFI_DUE_SOON', officer(OFFICER, POSTING)],
    ]);
    const drafts = rfiNotifications('rfi.due-soon', rfi());
    expect(drafts).toEqual([
      {
        kind: 'RFI_DUE_SOON',
        audience: focalPointsOf('SRB'),
        subject: SUBJECT,
        details: { assignmentId: toSrb.assignmentId, dueAt: toSrb.dueAt },
      },
    ]);
    // An officer's reminder is the officer's: not its host's focal points, not the requester.
    const told = audiences('rfi.due-soon', rfi({ assignments: [toOfficer] })).map(([, a]) => a);
    expect(told).not.toContainEqual(focalPointsOf('SRB'));
    expect(told).not.toContainEqual(focalPointsOf('PAK'));
    expect(told).not.toContainEqual(SECRETARIAT);
    expect(audiences('rfi.due-soon', rfi({ assignments: [] }))).toEqual([]);
  });

  it('tells the secretariat of a possible link with both references, and the requester only that one may exist', () => {
    const link = {
      linkId: '44444444-4444-4444-8444-444444444444',
      linkedReference: 'RFI-2026-ABCDEFGH',
      entityTypes: ['PERSON', 'PHONE'],
    };
    expect(rfiNotifications('rfi.possible-link-found', rfi({ assignments: [], link }))).toEqual([
      {
        kind: 'RFI_POSSIBLE_LINK',
        audience: SECRETARIAT,
        subject: SUBJECT,
        details: link,
      },
      {
        kind: 'RFI_POSSIBLE_LINK_REPORTED',
        audience: focalPointsOf('PAK'),
        subject: SUBJECT,
        details: { entityTypes: ['PERSON', 'PHONE'] },
      },
    ]);
    expect(rfiNotifications('rfi.possible-link-found', rfi())).toEqual([]);
  });

  it('tells each requester of a consent asked and a link opened, and of a refusal the other requester and the secretariat', () => {
    const link = {
      linkId: '44444444-4444-4444-8444-444444444444',
      linkedReference: 'RFI-2026-ABCDEFGH',
      entityTypes: ['PERSON'],
    };
    const told = (type: string, over = {}) =>
      rfiNotifications(type, rfi({ assignments: [], link: { ...link, ...over } })).map((n) => [
        n.kind,
        n.audience,
        n.details,
      ]);
    expect(told('rfi.link-consent-asked')).toEqual([
      [
        'RFI_LINK_CONSENT_ASKED',
        focalPointsOf('PAK'),
        { linkId: link.linkId, entityTypes: ['PERSON'] },
      ],
    ]);
    expect(told('rfi.link-opened')).toEqual([
      [
        'RFI_LINKED',
        focalPointsOf('PAK'),
        { linkId: link.linkId, linkedReference: link.linkedReference },
      ],
    ]);
    expect(told('rfi.link-refused', { refusedHere: true })).toEqual([
      [
        'RFI_LINK_REFUSED',
        SECRETARIAT,
        { linkId: link.linkId, linkedReference: link.linkedReference },
      ],
    ]);
    expect(told('rfi.link-refused', { refusedHere: false })).toEqual([
      ['RFI_LINK_REFUSED', focalPointsOf('PAK'), { linkId: link.linkId }],
    ]);
  });

  it('climbs the ladder: the holder, then the recipient focal points, then the secretariat', () => {
    const level = (escalationLevel: number, assignment = toOfficer, recipientParties = ['SRB']) =>
      audiences(
        'rfi.overdue',
        rfi({ assignments: [assignment], escalationLevel, recipientParties }),
      );
    expect(level(1)).toEqual([['RFI_OVERDUE', officer(OFFICER, POSTING)]]);
    expect(level(2)).toEqual([['RFI_OVERDUE', SECRETARIAT]]);
    expect(level(3)).toEqual([['RFI_OVERDUE', SECRETARIAT]]);
    expect(level(1, toSrb)).toEqual([['RFI_OVERDUE', focalPointsOf('SRB')]]);
    expect(level(2, toSrb)).toEqual([['RFI_OVERDUE', focalPointsOf('SRB')]]);
    expect(rfiNotifications('rfi.overdue', rfi({ escalationLevel: 2 }))[0]?.details).toEqual({
      assignmentId: toSrb.assignmentId,
      dueAt: toSrb.dueAt,
      escalationLevel: 2,
    });
  });

  it("never tells a host's focal points of its officer's assignment, even where their party is a recipient too: they may not see it", () => {
    for (const recipientParties of [['SRB'], [], undefined])
      expect(
        audiences(
          'rfi.overdue',
          rfi({ assignments: [toOfficer], escalationLevel: 2, recipientParties }),
        ),
      ).toEqual([['RFI_OVERDUE', SECRETARIAT]]);
  });

  it("tells the focal points an officer's assignment passed to, and nobody when it was closed instead", () => {
    const passed = { ...toOfficer, officerId: null, postingId: null };
    expect(
      audiences('rfi.handed-over', rfi({ assignments: [passed], recipientParties: ['SRB'] })),
    ).toEqual([['RFI_HANDED_OVER', focalPointsOf('SRB')]]);
    expect(audiences('rfi.handed-over', rfi({ assignments: [toOfficer] }))).toEqual([]);
  });

  it('asks nobody to act on an acknowledgement, a withdrawal or a closure', () => {
    for (const type of ['rfi.acknowledged', 'rfi.withdrawn', 'rfi.closed'])
      expect(rfiNotifications(type, rfi())).toEqual([]);
  });

  it('carries the reference and ids, never a title (titles stay in the rfi-service)', () => {
    for (const draft of rfiNotifications('rfi.routed', rfi({ assignments: [toSrb, toOfficer] })))
      expect(Object.keys(draft.subject).sort()).toEqual(['id', 'reference', 'type']);
  });
});

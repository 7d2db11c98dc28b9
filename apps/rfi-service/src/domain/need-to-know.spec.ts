import { RfiStatus } from '@bp/domain-kernel';
import {
  AccessFacts,
  MessageFacts,
  Relation,
  canReadBodies,
  messageVisibility,
  relationTo,
} from './need-to-know';
import { cast } from '../../test/rfi-fixtures';

const facts = (status: RfiStatus, overrides: Partial<AccessFacts> = {}): AccessFacts => ({
  requesterParty: 'PAK',
  status,
  submittedAt: status === 'DRAFT' ? null : new Date('2026-05-19T09:00:00Z'),
  secretariatAccess: 'FULL',
  assignments:
    status === 'DRAFT' || status === 'SUBMITTED'
      ? []
      : [
          { id: 'a-srb', recipientParty: 'SRB', officerId: null, postingId: null },
          { id: 'a-hun', recipientParty: 'HUN', officerId: null, postingId: null },
          { id: 'a-off', recipientParty: 'SRB', officerId: 'officer-1', postingId: 'posting-1' },
        ],
  ...overrides,
});

describe('who may see an RFI', () => {
  it.each([
    [cast.pakistan, 'DRAFT', 'REQUESTER'],
    [cast.secretariat, 'DRAFT', null],
    [cast.serbia, 'DRAFT', null],
    [cast.pakistan, 'ROUTED', 'REQUESTER'],
    [cast.serbia, 'ROUTED', 'RECIPIENT'],
    [cast.hungary, 'ROUTED', 'RECIPIENT'],
    [cast.austria, 'ROUTED', null],
    [cast.admin, 'ROUTED', null],
    [cast.secretariat, 'SUBMITTED', 'SECRETARIAT'],
    [cast.serbia, 'SUBMITTED', null],
    [cast.officer, 'ROUTED', 'OFFICER'],
    [cast.officer, 'SUBMITTED', null],
  ] as const)('%o on a %s request: %s', (actor, status, expected) => {
    expect(
      relationTo(actor, facts(status), { deploymentId: 'posting-1', sending: 'PAK', host: 'SRB' }),
    ).toBe(expected);
  });

  it('shows an officer nothing once the posting is over, not even what was routed to them', () => {
    expect(relationTo(cast.officer, facts('ROUTED'), null)).toBeNull();
  });

  it('does not give an officer back what it was routed on an ended posting when posted again', () => {
    const routedOnOldPosting = facts('ROUTED', {
      requesterParty: 'AUT',
      assignments: [
        { id: 'a-hun', recipientParty: 'HUN', officerId: null, postingId: null },
        { id: 'a-off', recipientParty: 'HUN', officerId: 'officer-1', postingId: 'posting-0' },
      ],
    });
    const newPosting = { deploymentId: 'posting-1', sending: 'PAK', host: 'SRB' };
    expect(relationTo(cast.officer, routedOnOldPosting, newPosting)).toBeNull();
    expect(
      relationTo(cast.officer, routedOnOldPosting, { ...newPosting, deploymentId: 'posting-0' }),
    ).toBe('OFFICER');
  });

  it('lets an officer see requests between its sending and host party only while told of the posting', () => {
    const between = facts('ROUTED', {
      assignments: [{ id: 'a', recipientParty: 'SRB', officerId: null, postingId: null }],
    });
    const other = facts('ROUTED', {
      requesterParty: 'AUT',
      assignments: [{ id: 'a', recipientParty: 'HUN', officerId: null, postingId: null }],
    });
    expect(
      relationTo(cast.officer, between, { deploymentId: 'posting-1', sending: 'AUT', host: 'HUN' }),
    ).toBeNull();
    expect(
      relationTo(cast.officer, between, { deploymentId: 'posting-1', sending: 'PAK', host: 'SRB' }),
    ).toBe('OFFICER');
    expect(
      relationTo(cast.officer, other, { deploymentId: 'posting-1', sending: 'PAK', host: 'SRB' }),
    ).toBeNull();
  });

  it("does not count another party's officer posted there as the host party being asked", () => {
    // PAK's request routed only to a HUN officer posted in SRB: SRB was not asked.
    const toAForeignOfficer = facts('ROUTED', {
      assignments: [{ id: 'a', recipientParty: 'SRB', officerId: 'officer-9', postingId: 'p-9' }],
    });
    const serbianOfficerInPakistan = { deploymentId: 'posting-1', sending: 'SRB', host: 'PAK' };
    expect(relationTo(cast.serbia, toAForeignOfficer)).toBeNull();
    expect(relationTo(cast.officer, toAForeignOfficer, serbianOfficerInPakistan)).toBeNull();
    const andSerbia = facts('ROUTED', {
      assignments: [
        ...toAForeignOfficer.assignments,
        { id: 'b', recipientParty: 'SRB', officerId: null, postingId: null },
      ],
    });
    expect(relationTo(cast.officer, andSerbia, serbianOfficerInPakistan)).toBe('OFFICER');
  });

  it('keeps a draft withdrawn unsent from everyone but the requester', () => {
    const withdrawnDraft = facts('WITHDRAWN', { submittedAt: null, assignments: [] });
    expect(relationTo(cast.pakistan, withdrawnDraft)).toBe('REQUESTER');
    expect(relationTo(cast.secretariat, withdrawnDraft)).toBeNull();
    expect(relationTo(cast.serbia, withdrawnDraft)).toBeNull();
    expect(relationTo(cast.secretariat, facts('WITHDRAWN'))).toBe('SECRETARIAT');
  });

  it('hides bodies of METADATA_ONLY requests from the secretariat only', () => {
    expect(canReadBodies('SECRETARIAT', { secretariatAccess: 'METADATA_ONLY' })).toBe(false);
    expect(canReadBodies('SECRETARIAT', { secretariatAccess: 'FULL' })).toBe(true);
    expect(canReadBodies('REQUESTER', { secretariatAccess: 'METADATA_ONLY' })).toBe(true);
  });
});

describe('who may read which message', () => {
  const rfi = facts('ROUTED');
  const response = (
    releasability: MessageFacts['releasability'],
    assignmentId = 'a-srb',
    authorParty = 'SRB',
  ): MessageFacts => ({
    kind: 'RESPONSE',
    assignmentId,
    authorParty,
    authorUserId: `user-fp-${authorParty.toLowerCase()}`,
    releasability,
  });
  const view = (
    actor: typeof cast.pakistan,
    relation: Relation,
    message: MessageFacts,
    access = rfi,
  ) => messageVisibility(actor, relation, access, message);

  it.each([
    ['REQUESTER', 'FULL', 'HIDDEN', 'METADATA'],
    ['ALL_RECIPIENTS', 'FULL', 'FULL', 'METADATA'],
    ['ALL_PARTIES', 'FULL', 'FULL', 'FULL'],
  ] as const)(
    'a %s response: requester %s, other recipient %s, secretariat %s',
    (releasability, requester, other, secretariat) => {
      const message = response(releasability);
      expect(view(cast.pakistan, 'REQUESTER', message)).toBe(requester);
      expect(view(cast.hungary, 'RECIPIENT', message)).toBe(other);
      expect(view(cast.secretariat, 'SECRETARIAT', message)).toBe(secretariat);
      expect(view(cast.serbia, 'RECIPIENT', message)).toBe('FULL');
    },
  );

  it('gives the secretariat only metadata of a METADATA_ONLY request, even ALL_PARTIES responses', () => {
    expect(
      view(
        cast.secretariat,
        'SECRETARIAT',
        response('ALL_PARTIES'),
        facts('ROUTED', { secretariatAccess: 'METADATA_ONLY' }),
      ),
    ).toBe('METADATA');
  });

  it('never lets the secretariat read through ICMPD as a party, whatever party its actor carries', () => {
    const toIcmpd = facts('ROUTED', {
      secretariatAccess: 'METADATA_ONLY',
      assignments: [{ id: 'a-icmpd', recipientParty: 'ICMPD', officerId: null, postingId: null }],
    });
    const icmpdAnswer = response('REQUESTER', 'a-icmpd', 'ICMPD');
    // The fixture's secretariat still says ICMPD, as accounts made before the fix did.
    expect(cast.secretariat.party).toBe('ICMPD');
    expect(view(cast.secretariat, 'SECRETARIAT', icmpdAnswer, toIcmpd)).toBe('METADATA');
    expect(
      view(cast.secretariat, 'SECRETARIAT', response('ALL_PARTIES', 'a-icmpd', 'ICMPD'), toIcmpd),
    ).toBe('METADATA');
    expect(relationTo(cast.secretariat, toIcmpd)).toBe('SECRETARIAT');
  });

  it('keeps notes to the secretariat and clarifications between requester and recipient', () => {
    const note: MessageFacts = {
      kind: 'NOTE',
      assignmentId: null,
      authorParty: 'ICMPD',
      authorUserId: 'user-secretariat',
      releasability: null,
    };
    expect(view(cast.pakistan, 'REQUESTER', note)).toBe('HIDDEN');
    expect(view(cast.secretariat, 'SECRETARIAT', note)).toBe('FULL');
    const question: MessageFacts = {
      kind: 'CLARIFICATION_REQUEST',
      assignmentId: 'a-srb',
      authorParty: 'SRB',
      authorUserId: 'user-fp-srb',
      releasability: null,
    };
    expect(view(cast.pakistan, 'REQUESTER', question)).toBe('FULL');
    expect(view(cast.hungary, 'RECIPIENT', question)).toBe('HIDDEN');
    const answer: MessageFacts = {
      kind: 'CLARIFICATION',
      assignmentId: 'a-srb',
      authorParty: 'PAK',
      authorUserId: 'user-fp-pak',
      releasability: null,
    };
    expect(view(cast.serbia, 'RECIPIENT', answer)).toBe('FULL');
    expect(view(cast.hungary, 'RECIPIENT', answer)).toBe('HIDDEN');
    expect(view(cast.hungary, 'RECIPIENT', { ...answer, assignmentId: null })).toBe('FULL');
  });
});

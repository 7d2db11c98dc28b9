import {
  Actor,
  ConflictError,
  ForbiddenError,
  PreconditionFailedError,
  RfiStatus,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { InformationRequest } from './information-request';
import { T0, cast, draft, draftInput, environment } from '../../test/rfi-fixtures';
import { codeOf, statusOf as attempt } from '../../../../test/support/domain-fixtures';

const H = 3600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * H);

/** A multilateral RFI brought into `status` by the rules themselves. */
function multilateralIn(status: RfiStatus): InformationRequest {
  const rfi = draft('MULTILATERAL');
  const env = environment();
  if (status === 'DRAFT') return rfi;
  if (status === 'WITHDRAWN') {
    rfi.withdraw(cast.pakistan, 'no longer needed', T0);
    return rfi;
  }
  rfi.submit(cast.pakistan, env);
  if (status === 'REJECTED') rfi.reject(cast.secretariat, 'out of scope', T0);
  if (status === 'ROUTED' || status === 'CLOSED')
    rfi.route(cast.secretariat, [{ party: 'SRB', officerId: null }], null, env);
  if (status === 'CLOSED') rfi.close(cast.pakistan, 'answered', T0);
  return rfi;
}

const STATUSES: RfiStatus[] = ['DRAFT', 'SUBMITTED', 'ROUTED', 'CLOSED', 'WITHDRAWN', 'REJECTED'];

/** action → [who may, states it is allowed in]. Everyone else gets 403; other states 409. */
const TRANSITIONS: Record<
  string,
  { act: (rfi: InformationRequest, actor: Actor) => void; who: Actor[]; from: RfiStatus[] }
> = {
  submit: { act: (rfi, a) => rfi.submit(a, environment()), who: [cast.pakistan], from: ['DRAFT'] },
  route: {
    act: (rfi, a) =>
      rfi.route(a, [{ party: 'AUT', officerId: null }], 'please answer', environment()),
    who: [cast.secretariat],
    from: ['SUBMITTED', 'ROUTED'],
  },
  reject: {
    act: (rfi, a) => rfi.reject(a, 'outside the BP mandate', T0),
    who: [cast.secretariat],
    from: ['SUBMITTED'],
  },
  withdraw: {
    act: (rfi, a) => rfi.withdraw(a, null, T0),
    who: [cast.pakistan],
    from: ['DRAFT', 'SUBMITTED', 'ROUTED'],
  },
  close: {
    act: (rfi, a) => rfi.close(a, null, T0),
    who: [cast.pakistan, cast.secretariat],
    from: ['ROUTED'],
  },
};

describe('InformationRequest life cycle', () => {
  describe.each(Object.entries(TRANSITIONS))('%s', (_, { act, who, from }) => {
    const everyone = Object.values(cast);
    it.each(
      STATUSES.flatMap((status) =>
        everyone.map((actor) => [status, actor.username, actor] as const),
      ),
    )('in %s by %s', (status, _name, actor) => {
      const rfi = multilateralIn(status);
      const expected = !who.includes(actor) ? 403 : from.includes(status) ? 'ok' : 409;
      expect(attempt(() => act(rfi, actor))).toBe(expected);
    });
  });

  it('routes a bilateral request at once to the target party, due by its priority', () => {
    const rfi = draft('BILATERAL', ['SRB'], { priority: 'URGENT' });
    rfi.pullChanges();
    rfi.submit(cast.pakistan, environment(at(1)));
    expect(rfi.status).toBe('ROUTED');
    expect(rfi.assignments).toHaveLength(1);
    expect(rfi.assignments[0]).toMatchObject({
      recipientParty: 'SRB',
      officerId: null,
      status: 'PENDING',
      dueAt: at(9),
    });
    expect(rfi.pullChanges().map((c) => c.action)).toEqual(['SUBMITTED', 'ROUTED']);
  });

  it('keeps a multilateral request for the secretariat, which routes and later forwards it', () => {
    const rfi = draft('MULTILATERAL', ['SRB', 'HUN', 'AUT']);
    rfi.submit(cast.pakistan, environment());
    expect(rfi.status).toBe('SUBMITTED');
    rfi.route(
      cast.secretariat,
      [
        { party: 'SRB', officerId: null },
        { party: 'HUN', officerId: null },
      ],
      null,
      environment(),
    );
    rfi.route(
      cast.secretariat,
      [{ party: 'AUT', officerId: null }],
      'forwarded',
      environment(at(5)),
    );
    expect(rfi.assignments.map((a) => a.recipientParty)).toEqual(['SRB', 'HUN', 'AUT']);
    expect(
      attempt(() =>
        rfi.route(cast.secretariat, [{ party: 'SRB', officerId: null }], null, environment()),
      ),
    ).toBe(409);
    expect(
      attempt(() =>
        rfi.route(cast.secretariat, [{ party: 'PAK', officerId: null }], null, environment()),
      ),
    ).toBe(400);
    expect(attempt(() => rfi.route(cast.secretariat, [], null, environment()))).toBe(400);
  });

  it.each([
    ['a bilateral request to two parties', () => draft('BILATERAL', ['SRB', 'HUN'])],
    ['a bilateral request to nobody', () => draft('BILATERAL', [])],
    ['a request to oneself', () => draft('MULTILATERAL', ['SRB', 'PAK'])],
    ['a target named twice', () => draft('MULTILATERAL', ['SRB', 'SRB'])],
    ['H3 without its restriction', () => draft('BILATERAL', ['SRB'], { handlingCode: 'H3' })],
  ])('refuses %s as invalid', (_, make) => {
    expect(attempt(make)).toBe(400);
  });

  it('lets only a focal point file a request, for its own party', () => {
    for (const requester of [cast.secretariat, cast.admin, cast.officer]) {
      expect(() =>
        InformationRequest.draft({
          id: 'x',
          reference: 'RFI-2026-000002',
          requester,
          input: draftInput('BILATERAL', ['SRB']),
          now: T0,
        }),
      ).toThrow(ForbiddenError);
    }
  });

  it('needs a reason to reject', () => {
    const rfi = multilateralIn('SUBMITTED');
    expect(() => rfi.reject(cast.secretariat, '  ', T0)).toThrow(ValidationFailedError);
  });

  it('names what was refused in codes clients can branch on', () => {
    const submitted = multilateralIn('SUBMITTED');
    expect(codeOf(() => submitted.submit(cast.pakistan, environment()))).toBe(
      'RFI.NOT_SUBMITTABLE',
    );
    expect(codeOf(() => submitted.submit(cast.serbia, environment()))).toBe('RFI.NOT_REQUESTER');
    expect(codeOf(() => submitted.route(cast.pakistan, [], null, environment()))).toBe(
      'RFI.SECRETARIAT_ONLY',
    );
    expect(codeOf(() => multilateralIn('DRAFT').close(cast.pakistan, null, T0))).toBe(
      'RFI.NOT_CLOSABLE',
    );
    expect(codeOf(() => submitted.assertVersion('0'))).toBe('VERSION.STALE');
  });

  it('bumps its version with every change and refuses a stale If-Match with 412', () => {
    const rfi = multilateralIn('SUBMITTED');
    const seen = String(rfi.version);
    rfi.route(cast.secretariat, [{ party: 'SRB', officerId: null }], null, environment());
    expect(() => rfi.assertVersion(seen)).toThrow(PreconditionFailedError);
    expect(() => rfi.assertVersion(String(rfi.version))).not.toThrow();
    expect(() => rfi.assertVersion(undefined)).not.toThrow();
  });
});

describe('assignments', () => {
  function routedToSerbia() {
    const rfi = draft('BILATERAL', ['SRB'], { priority: 'URGENT' });
    rfi.submit(cast.pakistan, environment());
    return { rfi, assignment: rfi.assignments[0]! };
  }

  it('is acknowledged, then answered, by the recipient only', () => {
    const { rfi, assignment } = routedToSerbia();
    // Another party's assignment does not exist for Hungary: 404, as for an id that never did.
    expect(attempt(() => rfi.acknowledge(cast.hungary, assignment.id, T0))).toBe(404);
    expect(attempt(() => rfi.acknowledge(cast.pakistan, assignment.id, T0))).toBe(403);
    // Nor does its code tell it apart from an unknown id.
    expect(codeOf(() => rfi.acknowledge(cast.hungary, assignment.id, T0))).toBe(
      'ASSIGNMENT.NOT_FOUND',
    );
    expect(codeOf(() => rfi.acknowledge(cast.hungary, 'no-such-assignment', T0))).toBe(
      'ASSIGNMENT.NOT_FOUND',
    );
    expect(codeOf(() => rfi.acknowledge(cast.pakistan, assignment.id, T0))).toBe(
      'ASSIGNMENT.NOT_RECIPIENT',
    );
    rfi.acknowledge(cast.serbia, assignment.id, at(1));
    expect(attempt(() => rfi.acknowledge(cast.serbia, assignment.id, at(1)))).toBe(409);
    expect(codeOf(() => rfi.acknowledge(cast.serbia, assignment.id, at(1)))).toBe(
      'ASSIGNMENT.NOT_PENDING',
    );
    rfi.post(
      cast.serbia,
      {
        kind: 'RESPONSE',
        body: 'Yes: two of them are known.',
        handlingCode: 'H2',
        grading: { sourceReliability: 'B', accuracy: 2 },
      },
      environment(at(2)),
    );
    expect(assignment).toMatchObject({
      status: 'RESPONDED',
      respondedAt: at(2),
      acknowledgedAt: at(1),
    });
    rfi.post(
      cast.serbia,
      { kind: 'RESPONSE', body: 'A third one was arrested today.', handlingCode: 'H2' },
      environment(at(3)),
    );
    expect(assignment.status).toBe('RESPONDED');
  });

  it('is declined only with a reason, and a declined one takes no response', () => {
    const { rfi, assignment } = routedToSerbia();
    expect(attempt(() => rfi.decline(cast.serbia, assignment.id, '', T0))).toBe(400);
    rfi.decline(cast.serbia, assignment.id, 'not our competence', T0);
    expect(assignment).toMatchObject({ status: 'DECLINED', declineReason: 'not our competence' });
    expect(attempt(() => rfi.decline(cast.serbia, assignment.id, 'again', T0))).toBe(409);
    // Whatever is asked of a declined assignment, the refusal says it was declined.
    for (const act of [
      () => rfi.decline(cast.serbia, assignment.id, 'again', T0),
      () => rfi.acknowledge(cast.serbia, assignment.id, T0),
      () =>
        rfi.post(
          cast.serbia,
          { kind: 'RESPONSE', body: 'late', handlingCode: 'H0' },
          environment(),
        ),
    ])
      expect(codeOf(act)).toBe('ASSIGNMENT.ALREADY_DECLINED');
    expect(
      attempt(() =>
        rfi.post(
          cast.serbia,
          { kind: 'RESPONSE', body: 'late', handlingCode: 'H0' },
          environment(),
        ),
      ),
    ).toBe(409);
  });

  it('stops its clock while the requester owes a clarification', () => {
    const { rfi, assignment } = routedToSerbia();
    expect(assignment.dueAt).toEqual(at(8));
    rfi.post(
      cast.serbia,
      { kind: 'CLARIFICATION_REQUEST', body: 'Which annex?', handlingCode: 'H0' },
      environment(at(2)),
    );
    expect(assignment.isOverdue(at(30))).toBe(false);
    rfi.post(
      cast.pakistan,
      { kind: 'CLARIFICATION', body: 'Annex B.', handlingCode: 'H0', assignmentId: assignment.id },
      environment(at(6)),
    );
    expect(assignment.dueAt).toEqual(at(12));
    expect(assignment.isOverdue(at(11))).toBe(false);
    expect(assignment.isOverdue(at(12.5))).toBe(true);
  });

  it('escalates an overdue assignment one level at a time, once per level', () => {
    const { rfi, assignment } = routedToSerbia();
    const step = () => 4 * H;
    expect(rfi.escalateOverdue(at(8), step)).toEqual([]);
    expect(rfi.escalateOverdue(at(9), step)).toEqual([assignment]);
    expect(assignment.escalationLevel).toBe(1);
    expect(rfi.escalateOverdue(at(10), step)).toEqual([]);
    expect(rfi.escalateOverdue(at(12.5), step)).toEqual([assignment]);
    expect(rfi.escalateOverdue(at(100), step)).toEqual([assignment]);
    expect(assignment.escalationLevel).toBe(3);
    expect(rfi.escalateOverdue(at(200), step)).toEqual([]);
    expect(
      rfi
        .pullChanges()
        .filter((c) => c.action === 'OVERDUE')
        .map((c) => c.details.escalationLevel),
    ).toEqual([1, 2, 3]);
  });

  it('does not escalate answered assignments', () => {
    const { rfi, assignment } = routedToSerbia();
    rfi.post(
      cast.serbia,
      { kind: 'RESPONSE', body: 'done', handlingCode: 'H0' },
      environment(at(1)),
    );
    expect(rfi.escalateOverdue(at(100), () => H)).toEqual([]);
    expect(assignment.escalationLevel).toBe(0);
  });
});

describe('the thread', () => {
  function routed() {
    const rfi = draft('MULTILATERAL', ['SRB', 'HUN']);
    rfi.submit(cast.pakistan, environment());
    rfi.route(
      cast.secretariat,
      [
        { party: 'SRB', officerId: null },
        { party: 'HUN', officerId: null },
      ],
      null,
      environment(),
    );
    return rfi;
  }

  it.each([
    ['a focal point adding a note', cast.pakistan, { kind: 'NOTE' }, 403],
    ['the secretariat adding a note', cast.secretariat, { kind: 'NOTE' }, 'ok'],
    ['a recipient clarifying', cast.serbia, { kind: 'CLARIFICATION' }, 403],
    ['the requester responding', cast.pakistan, { kind: 'RESPONSE' }, 403],
    ['an unrelated party responding', cast.austria, { kind: 'RESPONSE' }, 403],
    [
      'a graded clarification request',
      cast.serbia,
      { kind: 'CLARIFICATION_REQUEST', grading: { sourceReliability: 'A', accuracy: 1 } },
      400,
    ],
    [
      'a response with releasability',
      cast.serbia,
      { kind: 'RESPONSE', releasability: 'ALL_PARTIES' },
      'ok',
    ],
    ['an empty body', cast.serbia, { kind: 'RESPONSE', body: '   ' }, 400],
    ['H3 without its note', cast.serbia, { kind: 'RESPONSE', handlingCode: 'H3' }, 400],
  ] as const)('%s', (_, actor, overrides, expected) => {
    const rfi = routed();
    const input = { body: 'text', handlingCode: 'H1' as const, ...overrides };
    expect(
      attempt(() =>
        rfi.post(actor, input as Parameters<InformationRequest['post']>[1], environment()),
      ),
    ).toBe(expected);
  });

  it('defaults a response to REQUESTER releasability and files it on the recipient’s assignment', () => {
    const rfi = routed();
    const message = rfi.post(
      cast.hungary,
      { kind: 'RESPONSE', body: 'No record.', handlingCode: 'H0' },
      environment(),
    );
    expect(message).toMatchObject({
      releasability: 'REQUESTER',
      assignmentId: rfi.assignments[1]!.id,
      authorParty: 'HUN',
    });
  });

  it('takes no messages once closed', () => {
    const rfi = routed();
    rfi.close(cast.secretariat, null, T0);
    expect(() =>
      rfi.post(cast.serbia, { kind: 'RESPONSE', body: 'late', handlingCode: 'H0' }, environment()),
    ).toThrow(ConflictError);
  });
});

describe('officers on post', () => {
  it('receive a bilateral request beside the target focal point, each with an assignment', () => {
    const rfi = draft('BILATERAL', ['SRB']);
    rfi.submit(cast.pakistan, environment(), [{ officerId: 'officer-1', postingId: 'posting-1' }]);
    expect(rfi.assignments.map((a) => [a.recipientParty, a.officerId])).toEqual([
      ['SRB', null],
      ['SRB', 'officer-1'],
    ]);
    expect(rfi.assignmentsOf(cast.officer).map((a) => a.officerId)).toEqual(['officer-1']);
  });

  it('hand over their open work when their posting ends, and keep what they answered', () => {
    const rfi = draft('MULTILATERAL', ['SRB']);
    rfi.submit(cast.pakistan, environment());
    rfi.route(
      cast.secretariat,
      [
        { party: 'HUN', officerId: 'officer-1', postingId: 'posting-1' },
        { party: 'AUT', officerId: 'officer-1', postingId: 'posting-1' },
        { party: 'AUT', officerId: null },
      ],
      null,
      environment(),
    );
    const [toHungary, toAustria, austriaFocalPoint] = rfi.assignments;
    rfi.pullChanges();
    rfi.handOverFromOfficer('officer-1', T0);
    expect(toHungary).toMatchObject({ recipientParty: 'HUN', officerId: null, status: 'PENDING' });
    expect(toAustria).toMatchObject({
      status: 'DECLINED',
      declineReason: expect.stringContaining('handed over'),
    });
    expect(austriaFocalPoint!.status).toBe('PENDING');
    expect(rfi.pullChanges().map((c) => c.action)).toEqual(['HANDED_OVER', 'HANDED_OVER']);
    expect(rfi.handOverFromOfficer('officer-1', T0)).toEqual([]);
  });
});

describe('versions', () => {
  it('starts at 1 and counts every change after creation', () => {
    const rfi = draft('BILATERAL', ['SRB']);
    expect(rfi.version).toBe(1);
    rfi.submit(cast.pakistan, environment());
    expect(rfi.version).toBe(3);
  });
});

import { T0, cast, draft, environment } from '../../test/rfi-fixtures';
import { codeOf, statusOf as attempt } from '../../../../test/support/domain-fixtures';
import { InformationRequest } from './information-request';

const H = 3600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * H);

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
    expect(overdueLevels(rfi)).toEqual([1, 2, 3]);
  });

  it('records every level passed, also when one late scan finds the assignment far past its due time', () => {
    const { rfi, assignment } = routedToSerbia();
    expect(rfi.escalateOverdue(at(100), () => 4 * H)).toEqual([assignment]);
    expect(assignment.escalationLevel).toBe(3);
    expect(overdueLevels(rfi)).toEqual([1, 2, 3]);
  });

  it('reminds the holder once when three quarters of the time are used', () => {
    const { rfi, assignment } = routedToSerbia();
    rfi.pullChanges();
    expect(rfi.remindDueSoon(at(5.9), 0.75)).toEqual([]);
    expect(rfi.remindDueSoon(at(6), 0.75)).toEqual([assignment]);
    expect(assignment.dueSoonRemindedAt).toEqual(at(6));
    expect(rfi.remindDueSoon(at(7), 0.75)).toEqual([]);
    expect(rfi.pullChanges()).toEqual([
      {
        action: 'DUE_SOON',
        at: at(6),
        actor: null,
        assignmentId: assignment.id,
        details: { recipientParty: 'SRB', dueAt: at(8).toISOString() },
      },
    ]);
    // Overdue later: the ladder tells it, the reminder is not repeated.
    rfi.escalateOverdue(at(9), () => 4 * H);
    expect(rfi.remindDueSoon(at(9), 0.75)).toEqual([]);
  });

  it('does not remind an assignment already overdue when first seen (a late scan): the ladder tells', () => {
    const { rfi, assignment } = routedToSerbia();
    expect(rfi.remindDueSoon(at(8.5), 0.75)).toEqual([]);
    expect(rfi.escalateOverdue(at(8.5), () => 4 * H)).toEqual([assignment]);
    expect(rfi.remindDueSoon(at(20), 0.75)).toEqual([]);
    expect(assignment.dueSoonRemindedAt).toBeNull();
  });

  const message = (kind: 'RESPONSE' | 'CLARIFICATION_REQUEST') => ({
    kind,
    body: 'Which annex?',
    handlingCode: 'H0' as const,
  });
  it.each<[string, (rfi: InformationRequest, assignmentId: string) => void]>([
    ['answered', (rfi) => rfi.post(cast.serbia, message('RESPONSE'), environment(at(1)))],
    ['declined', (rfi, id) => rfi.decline(cast.serbia, id, 'not ours', at(1))],
    [
      'paused for a clarification',
      (rfi) => rfi.post(cast.serbia, message('CLARIFICATION_REQUEST'), environment(at(1))),
    ],
    ['withdrawn', (rfi) => rfi.withdraw(cast.pakistan, null, at(1))],
    ['closed', (rfi) => rfi.close(cast.pakistan, null, at(1))],
  ])('does not remind an assignment %s', (_, act) => {
    const { rfi, assignment } = routedToSerbia();
    act(rfi, assignment.id);
    expect(rfi.remindDueSoon(at(7), 0.75)).toEqual([]);
    expect(assignment.dueSoonRemindedAt).toBeNull();
  });

  it("keeps the reminder when an officer's assignment passes to its focal point", () => {
    const rfi = draft('MULTILATERAL', ['SRB']);
    rfi.submit(cast.pakistan, environment());
    rfi.route(
      cast.secretariat,
      [{ party: 'HUN', officerId: 'officer-1', postingId: 'posting-1' }],
      null,
      environment(),
    );
    const [toOfficer] = rfi.assignments;
    const share = 0.75;
    const remindedAt = new Date(
      toOfficer!.assignedAt.getTime() +
        0.8 * (toOfficer!.dueAt.getTime() - toOfficer!.assignedAt.getTime()),
    );
    expect(rfi.remindDueSoon(remindedAt, share)).toEqual([toOfficer]);
    rfi.handOverFromOfficer('officer-1', 'posting-1', remindedAt);
    expect(toOfficer).toMatchObject({
      officerId: null,
      status: 'PENDING',
      dueSoonRemindedAt: remindedAt,
    });
    // The handover itself tells the focal points (rfi.handed-over carries the due time).
    expect(rfi.remindDueSoon(remindedAt, share)).toEqual([]);
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

  it('get one assignment each, though the postings heard of show an officer on two', () => {
    const rfi = draft('BILATERAL', ['SRB']);
    rfi.submit(cast.pakistan, environment(), [
      { officerId: 'officer-1', postingId: 'posting-ending' },
      { officerId: 'officer-1', postingId: 'posting-1' },
    ]);
    expect(rfi.assignments.map((a) => [a.recipientParty, a.officerId])).toEqual([
      ['SRB', null],
      ['SRB', 'officer-1'],
    ]);
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
    rfi.handOverFromOfficer('officer-1', 'posting-1', T0);
    expect(toHungary).toMatchObject({ recipientParty: 'HUN', officerId: null, status: 'PENDING' });
    expect(toAustria).toMatchObject({
      status: 'DECLINED',
      declineReason: expect.stringContaining('handed over'),
    });
    expect(austriaFocalPoint!.status).toBe('PENDING');
    expect(rfi.pullChanges().map((c) => c.action)).toEqual(['HANDED_OVER', 'HANDED_OVER']);
    expect(rfi.handOverFromOfficer('officer-1', 'posting-1', T0)).toEqual([]);
  });

  it("hands over an officer's work under no known posting with the first posting that ends", () => {
    const rfi = draft('MULTILATERAL', ['SRB']);
    rfi.submit(cast.pakistan, environment());
    rfi.route(
      cast.secretariat,
      [{ party: 'HUN', officerId: 'officer-1', postingId: null }],
      null,
      environment(),
    );
    const [unposted] = rfi.assignments;
    expect(unposted!.postingId).toBeNull();
    expect(rfi.handOverFromOfficer('officer-1', 'posting-9', T0)).toEqual([unposted]);
    expect(unposted).toMatchObject({ officerId: null });
  });

  it('a late "ended" event of an earlier posting hands over only the work assigned under that posting', () => {
    const rfi = draft('MULTILATERAL', ['SRB']);
    rfi.submit(cast.pakistan, environment());
    rfi.route(
      cast.secretariat,
      [
        { party: 'HUN', officerId: 'officer-1', postingId: 'posting-1' },
        { party: 'AUT', officerId: 'officer-1', postingId: 'posting-2' },
      ],
      null,
      environment(),
    );
    const [underEndedPosting, underLaterPosting] = rfi.assignments;
    expect(rfi.handOverFromOfficer('officer-1', 'posting-1', T0)).toEqual([underEndedPosting]);
    expect(underLaterPosting).toMatchObject({
      officerId: 'officer-1',
      postingId: 'posting-2',
      status: 'PENDING',
    });
  });
});

/** The escalation levels the OVERDUE history lines recorded, in order. */
function overdueLevels(rfi: InformationRequest): unknown[] {
  return rfi
    .pullChanges()
    .filter((c) => c.action === 'OVERDUE')
    .map((c) => c.details.escalationLevel);
}

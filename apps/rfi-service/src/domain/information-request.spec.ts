import {
  Actor,
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

describe('versions', () => {
  it('starts at 1 and counts every change after creation', () => {
    const rfi = draft('BILATERAL', ['SRB']);
    expect(rfi.version).toBe(1);
    rfi.submit(cast.pakistan, environment());
    expect(rfi.version).toBe(3);
  });
});

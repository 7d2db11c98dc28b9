import { ConflictError } from '@bp/domain-kernel';
import { InformationRequest } from './information-request';
import { T0, cast, draft, environment } from '../../test/rfi-fixtures';
import { statusOf as attempt } from '../../../../test/support/domain-fixtures';

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

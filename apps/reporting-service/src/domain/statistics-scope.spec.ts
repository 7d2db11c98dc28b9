import { Actor, ForbiddenError } from '@bp/domain-kernel';
import { statisticsScopeOf } from './statistics-scope';

const actor = (role: string, party: string | null): Actor =>
  ({ userId: 'u', username: 'u', role, party, officerId: null }) as Actor;

describe('whose figures a caller sees', () => {
  it('gives the secretariat and the chairs every party', () => {
    expect(statisticsScopeOf(actor('secretariat', null))).toEqual({ kind: 'ALL_PARTIES' });
    expect(statisticsScopeOf(actor('chair', null))).toEqual({ kind: 'ALL_PARTIES' });
  });

  it('gives a focal point its own party only', () => {
    expect(statisticsScopeOf(actor('focal_point', 'SRB'))).toEqual({
      kind: 'ONE_PARTY',
      party: 'SRB',
    });
  });

  it('refuses officers, administrators and a focal point without a party', () => {
    for (const caller of [
      actor('liaison_officer', 'PAK'),
      actor('admin', null),
      actor('focal_point', null),
    ])
      expect(() => statisticsScopeOf(caller)).toThrow(ForbiddenError);
  });
});

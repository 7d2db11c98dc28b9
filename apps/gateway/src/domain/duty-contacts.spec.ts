import { ForbiddenError } from '@bp/domain-kernel';
import { fieldErrorsOf } from '../../../../test/support/domain-fixtures';
import { DutyCandidate, fitDutyContacts, requireOwnParty } from './duty-contacts';

const account = (id: string, over: Partial<DutyCandidate> = {}): DutyCandidate => ({
  id,
  role: 'focal_point',
  party: 'SRB',
  disabled: false,
  email: `${id}@example.org`,
  ...over,
});

describe('the people of a duty roster', () => {
  it('are enabled focal points of the party, answered with their addresses', () => {
    const fit = fitDutyContacts(
      'SRB',
      [
        { field: 'slots.0.userId', userId: 'a' },
        { field: 'fallbackUserId', userId: 'b' },
      ],
      [account('a'), account('b', { email: null })],
    );
    expect(fit).toEqual(
      new Map([
        ['a', 'a@example.org'],
        ['b', null],
      ]),
    );
  });

  it('refuse anyone else, each by its field, with one message whatever the reason', () => {
    const errors = fieldErrorsOf(() =>
      fitDutyContacts(
        'SRB',
        [
          { field: 'slots.0.userId', userId: 'other-party' },
          { field: 'slots.1.userId', userId: 'officer' },
          { field: 'slots.2.userId', userId: 'disabled' },
          { field: 'slots.3.userId', userId: 'absent' },
          { field: 'fallbackUserId', userId: 'fine' },
        ],
        [
          account('other-party', { party: 'HUN' }),
          account('officer', { role: 'liaison_officer' }),
          account('disabled', { disabled: true }),
          account('fine'),
        ],
      ),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'slots.0.userId',
      'slots.1.userId',
      'slots.2.userId',
      'slots.3.userId',
    ]);
    expect(new Set(errors.map((e) => e.message)).size).toBe(1);
  });

  it('are kept by the focal points of the party only', () => {
    expect(() => requireOwnParty({ role: 'focal_point', party: 'SRB' }, 'SRB')).not.toThrow();
    expect(() => requireOwnParty({ role: 'focal_point', party: 'HUN' }, 'SRB')).toThrow(
      ForbiddenError,
    );
    expect(() => requireOwnParty({ role: 'secretariat', party: null }, 'SRB')).toThrow(
      ForbiddenError,
    );
  });
});

import { ValidationFailedError } from '@bp/domain-kernel';
import { actorOf, assertConsistentAccount, focalPointUsername } from './user-account';

const known = (code: string) => ['SRB', 'PAK', 'ICMPD'].includes(code);

describe('user accounts', () => {
  it.each([
    { role: 'focal_point', party: 'SRB', officerId: null },
    { role: 'secretariat', party: null, officerId: null },
    { role: 'admin', party: null, officerId: null },
    { role: 'liaison_officer', party: 'PAK', officerId: '2b6c3f0e-9a0f-4c7e-9a43-7c1c4b5e8d11' },
  ] as const)('accepts $role for $party', (account) => {
    expect(() => assertConsistentAccount(account, known)).not.toThrow();
  });

  it.each([
    [{ role: 'focal_point', party: null, officerId: null }, 'party'],
    [{ role: 'focal_point', party: 'XXX', officerId: null }, 'party'],
    [{ role: 'secretariat', party: 'SRB', officerId: null }, 'party'],
    [{ role: 'secretariat', party: 'ICMPD', officerId: null }, 'party'],
    [{ role: 'admin', party: 'SRB', officerId: null }, 'party'],
    [{ role: 'liaison_officer', party: 'PAK', officerId: null }, 'officerId'],
    [
      { role: 'focal_point', party: 'SRB', officerId: '2b6c3f0e-9a0f-4c7e-9a43-7c1c4b5e8d11' },
      'officerId',
    ],
  ] as const)('refuses %o, naming %s', (account, field) => {
    try {
      assertConsistentAccount(account, known);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).errors.map((e) => e.field)).toContain(field);
    }
  });

  it('gives the secretariat no party in its actor, even where an old account says ICMPD', () => {
    const actor = actorOf({
      id: 'u',
      username: 'secretariat',
      role: 'secretariat',
      party: 'ICMPD',
      officerId: null,
    });
    expect(actor.party).toBeNull();
  });

  it('names demo focal points after their party', () => {
    expect(focalPointUsername('PAK')).toBe('fp-pak');
    expect(focalPointUsername('BALI_RSO')).toBe('fp-bali-rso');
  });
});

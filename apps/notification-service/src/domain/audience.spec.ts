import { Actor, ROLES } from '@bp/domain-kernel';
import {
  Audience,
  SECRETARIAT,
  audienceKey,
  focalPointsOf,
  inboxKeyOf,
  officer,
  onePerson,
} from './audience';

const OFFICER_ID = '5d2c7f0e-8a4b-4c1d-9e3f-2a6b8c0d4e1f';
const POSTING = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const LATER_POSTING = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const USER_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const COLLEAGUE_ID = '6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908';
const actor = (over: Partial<Actor>): Actor => ({
  userId: USER_ID,
  username: 'someone',
  role: 'focal_point',
  party: null,
  officerId: null,
  ...over,
});

describe('audiences and inboxes', () => {
  const audiences: Audience[] = [
    focalPointsOf('SRB'),
    focalPointsOf('PAK'),
    focalPointsOf('ICMPD'),
    officer(OFFICER_ID, POSTING),
    officer(OFFICER_ID, LATER_POSTING),
    officer(OFFICER_ID, null),
    SECRETARIAT,
    onePerson(USER_ID, 'SRB'),
    onePerson(COLLEAGUE_ID, 'SRB'),
  ];
  const callers: Actor[] = [
    actor({ role: 'focal_point', party: 'SRB' }),
    actor({ role: 'focal_point', party: 'PAK' }),
    actor({ role: 'focal_point', party: 'ICMPD' }),
    actor({ role: 'focal_point', party: null }),
    actor({ role: 'liaison_officer', party: 'PAK', officerId: OFFICER_ID }),
    actor({ role: 'liaison_officer', party: 'SRB', officerId: null }),
    actor({ role: 'secretariat' }),
    actor({ role: 'secretariat', party: 'ICMPD' }),
    actor({ role: 'admin' }),
  ];

  it('gives every audience its own key', () => {
    expect(new Set(audiences.map(audienceKey)).size).toBe(audiences.length);
  });

  it.each(callers.map((c) => [`${c.role}/${c.party}/${c.officerId}`, c] as const))(
    '%s reads the notifications of at most its role audience and itself, and only its own',
    (_, caller) => {
      const mine = audiences.filter((a) => inboxKeyOf(caller, POSTING).includes(audienceKey(a)));
      expect(mine.length).toBeLessThanOrEqual(2);
      for (const audience of mine) {
        if (audience.role === 'user') {
          expect(audience.userId).toBe(caller.userId);
          continue;
        }
        expect(audience.role).toBe(caller.role);
        if (audience.role === 'focal_point') expect(audience.party).toBe(caller.party);
        if (audience.role === 'liaison_officer') {
          expect(audience.officerId).toBe(caller.officerId);
          expect(audience.postingId).toBe(POSTING);
        }
      }
    },
  );

  it('gives a person what is addressed to them alone, and not to a colleague of the same party', () => {
    const me = actor({ role: 'focal_point', party: 'SRB' });
    const colleague = actor({ role: 'focal_point', party: 'SRB', userId: COLLEAGUE_ID });
    expect(inboxKeyOf(me)).toEqual([
      audienceKey(focalPointsOf('SRB')),
      audienceKey(onePerson(USER_ID, 'SRB')),
    ]);
    expect(inboxKeyOf(colleague)).not.toContain(audienceKey(onePerson(USER_ID, 'SRB')));
  });

  it("keeps a person's pages from them once they act for another party or in another role", () => {
    const page = audienceKey(onePerson(USER_ID, 'SRB'));
    expect(inboxKeyOf(actor({ role: 'focal_point', party: 'HUN' }))).not.toContain(page);
    expect(inboxKeyOf(actor({ role: 'secretariat', party: null }))).not.toContain(page);
    const officer = actor({ role: 'liaison_officer', party: 'SRB', officerId: OFFICER_ID });
    expect(inboxKeyOf(officer, POSTING)).not.toContain(page);
  });

  it('keeps the secretariat apart from ICMPD as a party, and admins out of every inbox', () => {
    expect(inboxKeyOf(actor({ role: 'secretariat', party: 'ICMPD' }))).toContain('secretariat');
    expect(inboxKeyOf(actor({ role: 'focal_point', party: 'ICMPD' }))).not.toContain('secretariat');
    for (const role of ROLES)
      if (role === 'admin') expect(inboxKeyOf(actor({ role, party: 'SRB' }))).toEqual([]);
  });

  it('reaches an officer by officer id on its current posting, never through the party it acts for', () => {
    const posted = actor({ role: 'liaison_officer', party: 'PAK', officerId: OFFICER_ID });
    expect(inboxKeyOf(posted, POSTING)).toContain(audienceKey(officer(OFFICER_ID, POSTING)));
    expect(inboxKeyOf(posted, POSTING)).not.toContain(audienceKey(focalPointsOf('PAK')));
  });

  it('shows an officer nothing once the posting ended, nor under a later posting', () => {
    const posted = actor({ role: 'liaison_officer', party: 'PAK', officerId: OFFICER_ID });
    expect(inboxKeyOf(posted, null)).toEqual([]);
    expect(inboxKeyOf(posted, LATER_POSTING)).not.toContain(
      audienceKey(officer(OFFICER_ID, POSTING)),
    );
    // An assignment whose posting the event did not name is nobody's.
    const unnamed = audienceKey(officer(OFFICER_ID, null));
    expect([POSTING, LATER_POSTING].flatMap((p) => inboxKeyOf(posted, p))).not.toContain(unnamed);
  });
});

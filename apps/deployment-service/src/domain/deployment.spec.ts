import { Actor, DEPLOYMENT_STATUSES, DeploymentStatus } from '@bp/domain-kernel';
import { actor, codeOf, statusOf } from '../../../../test/support/domain-fixtures';
import { Deployment } from './deployment';
import { PostingPeriod } from './posting-period';
import { Officer } from './officer';
import { isCalendarDate, overlaps } from './calendar-date';

const NOW = new Date('2026-06-01T08:00:00Z');
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000);
const cast = {
  sender: actor('fp-pak', 'focal_point', 'PAK'),
  host: actor('fp-srb', 'focal_point', 'SRB'),
  other: actor('fp-hun', 'focal_point', 'HUN'),
  secretariat: actor('secretariat', 'secretariat', 'ICMPD'),
  admin: actor('admin', 'admin', null),
};

const officer = Officer.register({
  id: 'officer-1',
  by: cast.sender,
  now: NOW,
  fullName: 'Ayesha Khan',
  sendingParty: 'PAK',
  agency: 'Federal Investigation Agency',
  languages: ['en', 'ur'],
  expertise: ['SMUGGLING_OF_MIGRANTS'],
  email: 'a.khan@example.org',
});

function propose(overrides: Partial<Parameters<typeof Deployment.propose>[0]> = {}) {
  return Deployment.propose({
    id: 'dep-1',
    officer,
    by: cast.sender,
    now: NOW,
    hostParty: 'SRB',
    postingCity: 'Belgrade',
    mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
    startDate: '2026-07-01',
    endDate: '2027-06-30',
    otherPostingsOfOfficer: [],
    ...overrides,
  });
}

/** A posting brought into `status` by the rules themselves (an ACTIVE one started today). */
function postingIn(status: DeploymentStatus): Deployment {
  const deployment = propose(
    status === 'ACTIVE' || status === 'ENDED' ? { startDate: '2026-06-01' } : {},
  );
  if (status === 'PROPOSED') return deployment;
  if (status === 'REFUSED') deployment.refuse(cast.host, 'not now', NOW);
  if (status === 'CANCELLED') deployment.cancel(cast.sender, null, NOW);
  if (['APPROVED', 'ACTIVE', 'ENDED'].includes(status)) deployment.approve(cast.host, NOW);
  if (status === 'ENDED') deployment.recall(cast.sender, 'needed at home', NOW);
  expect(deployment.status).toBe(status);
  return deployment;
}

const STATUSES: DeploymentStatus[] = [...DEPLOYMENT_STATUSES];
const TRANSITIONS: Record<
  string,
  { act: (d: Deployment, a: Actor) => void; who: Actor[]; from: DeploymentStatus[] }
> = {
  approve: { act: (d, a) => d.approve(a, NOW), who: [cast.host], from: ['PROPOSED'] },
  refuse: { act: (d, a) => d.refuse(a, 'no capacity', NOW), who: [cast.host], from: ['PROPOSED'] },
  cancel: {
    act: (d, a) => d.cancel(a, null, NOW),
    who: [cast.sender, cast.secretariat],
    from: ['PROPOSED', 'APPROVED'],
  },
  recall: {
    act: (d, a) => d.recall(a, 'needed at home', NOW),
    who: [cast.sender, cast.secretariat],
    from: ['ACTIVE'],
  },
  extend: {
    act: (d, a) => d.requestExtension(a, 'ext-1', '2027-12-31', [], NOW),
    who: [cast.sender, cast.secretariat],
    from: ['APPROVED', 'ACTIVE'],
  },
};

describe('Deployment life cycle', () => {
  describe.each(Object.entries(TRANSITIONS))('%s', (_, { act, who, from }) => {
    it.each(
      STATUSES.flatMap((status) =>
        Object.values(cast).map((a) => [status, a.username, a] as const),
      ),
    )('in %s by %s', (status, _name, by) => {
      const expected = !who.includes(by) ? 403 : from.includes(status) ? 'ok' : 409;
      expect(statusOf(() => act(postingIn(status), by))).toBe(expected);
    });
  });

  it('is proposed by the sending focal point or the secretariat only', () => {
    expect(statusOf(() => propose({ by: cast.secretariat }))).toBe('ok');
    expect(statusOf(() => propose({ by: cast.host }))).toBe(403);
    expect(statusOf(() => propose({ by: cast.admin }))).toBe(403);
  });

  it.each([
    ['an end before the start', { startDate: '2026-08-01', endDate: '2026-07-01' }],
    ['an end on the start day', { startDate: '2026-08-01', endDate: '2026-08-01' }],
    ['a start in the past', { startDate: '2026-05-31' }],
    ['a date that does not exist', { endDate: '2027-02-30' }],
    ['a posting at home', { hostParty: 'PAK' }],
  ])('refuses %s with 400', (_, overrides) => {
    expect(statusOf(() => propose(overrides))).toBe(400);
  });

  it('refuses overlapping postings of one officer, but not ended or refused ones', () => {
    const held = (status: DeploymentStatus): PostingPeriod => ({
      id: 'dep-0',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      status,
    });
    expect(statusOf(() => propose({ otherPostingsOfOfficer: [held('ACTIVE')] }))).toBe(409);
    expect(statusOf(() => propose({ otherPostingsOfOfficer: [held('PROPOSED')] }))).toBe(409);
    expect(codeOf(() => propose({ otherPostingsOfOfficer: [held('ACTIVE')] }))).toBe(
      'DEPLOYMENT.OVERLAPS',
    );
    expect(statusOf(() => propose({ otherPostingsOfOfficer: [held('ENDED')] }))).toBe('ok');
    expect(statusOf(() => propose({ otherPostingsOfOfficer: [held('REFUSED')] }))).toBe('ok');
    expect(
      statusOf(() =>
        propose({ otherPostingsOfOfficer: [{ ...held('ACTIVE'), startDate: '2027-07-01' }] }),
      ),
    ).toBe('ok');
  });

  it('is active at once when approved on or after its start date', () => {
    const starting = propose({ startDate: '2026-06-01' });
    starting.approve(cast.host, NOW);
    expect(starting.status).toBe('ACTIVE');
    expect(starting.pullChanges().map((c) => c.action)).toEqual([
      'PROPOSED',
      'APPROVED',
      'ACTIVATED',
    ]);
  });

  it('starts and ends with the calendar', () => {
    const deployment = propose({ startDate: '2026-06-10', endDate: '2026-06-20' });
    deployment.approve(cast.host, NOW);
    deployment.advanceCalendar(day(8));
    expect(deployment.status).toBe('APPROVED');
    deployment.advanceCalendar(day(9));
    expect(deployment.status).toBe('ACTIVE');
    expect(deployment.isActiveOn('2026-06-20')).toBe(true);
    deployment.advanceCalendar(new Date('2026-06-20T23:59:00Z'));
    expect(deployment.status).toBe('ACTIVE');
    deployment.advanceCalendar(new Date('2026-06-21T00:00:00Z'));
    expect(deployment).toMatchObject({ status: 'ENDED', endReason: 'END_DATE' });
  });

  it('extends its end date when the host approves, one request at a time', () => {
    const deployment = postingIn('ACTIVE');
    expect(
      statusOf(() => deployment.requestExtension(cast.sender, 'x', '2027-06-30', [], NOW)),
    ).toBe(400);
    deployment.requestExtension(cast.sender, 'ext-1', '2027-12-31', [], NOW);
    expect(
      statusOf(() => deployment.requestExtension(cast.sender, 'ext-2', '2028-01-31', [], NOW)),
    ).toBe(409);
    expect(statusOf(() => deployment.decideExtension(cast.sender, 'ext-1', true, NOW))).toBe(403);
    deployment.decideExtension(cast.host, 'ext-1', true, NOW);
    expect(deployment.endDate).toBe('2027-12-31');
    expect(statusOf(() => deployment.decideExtension(cast.host, 'ext-1', true, NOW))).toBe(409);
    expect(statusOf(() => deployment.decideExtension(cast.host, 'nope', true, NOW))).toBe(404);
    expect(codeOf(() => deployment.decideExtension(cast.sender, 'ext-1', true, NOW))).toBe(
      'DEPLOYMENT.NOT_HOST',
    );
    expect(codeOf(() => deployment.decideExtension(cast.host, 'ext-1', true, NOW))).toBe(
      'EXTENSION.NOT_PENDING',
    );
    expect(codeOf(() => deployment.decideExtension(cast.host, 'nope', true, NOW))).toBe(
      'EXTENSION.NOT_FOUND',
    );
  });

  it('names the state a refused step needed', () => {
    expect(codeOf(() => postingIn('ACTIVE').approve(cast.host, NOW))).toBe(
      'DEPLOYMENT.NOT_PROPOSED',
    );
    expect(codeOf(() => postingIn('PROPOSED').recall(cast.sender, 'why', NOW))).toBe(
      'DEPLOYMENT.NOT_ACTIVE',
    );
    expect(codeOf(() => propose({ by: cast.host }))).toBe('DEPLOYMENT.NOT_SENDING_SIDE');
  });

  it('refuses an extension that would overlap the officer’s next posting', () => {
    const deployment = postingIn('ACTIVE');
    const next: PostingPeriod = {
      id: 'dep-2',
      startDate: '2027-08-01',
      endDate: '2028-07-31',
      status: 'APPROVED',
    };
    expect(
      statusOf(() => deployment.requestExtension(cast.sender, 'ext', '2027-09-30', [next], NOW)),
    ).toBe(409);
  });

  it('needs a reason to refuse or recall, and bumps its version with every change', () => {
    expect(statusOf(() => postingIn('PROPOSED').refuse(cast.host, ' ', NOW))).toBe(400);
    expect(statusOf(() => postingIn('ACTIVE').recall(cast.sender, '', NOW))).toBe(400);
    const deployment = postingIn('PROPOSED');
    deployment.approve(cast.host, NOW);
    expect(statusOf(() => deployment.assertVersion('1'))).toBe(412);
    expect(statusOf(() => deployment.assertVersion(String(deployment.version)))).toBe('ok');
  });
});

describe('calendar dates', () => {
  it.each(['2026-02-29', '2026-13-01', '26-01-01', '2026-1-1'])('refuses %s', (value) =>
    expect(isCalendarDate(value)).toBe(false),
  );
  it('accepts real days and sees shared days as overlap', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(
      overlaps(
        { startDate: '2026-01-01', endDate: '2026-01-31' },
        { startDate: '2026-01-31', endDate: '2026-02-28' },
      ),
    ).toBe(true);
    expect(
      overlaps(
        { startDate: '2026-01-01', endDate: '2026-01-30' },
        { startDate: '2026-01-31', endDate: '2026-02-28' },
      ),
    ).toBe(false);
  });
});

describe('officers', () => {
  it('are registered by their sending party or the secretariat', () => {
    const input = {
      id: 'o',
      now: NOW,
      fullName: 'X',
      sendingParty: 'PAK',
      agency: 'FIA',
      languages: [],
      expertise: [],
      email: 'x@example.org',
    };
    expect(statusOf(() => Officer.register({ ...input, by: cast.sender }))).toBe('ok');
    expect(statusOf(() => Officer.register({ ...input, by: cast.secretariat }))).toBe('ok');
    expect(statusOf(() => Officer.register({ ...input, by: cast.host }))).toBe(403);
  });
});

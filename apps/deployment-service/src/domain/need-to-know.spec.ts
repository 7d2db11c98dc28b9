import { DEPLOYMENT_STATUSES, DeploymentStatus } from '@bp/domain-kernel';
import { actor } from '../../../../test/support/domain-fixtures';
import { Extension } from './extension';
import {
  PostingRelation,
  maySeePosting,
  relationToOfficer,
  relationToPosting,
  seesContact,
  seesPostingDetails,
  shownPostingVersion,
  visibleExtensions,
} from './need-to-know';

const cast = {
  sender: actor('fp-pak', 'focal_point', 'PAK'),
  host: actor('fp-srb', 'focal_point', 'SRB'),
  other: actor('fp-hun', 'focal_point', 'HUN'),
  officer: actor('lo-khan', 'liaison_officer', 'PAK', 'officer-1'),
  otherOfficer: actor('lo-other', 'liaison_officer', 'PAK', 'officer-2'),
  secretariat: actor('secretariat', 'secretariat', null),
  admin: actor('admin', 'admin', null),
};
const posting = { officerId: 'officer-1', sendingParty: 'PAK', hostParty: 'SRB' };
const STATUSES: DeploymentStatus[] = [...DEPLOYMENT_STATUSES];

describe('need to know: postings', () => {
  it.each([
    ['sender', 'SENDER'],
    ['host', 'HOST'],
    ['other', 'OTHER'],
    ['officer', 'OFFICER'],
    // An officer's account acts for the sending party, but is never the sending party's focal point.
    ['otherOfficer', 'OTHER'],
    ['secretariat', 'SECRETARIAT'],
    ['admin', 'OTHER'],
  ] as const)('the %s stands to a posting as %s', (who, relation) => {
    expect(relationToPosting(cast[who], { ...posting, status: 'ACTIVE' })).toBe(relation);
  });

  it('keeps proposals, refusals and cancellations between those involved', () => {
    const seen = (relation: PostingRelation) =>
      STATUSES.filter((status) => maySeePosting(relation, status));
    for (const involved of ['SENDER', 'HOST', 'OFFICER', 'SECRETARIAT'] as const)
      expect(seen(involved)).toEqual(STATUSES);
    expect(seen('OTHER')).toEqual(['APPROVED', 'ACTIVE', 'ENDED']);
  });

  it('shows free text and extensions to those involved only, pending ones not to the officer', () => {
    const extensions: Extension[] = [
      { id: 'e1', requestedEndDate: '2027-09-30', status: 'APPROVED', ...times },
      { id: 'e2', requestedEndDate: '2027-10-31', status: 'REFUSED', ...times },
      { id: 'e3', requestedEndDate: '2027-12-31', status: 'PENDING', ...times },
    ];
    const ids = (relation: PostingRelation) =>
      visibleExtensions(relation, extensions).map((e) => e.id);
    expect(ids('SENDER')).toEqual(['e1', 'e2', 'e3']);
    expect(ids('HOST')).toEqual(['e1', 'e2', 'e3']);
    expect(ids('SECRETARIAT')).toEqual(['e1', 'e2', 'e3']);
    expect(ids('OFFICER')).toEqual(['e1', 'e2']);
    expect(ids('OTHER')).toEqual([]);
    expect(seesPostingDetails('OTHER')).toBe(false);
    expect(seesPostingDetails('OFFICER')).toBe(true);
  });
});

const times = { requestedAt: '2026-06-01T00:00:00.000Z', decidedAt: null };

describe('need to know: the version a caller is shown', () => {
  // propose 1, approve 2, activate 3; then an extension asked for (4) and decided (5).
  const withExtension = (status: Extension['status']) => ({
    version: status === 'PENDING' ? 4 : 5,
    extensions: [{ id: 'e', requestedEndDate: '2027-12-31', status, ...times }],
  });

  it('is the stored version for those who see every change', () => {
    for (const relation of ['SENDER', 'HOST', 'SECRETARIAT'] as const)
      for (const status of ['PENDING', 'APPROVED', 'REFUSED'] as const)
        expect(shownPostingVersion(relation, withExtension(status))).toBe(
          withExtension(status).version,
        );
  });

  it('does not move for an extension the caller cannot see', () => {
    expect(shownPostingVersion('OTHER', withExtension('PENDING'))).toBe(3);
    expect(shownPostingVersion('OFFICER', withExtension('PENDING'))).toBe(3);
    expect(shownPostingVersion('OTHER', withExtension('REFUSED'))).toBe(3);
    expect(shownPostingVersion('OFFICER', withExtension('REFUSED'))).toBe(5);
  });

  it('moves when an approved extension moves the end date everyone sees', () => {
    expect(shownPostingVersion('OTHER', withExtension('APPROVED'))).toBe(4);
    expect(shownPostingVersion('OFFICER', withExtension('APPROVED'))).toBe(5);
  });
});

describe('need to know: officers', () => {
  const officer = { id: 'officer-1', sendingParty: 'PAK' };
  const into = (status: DeploymentStatus) => [{ hostParty: 'SRB', status }];

  it.each([
    ['sender', [], 'SENDER'],
    ['officer', [], 'SELF'],
    ['otherOfficer', [], 'OTHER'],
    ['secretariat', [], 'SECRETARIAT'],
    ['admin', [], 'OTHER'],
    ['other', into('ACTIVE'), 'OTHER'],
    ['host', [], 'OTHER'],
  ] as const)('the %s with postings %j stands as %s', (who, postings, relation) => {
    expect(relationToOfficer(cast[who], officer, postings)).toBe(relation);
  });

  it.each(STATUSES)('makes the host a contact holder by a %s posting', (status) => {
    const relation = relationToOfficer(cast.host, officer, into(status));
    expect(relation).toBe(['REFUSED', 'CANCELLED'].includes(status) ? 'OTHER' : 'HOST');
  });

  it('gives contact details to every relation but none', () => {
    expect(seesContact('OTHER')).toBe(false);
    for (const relation of ['SENDER', 'HOST', 'SELF', 'SECRETARIAT'] as const)
      expect(seesContact(relation)).toBe(true);
  });
});

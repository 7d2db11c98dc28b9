import { Actor, DEPLOYMENT_STATUSES, DeploymentStatus } from '@bp/contracts';
import { actor } from '../../../../../test/support/domain-fixtures';
import { maySeePosting, relationToPosting } from '../../domain/need-to-know';
import { visiblePostings } from './posting-visibility';

/** Just enough of MikroORM's query language to run the conditions visiblePostings builds. */
function matches(filter: Record<string, unknown>, row: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$or')
      return (condition as Record<string, unknown>[]).some((part) => matches(part, row));
    if (condition && typeof condition === 'object' && '$in' in condition)
      return (condition.$in as unknown[]).includes(row[key]);
    return row[key] === condition;
  });
}

const callers: Actor[] = [
  actor('fp-pak', 'focal_point', 'PAK'),
  actor('fp-srb', 'focal_point', 'SRB'),
  actor('fp-hun', 'focal_point', 'HUN'),
  actor('lo-khan', 'liaison_officer', 'PAK', 'officer-1'),
  actor('lo-other', 'liaison_officer', 'SRB', 'officer-2'),
  actor('secretariat', 'secretariat', null),
  actor('admin', 'admin', null),
];
const STATUSES: DeploymentStatus[] = [...DEPLOYMENT_STATUSES];

describe('the list condition for postings', () => {
  it.each(callers.map((c) => [c.username, c] as const))(
    'lets %s list exactly the postings need to know lets it open',
    (_, caller) => {
      for (const status of STATUSES)
        for (const posting of [
          { officerId: 'officer-1', sendingParty: 'PAK', hostParty: 'SRB', status },
          { officerId: 'officer-3', sendingParty: 'AUT', hostParty: 'TUR', status },
        ]) {
          const listed = matches(visiblePostings(caller), posting);
          expect([status, posting.hostParty, listed]).toEqual([
            status,
            posting.hostParty,
            maySeePosting(relationToPosting(caller, posting), status),
          ]);
        }
    },
  );
});

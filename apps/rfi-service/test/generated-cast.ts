import { Actor, DeploymentStatus } from '@bp/domain-kernel';
import { DeploymentEventData } from '@bp/contracts';
import { SeededRandom } from '../../../test/support/seeded-random';

/** The callers and officers' postings that generated RFIs are filed, routed and read by. */

export const PARTIES = ['PAK', 'SRB', 'HUN', 'AUT', 'TUR', 'ICMPD'] as const;

/**
 * Officers and their postings as the projection holds them; an ENDED posting was active once. One
 * officer was recalled and posted again to the same host: what reached them on the first posting
 * is not theirs on the second.
 */
// prettier-ignore
const OFFICERS: { username: string; sending: string; postings: [string, DeploymentStatus][] }[] = [
  { username: 'lo-pak', sending: 'PAK', postings: [['HUN', 'ENDED'], ['SRB', 'ACTIVE']] },
  { username: 'lo-srb', sending: 'SRB', postings: [['HUN', 'ENDED'], ['HUN', 'ACTIVE']] },
  { username: 'lo-hun', sending: 'HUN', postings: [['PAK', 'ACTIVE']] },
  { username: 'lo-aut', sending: 'AUT', postings: [['TUR', 'ENDED']] },
  { username: 'lo-tur', sending: 'TUR', postings: [['AUT', 'APPROVED']] },
  { username: 'lo-unposted', sending: 'AUT', postings: [] },
];

/** A row of the posting projection, as the deployment events describe it. */
export type Posting = Pick<
  DeploymentEventData,
  'deploymentId' | 'officerId' | 'sendingParty' | 'hostParty' | 'status'
>;

export interface Cast {
  focalPoints: Map<string, Actor>;
  /** The secretariat's users carry no party; a legacy account with ICMPD's code must not matter. */
  secretariats: Actor[];
  officers: Actor[];
  postings: Posting[];
  /** Everyone above, an admin, and an officer's account linked to no officer. */
  actors: Actor[];
}

export function castOf(random: SeededRandom): Cast {
  const user = (
    username: string,
    role: Actor['role'],
    party: string | null,
    officerId: string | null = null,
  ): Actor => ({ userId: random.uuid(), username, role, party, officerId });
  const focalPoints = new Map<string, Actor>(
    PARTIES.map((party) => [party, user(`fp-${party.toLowerCase()}`, 'focal_point', party)]),
  );
  const secretariats = [
    user('secretariat', 'secretariat', null),
    user('secretariat-icmpd', 'secretariat', 'ICMPD'),
  ];
  const officers = OFFICERS.map((officer) =>
    user(officer.username, 'liaison_officer', officer.sending, random.uuid()),
  );
  const postings: Posting[] = OFFICERS.flatMap((officer, i) =>
    officer.postings.map(([host, status]) => ({
      deploymentId: random.uuid(),
      officerId: officers[i]!.officerId!,
      sendingParty: officer.sending,
      hostParty: host,
      status,
    })),
  );
  const actors = [
    ...focalPoints.values(),
    ...secretariats,
    user('admin', 'admin', null),
    ...officers,
    user('lo-unlinked', 'liaison_officer', 'PAK', null),
  ];
  return { focalPoints, secretariats, officers, postings, actors };
}

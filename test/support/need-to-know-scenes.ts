import { randomUUID } from 'node:crypto';
import { as } from './api';
import { isoDay } from './deployment-fixtures';
import { officerAccount } from './officer-fixtures';

/**
 * Records for the OWASP need-to-know suites (API1, API3), made through the API as their owners
 * would. The cast: PAK sends, SRB hosts, HUN is unrelated; TUR refused a posting; MKD asks for a
 * study visit, AUT and ITA offer, SRB looks on.
 */

async function created<T>(user: string, path: string, json: unknown): Promise<T> {
  const answer = await as<T>(user, 'POST', path, { json });
  if (answer.status !== 201 && answer.status !== 200)
    throw new Error(`${user} POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export interface PostingScene {
  /** PAK's officer, with rank, e-mail and phone; an account of their own. */
  officerId: string;
  officerUser: string;
  /** PAK → SRB from today: ACTIVE, with a note. */
  activeId: string;
  /** PAK → SRB next year: PROPOSED, with a note. */
  proposedId: string;
  /** Another PAK officer, whose only posting (PAK → TUR) TUR refused. */
  refusedOfficerId: string;
  refusedId: string;
}

const officer = (fullName: string) => ({
  fullName,
  sendingParty: 'PAK',
  agency: 'Federal Investigation Agency',
  rank: 'Inspector',
  languages: ['en', 'ur'],
  expertise: ['SMUGGLING_OF_MIGRANTS'],
  email: `${fullName.toLowerCase().replace(/\W+/g, '.')}@fia.example.org`,
  phone: '+92 51 111 2222',
});

const posting = (officerId: string, hostParty: string, from: number, to: number) => ({
  officerId,
  hostParty,
  postingCity: 'Capital',
  mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
  startDate: isoDay(from),
  endDate: isoDay(to),
  note: `Internal note on ${hostParty} ${randomUUID().slice(0, 6)}`,
});

export async function postingScene(): Promise<PostingScene> {
  const tag = randomUUID().slice(0, 6);
  const { id: officerId } = await created<{ id: string }>(
    'fp-pak',
    '/officers',
    officer(`Sana Need ${tag}`),
  );
  const active = await created<{ id: string }>(
    'fp-pak',
    '/deployments',
    posting(officerId, 'SRB', 0, 300),
  );
  await created('fp-srb', `/deployments/${active.id}/approve`, undefined);
  const proposed = await created<{ id: string }>(
    'fp-pak',
    '/deployments',
    posting(officerId, 'SRB', 400, 500),
  );
  const { id: refusedOfficerId } = await created<{ id: string }>(
    'fp-pak',
    '/officers',
    officer(`Omar Know ${tag}`),
  );
  const refused = await created<{ id: string }>(
    'fp-pak',
    '/deployments',
    posting(refusedOfficerId, 'TUR', 10, 100),
  );
  await created('fp-tur', `/deployments/${refused.id}/refuse`, { reason: 'No office space' });
  return {
    officerId,
    officerUser: await officerAccount(officerId),
    activeId: active.id,
    proposedId: proposed.id,
    refusedOfficerId,
    refusedId: refused.id,
  };
}

export interface Offered {
  id: string;
  offers: { id: string; party: string }[];
}

/** A NEED of MKD with a word of its own to find it by, and the offers of `offerers` on it. */
export async function needWithOffers(
  ...offerers: string[]
): Promise<{ id: string; word: string; offerIds: Record<string, string> }> {
  const word = `needtoknow${randomUUID().slice(0, 8)}`;
  const { id } = await created<Offered>('fp-mkd', '/knowledge-exchanges', {
    kind: 'NEED',
    type: 'STUDY_VISIT',
    topics: ['REINTEGRATION'],
    title: `Study visit on referral systems ${word}`,
    description: 'How are returnees referred to health, psycho-social and job services?',
    format: 'IN_PERSON',
    preferredFrom: '2031-09-01',
    preferredTo: '2031-10-31',
  });
  const offerIds: Record<string, string> = {};
  for (const user of offerers) {
    const answer = await created<Offered>(user, `/knowledge-exchanges/${id}/offers`, {
      description: `${user} hosts a three-day visit`,
      proposedFrom: '2031-09-14',
      proposedTo: '2031-09-16',
    });
    offerIds[user] = answer.offers.find((o) => o.party === user.slice(3).toUpperCase())!.id;
  }
  return { id, word, offerIds };
}

/** Every user id in an answer would be a leak: the ids of the accounts of a test, from GET /me. */
export async function userIdsOf(...users: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const user of users) ids.push((await as<{ id: string }>(user, 'GET', '/me')).body.id);
  return ids;
}

/** Keys anywhere in a JSON value. */
export function keysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysIn);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysIn(inner)]);
  return [];
}

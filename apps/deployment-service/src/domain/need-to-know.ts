import { Actor, DeploymentStatus } from '@bp/domain-kernel';
import { Extension } from './extension';

/**
 * Need to know for officers and their postings. Who may call a command at all (the role) is
 * decided before any record is read (libs/contracts deployment-access); these rules decide what a
 * caller who may call it sees of one record. The README's access table says the same in prose.
 */

/** How the caller stands to a posting. */
export type PostingRelation = 'SENDER' | 'HOST' | 'OFFICER' | 'SECRETARIAT' | 'OTHER';

export interface PostingFacts {
  officerId: string;
  sendingParty: string;
  hostParty: string;
  status: DeploymentStatus;
}

/**
 * A posting everyone signed in may know of: approved, running or over. A proposal, a refusal and
 * a cancellation stay between the two parties, the officer and the secretariat.
 */
export const PUBLIC_POSTING_STATUSES: readonly DeploymentStatus[] = ['APPROVED', 'ACTIVE', 'ENDED'];

/**
 * Focal points act for their party; an officer's account carries the sending party too, but an
 * officer only ever stands to their own postings (never as the sending party).
 */
export function relationToPosting(actor: Actor, posting: PostingFacts): PostingRelation {
  if (actor.role === 'secretariat') return 'SECRETARIAT';
  if (actor.role === 'focal_point' && actor.party !== null) {
    if (actor.party === posting.sendingParty) return 'SENDER';
    if (actor.party === posting.hostParty) return 'HOST';
  }
  if (actor.role === 'liaison_officer' && actor.officerId === posting.officerId) return 'OFFICER';
  return 'OTHER';
}

/** No relation and not public: the posting does not exist for the caller (404, absent from lists). */
export function maySeePosting(relation: PostingRelation, status: DeploymentStatus): boolean {
  return relation !== 'OTHER' || PUBLIC_POSTING_STATUSES.includes(status);
}

/** Free text (note, refusal, recall and cancellation reasons) and the extension record. */
export function seesPostingDetails(relation: PostingRelation): boolean {
  return relation !== 'OTHER';
}

/** An extension still awaiting the host is a matter between the two parties and the secretariat. */
export function seesPendingExtensions(relation: PostingRelation): boolean {
  return relation === 'SENDER' || relation === 'HOST' || relation === 'SECRETARIAT';
}

export function visibleExtensions(
  relation: PostingRelation,
  extensions: readonly Extension[],
): Extension[] {
  if (!seesPostingDetails(relation)) return [];
  return extensions.filter((e) => e.status !== 'PENDING' || seesPendingExtensions(relation));
}

/**
 * The version (ETag) as far as the caller can see the posting: every change bumps the stored
 * version, but a caller must not learn from it that something it cannot see happened. An
 * extension it cannot see recorded one hidden change when asked for, and one more if refused; an
 * approved one moved the end date, which everyone who sees the posting sees.
 */
export function shownPostingVersion(
  relation: PostingRelation,
  posting: { version: number; extensions: readonly Extension[] },
): number {
  const seen = new Set(visibleExtensions(relation, posting.extensions));
  const hidden = posting.extensions
    .filter((e) => !seen.has(e))
    .reduce((count, e) => count + (e.status === 'REFUSED' ? 2 : 1), 0);
  return posting.version - hidden;
}

/** How the caller stands to an officer, for their contact details. */
export type OfficerRelation = 'SENDER' | 'HOST' | 'SELF' | 'SECRETARIAT' | 'OTHER';

/** A posting that makes the host a contact of the officer: anything but refused or cancelled. */
const CONTACT_POSTINGS: readonly DeploymentStatus[] = ['PROPOSED', 'APPROVED', 'ACTIVE', 'ENDED'];

/**
 * `postings`: the officer's postings (any subset that holds those into the caller's party). The
 * host of a refused or cancelled proposal does not keep the officer's contact details.
 */
export function relationToOfficer(
  actor: Actor,
  officer: { id: string; sendingParty: string },
  postings: readonly { hostParty: string; status: DeploymentStatus }[],
): OfficerRelation {
  if (actor.role === 'secretariat') return 'SECRETARIAT';
  if (actor.role === 'liaison_officer' && actor.officerId === officer.id) return 'SELF';
  if (actor.role !== 'focal_point' || actor.party === null) return 'OTHER';
  if (actor.party === officer.sendingParty) return 'SENDER';
  const hosts = postings.some(
    (p) => p.hostParty === actor.party && CONTACT_POSTINGS.includes(p.status),
  );
  return hosts ? 'HOST' : 'OTHER';
}

/** E-mail, phone and rank; name, agency, party, languages and expertise are for everyone. */
export function seesContact(relation: OfficerRelation): boolean {
  return relation !== 'OTHER';
}

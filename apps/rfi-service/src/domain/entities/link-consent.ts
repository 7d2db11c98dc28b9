import {
  ConflictError,
  EntityType,
  ForbiddenError,
  LinkStatus,
  NotFoundError,
} from '@bp/domain-kernel';
import { LinkErrors, RfiErrors } from '../rfi-errors';

/**
 * A possible link between two requests (possible-links.ts) and the consent of the two requesting
 * parties to it. `first` and `second` are the two requests in a fixed order; each party answers
 * for its own request only.
 */
export interface PossibleLink {
  id: string;
  firstRfiId: string;
  secondRfiId: string;
  /** The request whose change found the link; the other's line follows (link-notices.ts). */
  foundByRfiId: string;
  /** Whether the other request has its POSSIBLE_LINK_FOUND line yet. */
  otherNoted: boolean;
  entityTypes: EntityType[];
  status: LinkStatus;
  foundAt: Date;
  askedAt: Date | null;
  firstConsent: boolean | null;
  secondConsent: boolean | null;
  decidedAt: Date | null;
}

export type LinkSide = 'first' | 'second';

/** What answering did to the link: still waiting for the other side, opened, or refused. */
export type LinkOutcome = 'WAITING' | 'LINKED' | 'REFUSED';

export function sideOf(link: PossibleLink, rfiId: string): LinkSide | null {
  if (link.firstRfiId === rfiId) return 'first';
  return link.secondRfiId === rfiId ? 'second' : null;
}

export function otherRfiOf(link: PossibleLink, side: LinkSide): string {
  return side === 'first' ? link.secondRfiId : link.firstRfiId;
}

/** The secretariat asks both requesting parties whether they agree to be put in contact: once. */
export function askConsent(link: PossibleLink, now: Date): PossibleLink {
  if (link.status !== 'FOUND')
    throw new ConflictError(
      LinkErrors.ALREADY_ASKED,
      `The parties were asked already (the link is ${link.status})`,
    );
  return { ...link, status: 'ASKED', askedAt: now };
}

/**
 * One requesting party answers for its request, once: both agreeing opens the link (each then
 * sees the other request's reference), either refusing closes it for good.
 */
export function answerConsent(
  link: PossibleLink,
  side: LinkSide,
  consent: boolean,
  now: Date,
): { link: PossibleLink; outcome: LinkOutcome } {
  if (link.status !== 'ASKED')
    throw new ConflictError(
      LinkErrors.NOT_ASKED,
      link.status === 'FOUND'
        ? 'The secretariat has not asked for consent to this link'
        : `This link is decided (${link.status})`,
    );
  const key = side === 'first' ? 'firstConsent' : 'secondConsent';
  if (link[key] !== null)
    throw new ConflictError(LinkErrors.ALREADY_ANSWERED, 'You have answered for this link');
  const answered = { ...link, [key]: consent };
  if (!consent)
    return { link: { ...answered, status: 'REFUSED', decidedAt: now }, outcome: 'REFUSED' };
  if (answered.firstConsent && answered.secondConsent)
    return { link: { ...answered, status: 'LINKED', decidedAt: now }, outcome: 'LINKED' };
  return { link: answered, outcome: 'WAITING' };
}

/** The same refusal for a link that does not exist and for one the caller may not know of. */
export function linkNotFound(id: string): NotFoundError {
  return new NotFoundError(LinkErrors.NOT_FOUND, `No link ${id}`);
}

/** Who oversees links: the secretariat, which alone may know both requests of one. */
export function requireLinkOverseer(actor: { role: string }): void {
  if (actor.role !== 'secretariat')
    throw new ForbiddenError(RfiErrors.SECRETARIAT_ONLY, 'Only the secretariat oversees links');
}

export type LinkStep = 'LINK_CONSENT_GIVEN' | 'LINK_CONSENT_REFUSED' | 'LINK_OPENED';

/** A line an answer writes: in this side's history or the other's, naming who answered or not. */
export interface LinkLine {
  history: 'own' | 'other';
  step: LinkStep;
  /** The one who answered is named only in its own request's history. */
  named: boolean;
}

/**
 * The history lines one answer writes. Until the link is decided, an answer stays in its own
 * request's history: the other requester must not learn it before answering. Once decided, each
 * side learns the other's answer, then that the link opened (both agreed) or not.
 */
export function linesOfAnswer(
  before: PossibleLink,
  side: LinkSide,
  consent: boolean,
  outcome: LinkOutcome,
): LinkLine[] {
  const stepOf = (agreed: boolean): LinkStep =>
    agreed ? 'LINK_CONSENT_GIVEN' : 'LINK_CONSENT_REFUSED';
  const lines: LinkLine[] = [{ history: 'own', step: stepOf(consent), named: true }];
  if (outcome === 'WAITING') return lines;
  const otherAnswer = side === 'first' ? before.secondConsent : before.firstConsent;
  if (otherAnswer !== null) lines.push({ history: 'own', step: stepOf(otherAnswer), named: false });
  lines.push({ history: 'other', step: stepOf(consent), named: false });
  if (outcome === 'LINKED')
    lines.push(
      { history: 'own', step: 'LINK_OPENED', named: false },
      { history: 'other', step: 'LINK_OPENED', named: false },
    );
  return lines;
}

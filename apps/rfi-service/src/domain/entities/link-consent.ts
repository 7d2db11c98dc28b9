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

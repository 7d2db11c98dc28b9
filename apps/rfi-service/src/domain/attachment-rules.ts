import { ConflictError, ForbiddenError, NotFoundError, TooLargeError } from '@bp/domain-kernel';
import { ContributionRefusals, ContributionTarget, checkMayContribute } from './contribution-rules';
import {
  AccessFacts,
  MessageVisibility,
  Relation,
  RfiActor,
  canReadBodies,
  messageVisibility,
} from './need-to-know';
import { AttachmentErrors } from './rfi-errors';

/**
 * How much a deployment lets one person attach to one RFI (README, ATTACHMENT_* settings). Per
 * person, not per RFI: what is left of a shared quota would tell a caller of files it may not
 * see, and one participant could fill the request for all the others.
 */
export interface AttachmentLimits {
  /** Bytes of one file. */
  maxBytes: number;
  /** Bytes of all of one person's files on one RFI together. */
  maxTotalBytes: number;
  /** One person's files on one RFI. */
  maxCount: number;
}

/** What the caller has attached to an RFI already. */
export interface AttachmentsHeld {
  count: number;
  totalBytes: number;
}

/** The message a file goes with, as the rules need it; null for the request itself. */
export type AttachmentTarget = ContributionTarget;

const FILE_REFUSALS: ContributionRefusals = {
  things: 'Files',
  notAllowed: AttachmentErrors.NOT_ALLOWED,
  notAuthor: AttachmentErrors.NOT_AUTHOR,
  draftOnly: AttachmentErrors.DRAFT_ONLY,
  closed: AttachmentErrors.CLOSED,
  messageNotFound,
};

/** Who may attach: as who may add anything to a request (contribution-rules.ts). */
export function checkMayAttach(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  target: AttachmentTarget,
): void {
  checkMayContribute(actor, relation, rfi, target, FILE_REFUSALS);
}

/**
 * The most bytes one more file may have: the smaller of the per-file limit and what is left of
 * the caller's total on the RFI. Refused at once when nothing is left, or the file says it is larger.
 */
export function roomFor(
  limits: AttachmentLimits,
  held: AttachmentsHeld,
  declared?: number,
): number {
  if (held.count >= limits.maxCount)
    throw new TooLargeError(
      AttachmentErrors.TOO_MANY,
      `You may attach at most ${limits.maxCount} files to one request`,
    );
  const room = Math.min(limits.maxBytes, limits.maxTotalBytes - held.totalBytes);
  if (room <= 0 || (declared !== undefined && declared > room)) throw tooLarge(limits, room);
  return room;
}

export function tooLarge(limits: AttachmentLimits, room: number): TooLargeError {
  return room < limits.maxBytes
    ? new TooLargeError(
        AttachmentErrors.TOTAL_TOO_LARGE,
        `Your files on one request may take at most ${limits.maxTotalBytes} bytes together`,
      )
    : new TooLargeError(
        AttachmentErrors.FILE_TOO_LARGE,
        `A file may have at most ${limits.maxBytes} bytes`,
      );
}

/**
 * What the caller may have of a file: exactly what it may have of the message it goes with
 * (need-to-know.ts messageVisibility), or of the request's question for one on the request.
 * METADATA: that it exists, its name, size and type, never its bytes.
 */
export function attachmentAccess(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  target: AttachmentTarget,
): MessageVisibility {
  if (target === null) return canReadBodies(relation, rfi) ? 'FULL' : 'METADATA';
  return messageVisibility(actor, relation, rfi, target);
}

/** Removing is undoing one's own draft: once submitted, the files are part of the record. */
export function checkMayRemove(relation: Relation, rfi: AccessFacts): void {
  if (relation !== 'REQUESTER')
    throw new ForbiddenError(AttachmentErrors.NOT_ALLOWED, 'Only the requester removes files');
  if (rfi.status !== 'DRAFT')
    throw new ConflictError(
      AttachmentErrors.DRAFT_ONLY,
      `Files can be removed only from a draft (this request is ${rfi.status})`,
    );
}

/** The same refusal for a file that does not exist and for one the caller may not see. */
export function attachmentNotFound(id: string): NotFoundError {
  return new NotFoundError(AttachmentErrors.NOT_FOUND, `No attachment ${id} on this request`);
}

export function messageNotFound(id: string): NotFoundError {
  return new NotFoundError(AttachmentErrors.MESSAGE_NOT_FOUND, `No message ${id} on this request`);
}

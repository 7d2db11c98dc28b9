import { ConflictError, ForbiddenError, NotFoundError, TooLargeError } from '@bp/domain-kernel';
import {
  AccessFacts,
  MessageFacts,
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
export type AttachmentTarget = (MessageFacts & { id: string }) | null;

/**
 * Who may attach: the requester to its request while it is a draft (after that, files go with a
 * message: the record of what was asked does not change under its readers); the author of a
 * message to that message, while the request is open. A message the caller may not see does not
 * exist for it.
 */
export function checkMayAttach(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  target: AttachmentTarget,
): void {
  if (target === null) {
    if (relation !== 'REQUESTER')
      throw new ForbiddenError(
        AttachmentErrors.NOT_ALLOWED,
        'Only the requester attaches files to the request itself; others attach them to their message',
      );
    if (rfi.status !== 'DRAFT')
      throw new ConflictError(
        AttachmentErrors.DRAFT_ONLY,
        `Files go on the request itself only while it is a draft (it is ${rfi.status}); attach them to a message`,
      );
    return;
  }
  if (messageVisibility(actor, relation, rfi, target) === 'HIDDEN')
    throw messageNotFound(target.id);
  if (target.authorUserId !== actor.userId)
    throw new ForbiddenError(
      AttachmentErrors.NOT_AUTHOR,
      'Only the author of a message attaches files to it',
    );
  if (rfi.status !== 'ROUTED')
    throw new ConflictError(
      AttachmentErrors.CLOSED,
      `Files cannot be added to a request that is ${rfi.status}`,
    );
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

/**
 * Why the RFI rules refuse: stable codes clients branch on (the messages may change). A request or
 * assignment the caller may not see answers the same NOT_FOUND as one that does not exist.
 */
export const RfiErrors = {
  /** Absent, or not the caller's to see. */
  NOT_FOUND: 'RFI.NOT_FOUND',
  /** Filing is for a focal point acting for a party. */
  FOCAL_POINT_ONLY: 'RFI.FOCAL_POINT_ONLY',
  /** Routing and rejecting are for the secretariat. */
  SECRETARIAT_ONLY: 'RFI.SECRETARIAT_ONLY',
  /** Submitting and withdrawing are for the requesting party. */
  NOT_REQUESTER: 'RFI.NOT_REQUESTER',
  /** Closing is for the requester or the secretariat. */
  NOT_REQUESTER_OR_SECRETARIAT: 'RFI.NOT_REQUESTER_OR_SECRETARIAT',
  /** The compilation of responses is for the requester and the secretariat. */
  COMPILATION_FORBIDDEN: 'RFI.COMPILATION_FORBIDDEN',
  /** Checking the history's chain is for the requester and the secretariat. */
  HISTORY_CHECK_FORBIDDEN: 'RFI.HISTORY_CHECK_FORBIDDEN',
  NOT_SUBMITTABLE: 'RFI.NOT_SUBMITTABLE',
  NOT_ROUTABLE: 'RFI.NOT_ROUTABLE',
  NOT_REJECTABLE: 'RFI.NOT_REJECTABLE',
  NOT_WITHDRAWABLE: 'RFI.NOT_WITHDRAWABLE',
  NOT_CLOSABLE: 'RFI.NOT_CLOSABLE',
  /** Messages and assignment actions need a routed request. */
  NOT_ROUTED: 'RFI.NOT_ROUTED',
  HANDLING_NOTE_REQUIRED: 'RFI.HANDLING_NOTE_REQUIRED',
  TARGET_REPEATED: 'RFI.TARGET_REPEATED',
  /** A party cannot ask itself. */
  TARGET_IS_REQUESTER: 'RFI.TARGET_IS_REQUESTER',
  /** A bilateral request names exactly one party. */
  BILATERAL_TARGET_COUNT: 'RFI.BILATERAL_TARGET_COUNT',
  RECIPIENT_REQUIRED: 'RFI.RECIPIENT_REQUIRED',
  RECIPIENT_IS_REQUESTER: 'RFI.RECIPIENT_IS_REQUESTER',
  RECIPIENT_REPEATED: 'RFI.RECIPIENT_REPEATED',
  /** An officer named as recipient is not on post in the party. */
  OFFICER_NOT_ON_POST: 'RFI.OFFICER_NOT_ON_POST',
  REASON_REQUIRED: 'RFI.REASON_REQUIRED',
} as const;

export const AssignmentErrors = {
  /** Absent, or another recipient's: indistinguishable on purpose. */
  NOT_FOUND: 'ASSIGNMENT.NOT_FOUND',
  /** The requester or the secretariat see the assignment but only its recipient acts on it. */
  NOT_RECIPIENT: 'ASSIGNMENT.NOT_RECIPIENT',
  /** The recipient already has this request. */
  ALREADY_ASSIGNED: 'ASSIGNMENT.ALREADY_ASSIGNED',
  ALREADY_DECLINED: 'ASSIGNMENT.ALREADY_DECLINED',
  /** Only a pending assignment can be acknowledged. */
  NOT_PENDING: 'ASSIGNMENT.NOT_PENDING',
  /** Only an open (pending or acknowledged) assignment can be declined or asked about. */
  NOT_OPEN: 'ASSIGNMENT.NOT_OPEN',
  REASON_REQUIRED: 'ASSIGNMENT.REASON_REQUIRED',
} as const;

export const MessageErrors = {
  INVALID: 'MESSAGE.INVALID',
  /** Internal notes are the secretariat's. */
  NOTE_SECRETARIAT_ONLY: 'MESSAGE.NOTE_SECRETARIAT_ONLY',
  /** A note is about the whole request, not one assignment. */
  NOTE_ON_ASSIGNMENT: 'MESSAGE.NOTE_ON_ASSIGNMENT',
  /** Clarifications are the requesting party's. */
  NOT_REQUESTER: 'MESSAGE.NOT_REQUESTER',
  /** Responses and questions are for recipients. */
  NOT_RECIPIENT: 'MESSAGE.NOT_RECIPIENT',
  /** The assignment named is not one of this request. */
  ASSIGNMENT_UNKNOWN: 'MESSAGE.ASSIGNMENT_UNKNOWN',
  /** The assignment named is not the caller's (the same whether it exists or not). */
  ASSIGNMENT_NOT_OWN: 'MESSAGE.ASSIGNMENT_NOT_OWN',
  /** The caller has several assignments and must say which one. */
  ASSIGNMENT_REQUIRED: 'MESSAGE.ASSIGNMENT_REQUIRED',
} as const;

export type RfiErrorCode = (typeof RfiErrors)[keyof typeof RfiErrors];

export const AttachmentErrors = {
  /** Absent, or not the caller's to see: indistinguishable on purpose. */
  NOT_FOUND: 'ATTACHMENT.NOT_FOUND',
  /** The message named is absent or not the caller's to see. */
  MESSAGE_NOT_FOUND: 'ATTACHMENT.MESSAGE_NOT_FOUND',
  /** Files on the request itself are the requester's. */
  NOT_ALLOWED: 'ATTACHMENT.NOT_ALLOWED',
  /** Files go with a message only from its author. */
  NOT_AUTHOR: 'ATTACHMENT.NOT_AUTHOR',
  /** Files on the request itself only while it is a draft. */
  DRAFT_ONLY: 'ATTACHMENT.DRAFT_ONLY',
  /** The request is no longer open. */
  CLOSED: 'ATTACHMENT.CLOSED',
  FILE_TOO_LARGE: 'ATTACHMENT.FILE_TOO_LARGE',
  TOTAL_TOO_LARGE: 'ATTACHMENT.TOTAL_TOO_LARGE',
  TOO_MANY: 'ATTACHMENT.TOO_MANY',
  /** The bytes are of a type not accepted. */
  TYPE_NOT_ACCEPTED: 'ATTACHMENT.TYPE_NOT_ACCEPTED',
  /** The bytes are not of the type the client declared. */
  TYPE_MISMATCH: 'ATTACHMENT.TYPE_MISMATCH',
  /** The client's digest does not match the bytes received, or cannot be read. */
  DIGEST_MISMATCH: 'ATTACHMENT.DIGEST_MISMATCH',
  DIGEST_INVALID: 'ATTACHMENT.DIGEST_INVALID',
  /** The caller may know of the file but not read it. */
  CONTENT_WITHHELD: 'ATTACHMENT.CONTENT_WITHHELD',
  RANGE_NOT_SATISFIABLE: 'ATTACHMENT.RANGE_NOT_SATISFIABLE',
  /** The instance takes as many uploads at once as it may; try again. */
  BUSY: 'ATTACHMENT.BUSY',
} as const;

export const EntityErrors = {
  /** The message named is absent or not the caller's to see. */
  MESSAGE_NOT_FOUND: 'ENTITY.MESSAGE_NOT_FOUND',
  /** Entities of the request itself are the requester's. */
  NOT_ALLOWED: 'ENTITY.NOT_ALLOWED',
  /** Entities go with a message only from its author. */
  NOT_AUTHOR: 'ENTITY.NOT_AUTHOR',
  /** Entities on the request itself only while it is a draft. */
  DRAFT_ONLY: 'ENTITY.DRAFT_ONLY',
  /** The request is no longer open. */
  CLOSED: 'ENTITY.CLOSED',
  /** More entities than one person may add to one request. */
  TOO_MANY: 'ENTITY.TOO_MANY',
  /** A field that an entity of its type does not have, or one it needs and lacks. */
  SHAPE: 'ENTITY.SHAPE',
} as const;

export const LinkErrors = {
  /** Absent, or not the caller's to see: indistinguishable on purpose. */
  NOT_FOUND: 'LINK.NOT_FOUND',
  /** The parties were asked already, or the link is decided. */
  ALREADY_ASKED: 'LINK.ALREADY_ASKED',
  /** Nobody asked the parties yet, or the link is decided. */
  NOT_ASKED: 'LINK.NOT_ASKED',
  /** This side has answered. */
  ALREADY_ANSWERED: 'LINK.ALREADY_ANSWERED',
} as const;

export const RetentionErrors = {
  /** The holder has a hold on this request already. */
  ALREADY_HELD: 'RETENTION.ALREADY_HELD',
  /** The holder has no hold on this request. */
  NOT_HELD: 'RETENTION.NOT_HELD',
  /** The request's bodies were deleted at the end of its retention. */
  DELETED: 'RETENTION.DELETED',
} as const;

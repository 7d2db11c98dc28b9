/**
 * Codes of refusals that are the same in every service: input shape, paging, versions, who may
 * act at all. The refusals of one domain (RFI.*, DEPLOYMENT.*, ...) live in that domain.
 */
export const InputErrors = {
  /** A request body or query has invalid fields (see `errors`). */
  INVALID: 'INPUT.INVALID',
  /** A reference code (party, topic, route, ...) is not in the reference data. */
  UNKNOWN_REFERENCE: 'INPUT.UNKNOWN_REFERENCE',
  /** A date is not a calendar date YYYY-MM-DD. */
  INVALID_DATE: 'INPUT.INVALID_DATE',
} as const;

export const CursorErrors = {
  /** The paging cursor is not one this API gave out. */
  INVALID: 'CURSOR.INVALID',
} as const;

export const VersionErrors = {
  /** If-Match names a version that is no longer the current one. */
  STALE: 'VERSION.STALE',
} as const;

export const IdempotencyErrors = {
  /** The Idempotency-Key was used by the same user for a different request. */
  KEY_REUSED: 'IDEMPOTENCY.KEY_REUSED',
} as const;

export const RoleErrors = {
  /** The action needs an authenticated user. */
  UNAUTHENTICATED: 'ROLE.UNAUTHENTICATED',
  /** The caller's role may not do this at all. */
  FORBIDDEN: 'ROLE.FORBIDDEN',
  /** The action needs a user who acts for a party. */
  PARTY_REQUIRED: 'ROLE.PARTY_REQUIRED',
} as const;

export const CommandErrors = {
  /** A command message on the bus is not well formed (a gateway fault, not a user's). */
  MALFORMED: 'COMMAND.MALFORMED',
  /** The service does not handle the command. */
  UNKNOWN: 'COMMAND.UNKNOWN',
  /** The command's assertion of its caller is missing, forged, expired or bound to another command. */
  UNVERIFIED: 'COMMAND.UNVERIFIED',
  /** A change (or a system probe) sent to a service's HTTP port: those travel through Kafka. */
  WRONG_ROAD: 'COMMAND.WRONG_ROAD',
} as const;

/** Every kernel table, for the check that codes are well formed and unique. */
export const KERNEL_ERROR_CODES = {
  InputErrors,
  CursorErrors,
  VersionErrors,
  IdempotencyErrors,
  RoleErrors,
  CommandErrors,
} as const;

import { CURSOR, TIMESTAMP_MAX_LENGTH } from '@bp/contracts';
import { TEMPORARY_PASSWORD_BYTES } from '../../application/identity-admin.service';

// The shapes of the account fields the identity routes answer with, for their documentation.

/** A username as an admin may create it. */
export const USERNAME = /^[a-z0-9._-]{2,64}$/;

/** This API's RS256 tokens are under 1 KB; the bound leaves room for longer key ids and claims. */
export const ACCESS_TOKEN_MAX_LENGTH = 4096;

export const TEMPORARY_PASSWORD_MAX_LENGTH = Math.ceil((TEMPORARY_PASSWORD_BYTES * 4) / 3);

export const TIMESTAMP_OUT = { format: 'date-time', maxLength: TIMESTAMP_MAX_LENGTH } as const;

export const CURSOR_OUT = {
  type: String,
  nullable: true,
  pattern: CURSOR.source,
  description: 'opaque: pass it as ?cursor= for the next page; null on the last page',
} as const;

/** A version or a count: PostgreSQL's integer. */
export const INT32_MAX = 2 ** 31 - 1;

/**
 * Shapes of codes in requests. They only keep junk out; whether a party or topic exists is checked
 * against the reference lists by the service that owns the request.
 */
export const PARTY_CODE = /^[A-Z][A-Z_]{1,15}$/;
export const TOPIC_CODE = /^[A-Z][A-Z_]{1,40}$/;
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest ISO 8601 instant taken: nanoseconds and an offset, 2026-11-28T08:00:00.123456789+05:30. */
export const TIMESTAMP_MAX_LENGTH = 35;

/** For @Transform: surrounding blanks are not part of a title or a reason. */
export const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

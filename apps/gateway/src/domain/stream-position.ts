/**
 * A place in a caller's live stream of notifications. Positions are positive integers, increasing
 * in the order notifications became visible (the notification-service draws them in commit order),
 * one sequence over every audience: so the client never sees one. Each event's SSE `id` is the
 * position sealed for the caller (infrastructure/stream-event-ids.ts), which it sends back as
 * `Last-Event-ID` to resume.
 */
export const STREAM_POSITION = /^[1-9][0-9]{0,17}$/;

/** A sealed position as the client holds it: 36 bytes (nonce, position, tag) in base64url. */
export const STREAM_EVENT_ID = /^[A-Za-z0-9_-]{48}$/;

export type LastEventId = { ok: true; after: string | null } | { ok: false; reason: string };

/**
 * The `Last-Event-ID` header as a position to resume after, or none (a fresh stream). `open`
 * unseals an id given to this caller. Anything else (text, an id of another user or another
 * installation, two headers) is refused before the stream starts: a client that sent it would
 * otherwise believe it resumed and silently miss what it asked for.
 */
export function lastEventIdOf(
  header: string | string[] | undefined,
  open: (id: string) => string | null,
): LastEventId {
  if (header === undefined) return { ok: true, after: null };
  const position = typeof header === 'string' ? open(header.trim()) : null;
  if (position === null || !STREAM_POSITION.test(position))
    return { ok: false, reason: 'Last-Event-ID must be the id of an event of your stream' };
  return { ok: true, after: position };
}

/** Orders two positions (decimal text of any length this API gives out). */
export function comparePositions(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Whether a Last-Event-ID can be one this stream gave out: not above the highest position committed.
 * One from a restored database would otherwise make the stream wait, silently, for positions that
 * may be a long way off.
 */
export function isWithin(lastEventId: string, head: string): boolean {
  return comparePositions(lastEventId, head) <= 0;
}

/**
 * A place in a caller's live stream of notifications: the SSE `id` of each event, which a client
 * sends back as `Last-Event-ID` to resume. Positions are positive integers, increasing in the
 * order notifications became visible (the notification-service draws them in commit order).
 */
export const STREAM_POSITION = /^[1-9][0-9]{0,17}$/;

export type LastEventId = { ok: true; after: string | null } | { ok: false; reason: string };

/**
 * The `Last-Event-ID` header as a position to resume after, or none (a fresh stream). Anything
 * else (text, a negative or oversized number, two headers) is refused before the stream starts:
 * a client that sent it would otherwise believe it resumed and silently miss what it asked for.
 */
export function lastEventIdOf(header: string | string[] | undefined): LastEventId {
  if (header === undefined) return { ok: true, after: null };
  if (typeof header !== 'string' || !STREAM_POSITION.test(header.trim()))
    return { ok: false, reason: 'Last-Event-ID must be the id of an event of this stream' };
  return { ok: true, after: header.trim() };
}

/** Orders two positions (decimal text of any length this API gives out). */
export function comparePositions(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Whether a Last-Event-ID can be one this stream gave out: not above the highest position committed.
 * One from elsewhere (another installation, a restored database) would otherwise make the stream
 * wait, silently, for positions that may be a long way off.
 */
export function isWithin(lastEventId: string, head: string): boolean {
  return comparePositions(lastEventId, head) <= 0;
}

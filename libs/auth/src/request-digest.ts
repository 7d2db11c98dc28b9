import { createHash } from 'node:crypto';

/** JSON with keys sorted and undefined left out: one text for one value, whoever serialised it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What one command asks, as the message carries it: its name, payload, key and expected version. */
export interface CommandRequest {
  name: string;
  /** As it travels: plain JSON (the sender digests what it serialises, not its objects). */
  payload: unknown;
  idempotencyKey?: string;
  ifMatch?: string;
  /**
   * Set for a read sent straight to a service's HTTP port (contracts direct-reads.ts): an
   * assertion made for one road is refused on the other, so one that travelled through Kafka
   * (and sits in the topic) cannot be replayed over HTTP.
   */
  road?: 'http';
}

/**
 * The SHA-256 of a command's request, which its assertion signs (`req`): a captured assertion then
 * fits no other payload, key or version, only an identical redelivery.
 */
export function requestDigest(request: CommandRequest): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        request.name,
        request.payload,
        request.idempotencyKey ?? null,
        request.ifMatch ?? null,
        // Only when set: the digests of commands through Kafka stay as they were.
        ...(request.road ? [request.road] : []),
      ]),
    )
    .digest('base64url');
}

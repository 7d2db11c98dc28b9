import {
  EventCatalog,
  EventEnvelope,
  EventEnvelopeDto,
  ownerOfEventTopic,
  readPlain,
} from '@bp/contracts';

export type ReadEvent =
  | { ok: true; envelope: EventEnvelope }
  /** `newer`: a version this consumer does not read yet; the event is sound, the reader is old. */
  | { ok: false; reason: string; newer?: true };

/**
 * An event as another service sent it, taken on no trust: JSON, an envelope of the contract's
 * shape, and (for a type the catalog knows) data of its payload class. On a service's event topic,
 * only that service's events of that topic: the broker lets no one else write there (ACLs), and an
 * envelope that says otherwise is not believed either. What fails is poison: the consumer parks it,
 * a replay skips it; neither applies it.
 *
 * Versions: a producer may add optional fields without a new version (a consumer drops what it does
 * not know); a change that alters what an event means takes a new `version`. A consumer that reads
 * only older ones must not misread it, nor skip it and apply the aggregate's later events: it
 * says `newer`, and the consumer holds the partition until it is upgraded.
 */
export function readEvent(value: Buffer | null, catalog: EventCatalog, topic: string): ReadEvent {
  if (!value) return { ok: false, reason: 'Message has no value' };
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'Message value is not JSON' };
  }
  const envelope = readPlain(EventEnvelopeDto, plain);
  if (!envelope.ok)
    return { ok: false, reason: `Invalid event envelope: ${JSON.stringify(envelope.errors)}` };
  const definition = catalog.find(envelope.value.type);
  const owner = ownerOfEventTopic(topic);
  if (owner && envelope.value.source !== owner.name)
    return { ok: false, reason: `Events on ${topic} come from ${owner.name} only` };
  if (owner && definition && definition.topic !== topic)
    return { ok: false, reason: `${envelope.value.type} does not belong on ${topic}` };
  if (!definition) return { ok: true, envelope: envelope.value as EventEnvelope };
  if (envelope.value.version > definition.version)
    return {
      ok: false,
      reason:
        `${definition.type} version ${envelope.value.version} is newer than this consumer ` +
        `reads (${definition.version})`,
      newer: true,
    };
  const data = readPlain(definition.payload, envelope.value.data);
  if (!data.ok)
    return {
      ok: false,
      reason: `Invalid ${envelope.value.type} data: ${JSON.stringify(data.errors)}`,
    };
  // The data as sent: what this consumer knows of it is valid; the rest it does not read. (Not the
  // validated copy, whose key order follows the class and would change what is passed on.)
  return { ok: true, envelope: envelope.value as EventEnvelope };
}

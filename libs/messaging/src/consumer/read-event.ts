import { EventCatalog, EventEnvelope, EventEnvelopeDto, validatePlain } from '@bp/contracts';

export type ReadEvent = { ok: true; envelope: EventEnvelope } | { ok: false; reason: string };

/**
 * An event as another service sent it, taken on no trust: JSON, an envelope of the contract's
 * shape, and (for a type the catalog knows) data of its payload class. What fails is poison: the
 * consumer parks it, a replay skips it; neither applies it.
 */
export function readEvent(value: Buffer | null, catalog: EventCatalog): ReadEvent {
  if (!value) return { ok: false, reason: 'Message has no value' };
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'Message value is not JSON' };
  }
  const envelope = validatePlain(EventEnvelopeDto, plain);
  if (!envelope.ok)
    return { ok: false, reason: `Invalid event envelope: ${JSON.stringify(envelope.errors)}` };
  const definition = catalog.find(envelope.value.type);
  if (definition) {
    const data = validatePlain(definition.payload, envelope.value.data);
    if (!data.ok)
      return {
        ok: false,
        reason: `Invalid ${envelope.value.type} data: ${JSON.stringify(data.errors)}`,
      };
  }
  return { ok: true, envelope: envelope.value as EventEnvelope };
}

import { IHeaders, KafkaMessage } from 'kafkajs';

/** Where a record is. Offsets stay strings: Kafka's are 64-bit. */
export interface RecordAddress {
  topic: string;
  partition: number;
  offset: string;
}

/** A record as the broker holds it: bytes and headers untouched, so it can be written again as is. */
export interface StoredRecord extends RecordAddress {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

export function storedRecord(
  topic: string,
  partition: number,
  message: KafkaMessage,
): StoredRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: { ...(message.headers ?? {}) },
    timestamp: message.timestamp,
  };
}

/** A header as text (a repeated header's values joined by commas); undefined when absent. */
export function headerText(headers: IHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map((part) => part.toString()).join(',');
}

/** `topic[partition]@offset`, the way the consumer's log lines name a record. */
export function describeAddress({ topic, partition, offset }: RecordAddress): string {
  return `${topic}[${partition}]@${offset}`;
}

export function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

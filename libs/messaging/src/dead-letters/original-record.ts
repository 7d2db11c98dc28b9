import { Admin, Kafka } from 'kafkajs';
import { partitionExtents, readRecords } from './read-records';
import { RecordAddress, StoredRecord } from './stored-record';

export type OriginalRecord =
  | { state: 'present'; record: StoredRecord }
  /** Deleted by the topic's retention: nothing left to compare the dead letter with. */
  | { state: 'gone' }
  /** No such partition or offset: the dead letter names a record that never was. */
  | { state: 'never-written' };

/** The record a dead letter says it copies, read where it says it was. */
export async function findOriginal(
  kafka: Kafka,
  admin: Admin,
  origin: RecordAddress,
): Promise<OriginalRecord> {
  const topics = await admin.listTopics();
  if (!topics.includes(origin.topic)) return { state: 'never-written' };
  const extent = (await partitionExtents(admin, origin.topic)).find(
    (candidate) => candidate.partition === origin.partition,
  );
  const offset = BigInt(origin.offset);
  if (!extent || offset >= extent.high) return { state: 'never-written' };
  if (offset < extent.low) return { state: 'gone' };
  const [record] = await readRecords(kafka, [
    { topic: origin.topic, partition: origin.partition, from: offset, until: offset + 1n },
  ]);
  return record ? { state: 'present', record } : { state: 'never-written' };
}

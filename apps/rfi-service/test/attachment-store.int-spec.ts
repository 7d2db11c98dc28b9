import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { S3Server } from '../../../test/support/s3-server';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import {
  CHUNK_SIZE,
  PostgresAttachmentStore,
} from '../src/infrastructure/attachments/postgres-attachment-store';
import { S3AttachmentStore } from '../src/infrastructure/attachments/s3-attachment-store';
import {
  AttachmentBytesMissing,
  AttachmentStore,
  AttachmentTooLarge,
} from '../src/application/attachment-store';

jest.setTimeout(60_000);

const MB = 1024 * 1024;

/** The bytes in pieces of `piece` bytes, as a socket would hand them over. */
async function* inPieces(bytes: Buffer, piece: number, failAfter?: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += piece) {
    if (failAfter !== undefined && at >= failAfter) throw new Error('connection reset by peer');
    yield bytes.subarray(at, at + piece);
  }
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

interface StoreUnderTest {
  store: AttachmentStore;
  /** How many things the store holds (rows, or objects), to see that a failure left none. */
  held(): Promise<number>;
}

/** What every store promises (application/attachment-store.ts), on the store `open` gives. */
function behavesAsAnAttachmentStore(open: () => StoreUnderTest) {
  it('keeps the bytes with their SHA-256 and gives them back whole, from pieces of any size', async () => {
    const { store } = open();
    const bytes = randomBytes(3 * CHUNK_SIZE + 12_345);
    const stored = await store.put(randomUUID(), inPieces(bytes, 10_007), 50 * MB);
    expect(stored.size).toBe(bytes.length);
    expect(stored.sha256.equals(createHash('sha256').update(bytes).digest())).toBe(true);
    expect((await collect(store.get(stored.blobId))).equals(bytes)).toBe(true);
  });

  it('gives back a range across chunk borders, and the last bytes of a range past the end', async () => {
    const { store } = open();
    const bytes = randomBytes(2 * CHUNK_SIZE + 100);
    const { blobId } = await store.put(randomUUID(), inPieces(bytes, 65_536), bytes.length);
    const [start, end] = [CHUNK_SIZE - 10, 2 * CHUNK_SIZE + 5];
    const ranged = await collect(store.get(blobId, { start, end }));
    expect(ranged.equals(bytes.subarray(start, end + 1))).toBe(true);
    const tail = await collect(
      store.get(blobId, { start: bytes.length - 3, end: bytes.length + 50 }),
    );
    expect(tail.equals(bytes.subarray(bytes.length - 3))).toBe(true);
  });

  it('stores nothing of a stream larger than its limit, and says so', async () => {
    const { store, held } = open();
    const before = await held();
    await expect(
      store.put(randomUUID(), inPieces(randomBytes(CHUNK_SIZE * 2), 50_000), CHUNK_SIZE),
    ).rejects.toBeInstanceOf(AttachmentTooLarge);
    expect(await held()).toBe(before);
  });

  it('stores nothing of an upload cut off half-way, also past the first multipart part', async () => {
    const { store, held } = open();
    const before = await held();
    await expect(
      store.put(randomUUID(), inPieces(randomBytes(12 * MB), 256 * 1024, 7 * MB), 50 * MB),
    ).rejects.toThrow('connection reset by peer');
    expect(await held()).toBe(before);
  });

  it('frees the bytes it is told to delete, and knows them no more', async () => {
    const { store, held } = open();
    const { blobId } = await store.put(
      randomUUID(),
      inPieces(randomBytes(CHUNK_SIZE + 1), 4_096),
      CHUNK_SIZE * 2,
    );
    const before = await held();
    await store.delete(blobId);
    expect(await held()).toBeLessThan(before);
    await expect(collect(store.get(blobId))).rejects.toBeInstanceOf(AttachmentBytesMissing);
  });

  it('keeps an empty file as an empty file', async () => {
    const { store } = open();
    const stored = await store.put(randomUUID(), inPieces(Buffer.alloc(0), 1), 10);
    expect(stored.size).toBe(0);
    expect((await collect(store.get(stored.blobId))).length).toBe(0);
  });
}

/**
 * Attachments' bytes (issue 15, first part: the stores, not yet behind a route): whole or nothing,
 * with their SHA-256, read back in full or by range, in PostgreSQL and in an S3-compatible bucket.
 */
describe('the PostgreSQL attachment store (real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_rfi_attachment_store_test' });
  let orm: MikroORM;
  let subject: StoreUnderTest;

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
    subject = {
      store: new PostgresAttachmentStore(orm, 2_000),
      held: async () => {
        const [row] = await (orm.em.fork() as EntityManager).execute<{ n: string }[]>(
          `select (select count(*) from attachment_blob) + (select count(*) from attachment_chunk) as n`,
        );
        return Number(row!.n);
      },
    };
  });

  afterAll(async () => {
    await orm?.close(true);
    await dropTestDatabase(config.database);
  });

  behavesAsAnAttachmentStore(() => subject);

  it('ends the upload of a client that stops sending, leaving nothing', async () => {
    const before = await subject.held();
    async function* stalls(): AsyncIterable<Buffer> {
      yield randomBytes(CHUNK_SIZE + 1);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      yield randomBytes(10);
    }
    await expect(subject.store.put(randomUUID(), stalls(), 50 * MB)).rejects.toThrow();
    expect(await subject.held()).toBe(before);
  });
});

describe('the S3 attachment store (an S3-compatible server the test starts: s3rver)', () => {
  const s3 = new S3Server('bp-attachments');
  let subject: StoreUnderTest;

  beforeAll(async () => {
    await s3.start();
    subject = { store: new S3AttachmentStore(s3.client!, s3.bucket), held: () => s3.objects() };
  });

  afterAll(() => s3.stop());

  behavesAsAnAttachmentStore(() => subject);
});

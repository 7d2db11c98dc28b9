import { createHash, randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrateDatabase, mikroOrmOptions } from '@bp/persistence';
import { DATABASE_URL } from '../../../test/support/test-env';
import { dropTestDatabase } from '../../../test/support/database-fixtures';
import { ormConfig } from '../src/infrastructure/persistence/orm-config';
import {
  CHUNK_SIZE,
  PostgresAttachmentStore,
} from '../src/infrastructure/attachments/postgres-attachment-store';
import { AttachmentBytesMissing, AttachmentTooLarge } from '../src/application/attachment-store';

jest.setTimeout(60_000);

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

/**
 * Attachments' bytes in the rfi-service's database (issue 15, first part: the store, not yet
 * behind a route): whole or nothing, with their SHA-256, read back in full or by range.
 */
describe('the PostgreSQL attachment store (real PostgreSQL)', () => {
  const config = ormConfig({ serverUrl: DATABASE_URL, name: 'bp_rfi_attachment_store_test' });
  let orm: MikroORM;
  let store: PostgresAttachmentStore;
  const rows = async () => {
    const [row] = await (orm.em.fork() as EntityManager).execute<
      { blobs: string; chunks: string }[]
    >(
      `select (select count(*) from attachment_blob) as blobs, (select count(*) from attachment_chunk) as chunks`,
    );
    return { blobs: Number(row!.blobs), chunks: Number(row!.chunks) };
  };

  beforeAll(async () => {
    await dropTestDatabase(config.database);
    await migrateDatabase(config);
    orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(config));
    store = new PostgresAttachmentStore(orm, 2_000);
  });

  afterAll(async () => {
    await orm?.close(true);
    await dropTestDatabase(config.database);
  });

  it('keeps the bytes with their SHA-256 and gives them back whole, from pieces of any size', async () => {
    const bytes = randomBytes(3 * CHUNK_SIZE + 12_345);
    const stored = await store.put(inPieces(bytes, 10_007), 50 * 1024 * 1024);
    expect(stored.size).toBe(bytes.length);
    expect(stored.sha256.equals(createHash('sha256').update(bytes).digest())).toBe(true);
    expect((await collect(store.get(stored.blobId))).equals(bytes)).toBe(true);
  });

  it('gives back a range across chunk borders, and the last bytes of a range past the end', async () => {
    const bytes = randomBytes(2 * CHUNK_SIZE + 100);
    const { blobId } = await store.put(inPieces(bytes, 65_536), bytes.length);
    const start = CHUNK_SIZE - 10;
    const end = 2 * CHUNK_SIZE + 5;
    expect(
      (await collect(store.get(blobId, { start, end }))).equals(bytes.subarray(start, end + 1)),
    ).toBe(true);
    expect(
      (
        await collect(store.get(blobId, { start: bytes.length - 3, end: bytes.length + 50 }))
      ).equals(bytes.subarray(bytes.length - 3)),
    ).toBe(true);
  });

  it('stores nothing of a stream larger than its limit, and says so', async () => {
    const before = await rows();
    await expect(
      store.put(inPieces(randomBytes(CHUNK_SIZE * 2), 50_000), CHUNK_SIZE),
    ).rejects.toBeInstanceOf(AttachmentTooLarge);
    expect(await rows()).toEqual(before);
  });

  it('stores nothing of an upload cut off half-way', async () => {
    const before = await rows();
    await expect(
      store.put(inPieces(randomBytes(CHUNK_SIZE * 3), 100_000, CHUNK_SIZE * 2), 50 * 1024 * 1024),
    ).rejects.toThrow('connection reset by peer');
    expect(await rows()).toEqual(before);
  });

  it('ends the upload of a client that stops sending, leaving nothing', async () => {
    const before = await rows();
    async function* stalls(): AsyncIterable<Buffer> {
      yield randomBytes(CHUNK_SIZE + 1);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      yield randomBytes(10);
    }
    await expect(store.put(stalls(), 50 * 1024 * 1024)).rejects.toThrow();
    expect(await rows()).toEqual(before);
  });

  it('frees the bytes it is told to delete, and knows them no more', async () => {
    const { blobId } = await store.put(
      inPieces(randomBytes(CHUNK_SIZE + 1), 4_096),
      CHUNK_SIZE * 2,
    );
    const before = await rows();
    await store.delete(blobId);
    expect(await rows()).toEqual({ blobs: before.blobs - 1, chunks: before.chunks - 2 });
    await expect(collect(store.get(blobId))).rejects.toBeInstanceOf(AttachmentBytesMissing);
  });

  it('keeps an empty file as an empty file', async () => {
    const stored = await store.put(inPieces(Buffer.alloc(0), 1), 10);
    expect(stored.size).toBe(0);
    expect((await collect(store.get(stored.blobId))).length).toBe(0);
  });
});

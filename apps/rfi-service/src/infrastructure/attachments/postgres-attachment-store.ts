import { createHash } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  AttachmentBytesMissing,
  AttachmentStore,
  AttachmentTooLarge,
  ByteRange,
  StoredBytes,
} from '../../application/attachment-store';

/** 256 KiB a row: a 50 MB file is 200 rows, each read and written by its key. */
export const CHUNK_SIZE = 256 * 1024;

/**
 * Attachments' bytes in the rfi-service's own database (`npm start` needs nothing more), in
 * chunks of CHUNK_SIZE. One upload is one transaction: a stream that fails or grows past its limit
 * is rolled back whole, and a client that stops sending is cut off by the server's idle timeout
 * instead of holding the transaction open.
 */
export class PostgresAttachmentStore implements AttachmentStore {
  constructor(
    private readonly orm: MikroORM,
    /** How long an upload may send nothing before its transaction is ended. */
    private readonly idleTimeoutMs = 60_000,
  ) {}

  async put(
    blobId: string,
    bytes: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<StoredBytes> {
    return this.em().transactional(async (tx) => {
      await tx.execute(`select set_config('idle_in_transaction_session_timeout', ?, true)`, [
        String(this.idleTimeoutMs),
      ]);
      const hash = createHash('sha256');
      let size = 0;
      let seq = 0;
      const pending: Buffer[] = [];
      let pendingBytes = 0;
      const writeChunk = async (chunk: Buffer) => {
        await tx.execute(`insert into attachment_chunk (blob_id, seq, data) values (?, ?, ?)`, [
          blobId,
          seq,
          chunk,
        ]);
        seq += 1;
      };
      for await (const piece of bytes) {
        size += piece.byteLength;
        if (size > maxBytes) throw new AttachmentTooLarge(maxBytes);
        hash.update(piece);
        pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
        pendingBytes += piece.byteLength;
        while (pendingBytes >= CHUNK_SIZE) {
          const joined = Buffer.concat(pending);
          await writeChunk(joined.subarray(0, CHUNK_SIZE));
          pending.length = 0;
          pending.push(joined.subarray(CHUNK_SIZE));
          pendingBytes = joined.byteLength - CHUNK_SIZE;
        }
      }
      if (pendingBytes) await writeChunk(Buffer.concat(pending));
      const sha256 = hash.digest();
      await tx.execute(
        `insert into attachment_blob (id, size, sha256, chunk_size, chunks) values (?, ?, ?, ?, ?)`,
        [blobId, size, sha256, CHUNK_SIZE, seq],
      );
      return { blobId, size, sha256 };
    });
  }

  async *get(blobId: string, range?: ByteRange): AsyncIterable<Buffer> {
    const [blob] = await this.em().execute<{ size: string; chunk_size: number }[]>(
      `select size, chunk_size from attachment_blob where id = ?`,
      [blobId],
    );
    if (!blob) throw new AttachmentBytesMissing(blobId);
    const size = Number(blob.size);
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1);
    if (end < start) return;
    for (let seq = Math.floor(start / blob.chunk_size); seq * blob.chunk_size <= end; seq += 1) {
      const offset = seq * blob.chunk_size;
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, blob.chunk_size - 1);
      // Only the bytes wanted leave the database (substring of bytea is 1-based).
      const [row] = await this.em().execute<{ data: Buffer }[]>(
        `select substring(data from ? for ?) as data from attachment_chunk where blob_id = ? and seq = ?`,
        [from + 1, to - from + 1, blobId, seq],
      );
      if (!row) throw new AttachmentBytesMissing(blobId);
      yield row.data;
    }
  }

  async delete(blobId: string): Promise<void> {
    await this.em().transactional(async (tx) => {
      await tx.execute(`delete from attachment_chunk where blob_id = ?`, [blobId]);
      await tx.execute(`delete from attachment_blob where id = ?`, [blobId]);
    });
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}

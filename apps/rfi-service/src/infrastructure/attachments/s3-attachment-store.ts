import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  AttachmentBytesMissing,
  AttachmentStore,
  AttachmentTooLarge,
  ByteRange,
  StoredBytes,
} from '../../application/attachment-store';

/**
 * Attachments' bytes in an S3-compatible bucket, for deployments whose files outgrow the
 * database. An upload goes up as a multipart upload while the bytes arrive (never whole in memory);
 * a stream that fails or passes its limit aborts it, and S3 keeps nothing of an aborted upload.
 */
export class S3AttachmentStore implements AttachmentStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(
    blobId: string,
    bytes: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<StoredBytes> {
    const hash = createHash('sha256');
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: blobId, Body: body },
      leavePartsOnError: false,
    });
    const uploaded = upload.done();
    let size = 0;
    try {
      for await (const piece of bytes) {
        size += piece.byteLength;
        if (size > maxBytes) throw new AttachmentTooLarge(maxBytes);
        hash.update(piece);
        if (!body.write(piece)) await new Promise((resolve) => body.once('drain', resolve));
      }
      body.end();
      await uploaded;
    } catch (error) {
      await upload.abort().catch(() => undefined);
      body.destroy();
      await uploaded.catch(() => undefined);
      // A small upload may have been sent whole before the failure showed: it goes too.
      await this.delete(blobId).catch(() => undefined);
      throw error;
    }
    return { blobId, size, sha256: hash.digest() };
  }

  async *get(blobId: string, range?: ByteRange): AsyncIterable<Buffer> {
    let size: number;
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: blobId }),
      );
      size = head.ContentLength ?? 0;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey)
        throw new AttachmentBytesMissing(blobId);
      throw error;
    }
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1);
    if (end < start) return;
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: blobId, Range: `bytes=${start}-${end}` }),
    );
    for await (const chunk of object.Body as Readable) yield chunk as Buffer;
  }

  async delete(blobId: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: blobId }));
  }
}

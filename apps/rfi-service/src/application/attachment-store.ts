/**
 * Where attachments' bytes are kept (issue 15), apart from the RFI's rows and never through
 * Kafka: PostgreSQL by default (postgres-attachment-store.ts); an S3-compatible store is to come
 * behind the same port.
 */
export interface StoredBytes {
  blobId: string;
  size: number;
  /** SHA-256 of the bytes, computed while they were stored. */
  sha256: Buffer;
}

/** A byte range, both ends included, as HTTP Range gives it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface AttachmentStore {
  /**
   * Stores the bytes whole or not at all: a stream that fails or passes `maxBytes` leaves nothing
   * behind (AttachmentTooLarge for the latter).
   */
  put(bytes: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBytes>;
  /** The bytes, or the range of them, in order; throws AttachmentBytesMissing for an unknown id. */
  get(blobId: string, range?: ByteRange): AsyncIterable<Buffer>;
  /** Frees the bytes; an unknown id is no error. */
  delete(blobId: string): Promise<void>;
}

export class AttachmentTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The attachment is larger than ${maxBytes} bytes`);
  }
}

export class AttachmentBytesMissing extends Error {
  constructor(readonly blobId: string) {
    super(`No stored bytes ${blobId}`);
  }
}

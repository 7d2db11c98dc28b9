/**
 * Where attachments' bytes are kept (issue 15), apart from the RFI's rows and never through
 * Kafka: PostgreSQL by default (postgres-attachment-store.ts), or an S3-compatible bucket
 * (s3-attachment-store.ts), chosen by ATTACHMENT_STORE.
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
   * Stores the bytes under `blobId` (a fresh UUID) whole or not at all: a stream that fails or
   * passes `maxBytes` leaves nothing behind (AttachmentTooLarge for the latter).
   */
  put(blobId: string, bytes: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBytes>;
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

/** Injection token of the AttachmentStore the settings chose. */
export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

/** What the bytes' first part says they are: a media type, or null when they carry no signature. */
export type DetectType = (sample: Uint8Array) => Promise<string | null>;

/** Injection token of the DetectType in use (infrastructure/attachments/file-type-detection.ts). */
export const DETECT_TYPE = Symbol('DETECT_TYPE');

import { HandlingCode, Role } from '@bp/domain-kernel';

/**
 * A file on an RFI: on the request itself (the requester's, while a draft) or with one message of
 * its thread. Its bytes are kept apart (application/attachment-store.ts) under `blobId`; this is
 * what the RFI knows of them. Never changed once added; removed only from a draft.
 */
export class RfiAttachment {
  id!: string;
  rfiId!: string;
  messageId!: string | null;
  blobId!: string;
  /** For display only (attachment-file.ts displayFilename): nothing is stored under it. */
  filename!: string;
  /** As detected from the bytes (attachment-file.ts attachmentType). */
  contentType!: string;
  size!: number;
  /** SHA-256 of the bytes, hex. */
  sha256!: string;
  handlingCode!: HandlingCode;
  uploadedByUserId!: string;
  uploadedByRole!: Role;
  uploadedByParty!: string | null;
  uploadedAt!: Date;

  static create(props: Omit<RfiAttachment, never>): RfiAttachment {
    return Object.assign(new RfiAttachment(), props);
  }
}

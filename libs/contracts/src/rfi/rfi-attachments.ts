import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import {
  ATTACHMENT_MEDIA_TYPES,
  HANDLING_CODES,
  HandlingCode,
  MESSAGE_KINDS,
  MessageKind,
} from '@bp/domain-kernel';
import { PARTY_CODE, TIMESTAMP_MAX_LENGTH } from '../input-patterns';

// Attachments' bytes never travel through Kafka (issue 15): the gateway streams them to and from
// the rfi-service's own HTTP port, with the same signed assertion of who asks as a command carries
// (libs/auth command-assertion.ts), bound to the transfer described here. Listing and removing go
// as commands (rfi-commands.ts).

/** The two transfers, named as commands are: an assertion names one of them. */
export const AttachmentTransfers = {
  upload: 'rfi.attachment-upload',
  download: 'rfi.attachment-download',
} as const;

/** Headers of a transfer from the gateway to the rfi-service (lower case, as Node gives them). */
export const TransferHeaders = {
  /** The gateway's signed assertion (who asks), bound to the message id and the request below. */
  assertion: 'x-bp-assertion',
  messageId: 'x-bp-message-id',
  /** The transfer request (UploadTransfer or DownloadTransfer) as base64url JSON. */
  request: 'x-bp-transfer',
} as const;

/** The rfi-service's paths for transfers: on its internal port, never public. */
export const TRANSFER_PATHS = {
  upload: 'internal/rfis/:id/attachments',
  download: 'internal/rfis/:id/attachments/:aid',
} as const;

export const ATTACHMENT_FILENAME_MAX_LENGTH = 255;
/** ATTACHMENT_MAX_BYTES when it is not set: the largest file the rfi-service keeps. */
export const ATTACHMENT_DEFAULT_MAX_BYTES = 50_000_000;
/** The highest ATTACHMENT_MAX_BYTES may be set to (rfi-service-environment.ts). */
export const ATTACHMENT_MAX_BYTES_CEILING = 5_000_000_000;
/** The longest Content-Digest or Digest header, and Range header, a transfer carries. */
export const DIGEST_HEADER_MAX_LENGTH = 1000;
export const RANGE_HEADER_MAX_LENGTH = 200;

/** What a client says of its upload, in the query string (the body is the file itself). */
export class UploadAttachmentQuery {
  @ApiProperty({
    example: 'annex-facilitators.pdf',
    maxLength: ATTACHMENT_FILENAME_MAX_LENGTH,
    description:
      'shown to readers and offered on download; cleaned of paths and control characters',
  })
  @IsString()
  @Length(1, ATTACHMENT_FILENAME_MAX_LENGTH)
  filename!: string;

  @ApiProperty({ enum: HANDLING_CODES, example: 'H2' })
  @IsIn(HANDLING_CODES)
  handlingCode!: HandlingCode;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "a message of the thread that you posted: the file goes with it and is seen exactly as it is; without it, the file goes with the request (the requester's draft only)",
  })
  @IsOptional()
  @IsUUID()
  messageId?: string;
}

/** What the gateway forwards of an upload; the assertion signs it. */
export class UploadTransfer extends UploadAttachmentQuery {
  @IsUUID()
  rfiId!: string;

  /** The Content-Type the client declared, as sent (the bytes decide; this must agree). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contentType?: string;

  /** Content-Length when the client gave one: a file that cannot fit is refused before it is read. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  contentLength?: number;

  /** The client's Content-Digest header (RFC 9530), as sent. */
  @IsOptional()
  @IsString()
  @MaxLength(DIGEST_HEADER_MAX_LENGTH)
  contentDigest?: string;

  /** The client's Digest header (RFC 3230), as sent; Content-Digest wins when both are given. */
  @IsOptional()
  @IsString()
  @MaxLength(DIGEST_HEADER_MAX_LENGTH)
  digest?: string;
}

/** What the gateway forwards of a download. */
export class DownloadTransfer {
  @IsUUID()
  rfiId!: string;

  @IsUUID()
  attachmentId!: string;

  /** The client's Range header, as sent (one range of bytes is served; others get the whole file). */
  @IsOptional()
  @IsString()
  @MaxLength(RANGE_HEADER_MAX_LENGTH)
  range?: string;
}

/** Headers the rfi-service answers a download with, which the gateway passes on. */
export const DOWNLOAD_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'repr-digest',
  'content-digest',
  'digest',
  'etag',
  'x-bp-filename',
] as const;

/** A filename travels from the rfi-service to the gateway percent-encoded in this header. */
export const FILENAME_HEADER = 'x-bp-filename';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** One attachment as the caller may see it. */
export class AttachmentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  rfiId!: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'the message it goes with; null for one on the request itself',
  })
  messageId!: string | null;

  @ApiProperty({ enum: MESSAGE_KINDS, nullable: true, description: 'the kind of that message' })
  messageKind!: MessageKind | null;

  @ApiProperty({ example: 'annex-facilitators.pdf', maxLength: ATTACHMENT_FILENAME_MAX_LENGTH })
  filename!: string;

  @ApiProperty({
    example: 20971520,
    minimum: 1,
    maximum: ATTACHMENT_MAX_BYTES_CEILING,
    description: 'bytes',
  })
  size!: number;

  @ApiProperty({
    example: 'application/pdf',
    enum: ATTACHMENT_MEDIA_TYPES,
    description: 'as detected from the bytes',
  })
  contentType!: string;

  @ApiProperty({
    example: 'c1f1e6a3b2d4f5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0',
    pattern: SHA256_HEX.source,
    nullable: true,
    type: String,
    description: 'SHA-256 of the bytes, hex; null where the content is withheld from you',
  })
  sha256!: string | null;

  @ApiProperty({ enum: HANDLING_CODES })
  handlingCode!: HandlingCode;

  @ApiProperty({ example: 'HUN', nullable: true, type: String, pattern: PARTY_CODE.source })
  uploadedByParty!: string | null;

  @ApiProperty({ format: 'date-time', maxLength: TIMESTAMP_MAX_LENGTH })
  uploadedAt!: string;

  @ApiProperty({
    description:
      'true where you may know of the file but not read it (the secretariat on a METADATA_ONLY request, or a response not released to it): downloading it is refused',
  })
  contentWithheld!: boolean;
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Actor,
  AttachmentTransfers,
  AttachmentView,
  CommandReply,
  LimitReachedError,
  UnsupportedTypeError,
  UploadTransfer,
  ValidationFailedError,
} from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { findStoredReply, idempotentTransaction, requestHash } from '@bp/messaging';
import { RfiAttachment } from '../domain/rfi-attachment';
import { AttachmentErrors } from '../domain/rfi-errors';
import {
  AttachmentTarget,
  checkMayAttach,
  messageNotFound,
  roomFor,
  tooLarge,
} from '../domain/attachment-rules';
import { attachmentType, displayFilename, looksLikeText } from '../domain/attachment-file';
import { claimedDigest } from '../domain/content-digest';
import { InformationRequest } from '../domain/information-request';
import { Relation } from '../domain/need-to-know';
import { AttachmentRepository } from '../infrastructure/persistence/attachment.repository';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import {
  ATTACHMENT_STORE,
  AttachmentStore,
  AttachmentTooLarge,
  DETECT_TYPE,
  DetectType,
  StoredBytes,
} from './attachment-store';
import { AttachmentSettings } from './attachment-settings';
import { RfiCallers, rfiNotFound } from './rfi-callers';
import { attachmentView } from './attachment-views';

/** How much of the start of a file its type is decided from (signatures, text or not). */
const SAMPLE_BYTES = 64 * 1024;

/**
 * No upload may take longer, however slowly its bytes come (the gateway's assertion lives as long):
 * a sender trickling bytes would otherwise hold a database connection for ever. The orphan sweep's
 * grace (orphan-sweep.ts) is longer.
 */
export const UPLOAD_TIME_LIMIT_MS = 600_000;

/** The upload took longer than UPLOAD_TIME_LIMIT_MS; nothing was kept. */
export class UploadTooSlow extends Error {
  constructor() {
    super(`An upload may take at most ${UPLOAD_TIME_LIMIT_MS / 60_000} minutes; nothing was kept`);
  }
}

/** The upload as the gateway forwards it: who, what they say of it, and the bytes. */
export interface Upload {
  actor: Actor | null;
  transfer: UploadTransfer;
  idempotencyKey?: string;
  bytes: AsyncIterable<Uint8Array>;
}

/**
 * Adds a file to an RFI (issue 15). What can be refused is refused before a byte is stored (who
 * may attach, the limits against Content-Length, a malformed digest); the type is decided from the
 * first bytes before any is stored; the bytes go to the store while the SHA-256 is computed; then
 * the file is added in one transaction with its history line and event, under the RFI's lock,
 * where the rules and limits are checked again. Bytes that end up claimed by no file (a failure
 * at any step, or a crash) are listed as orphans and freed (orphan-sweep.ts).
 */
@Injectable()
export class AttachmentUploads {
  private readonly logger = new Logger(AttachmentUploads.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly attachments: AttachmentRepository,
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly callers: RfiCallers,
    private readonly settings: AttachmentSettings,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(DETECT_TYPE) private readonly detectType: DetectType,
  ) {}

  /** Uploads under way in this instance (each holds a database connection with the PostgreSQL store). */
  private running = 0;

  /**
   * At most ATTACHMENT_MAX_CONCURRENT_UPLOADS at once in one instance, so uploads never take the
   * connections that commands need; one more is refused at once (429), to be tried again.
   */
  async upload(upload: Upload): Promise<CommandReply> {
    if (this.running >= this.settings.maxConcurrentUploads)
      throw new LimitReachedError(
        AttachmentErrors.BUSY,
        'Too many files are being uploaded at once; try again in a moment',
      );
    this.running += 1;
    try {
      return await this.uploadNow(upload);
    } finally {
      this.running -= 1;
    }
  }

  private async uploadNow({
    actor: caller,
    transfer,
    idempotencyKey,
    bytes,
  }: Upload): Promise<CommandReply> {
    const em = this.orm.em.fork() as EntityManager;
    const scope = {
      actorKey: requireActor(caller).userId,
      key: idempotencyKey,
      command: AttachmentTransfers.upload,
      requestHash: requestHash(AttachmentTransfers.upload, transfer),
    };
    // A retry of an upload that was added answers as the first did, and stores nothing again.
    const stored = idempotencyKey
      ? await findStoredReply(em, scope.actorKey, idempotencyKey)
      : null;
    if (stored && stored.requestHash === scope.requestHash) return stored.reply;
    const digest = claimedDigest(transfer.contentDigest, transfer.digest);
    if (!digest.ok)
      throw new ValidationFailedError(
        AttachmentErrors.DIGEST_INVALID,
        `The digest header cannot be checked: ${digest.reason}`,
      );
    const room = await this.checkBefore(em, caller, transfer);
    const blobId = randomUUID();
    await this.attachments.expectBlob(em, blobId);
    let contentType = '';
    let kept: StoredBytes;
    try {
      kept = await this.store.put(
        blobId,
        this.typed(bytes, transfer.contentType ?? null, (type) => (contentType = type)),
        room,
      );
    } catch (error) {
      await this.free(blobId);
      if (error instanceof AttachmentTooLarge) throw tooLarge(this.settings.limits, room);
      throw error;
    }
    try {
      if (digest.sha256 && !digest.sha256.equals(kept.sha256))
        throw new ValidationFailedError(
          AttachmentErrors.DIGEST_MISMATCH,
          'The bytes received do not have the digest the request gave; nothing was kept',
        );
      const reply = await idempotentTransaction(em, scope, async (tx) => ({
        ok: true,
        status: 201,
        body: await this.add(tx, caller, transfer, kept, contentType),
      }));
      // A twin with the same key was added first (its answer replayed): these bytes are not needed.
      if (!(await this.attachments.claims(this.orm.em.fork() as EntityManager, blobId)))
        await this.free(blobId);
      return reply;
    } catch (error) {
      await this.free(blobId);
      throw error;
    }
  }

  /** The rules and the room left, before the bytes are read: the most bytes this file may have. */
  private async checkBefore(
    em: EntityManager,
    caller: Actor | null,
    transfer: UploadTransfer,
  ): Promise<number> {
    const { rfi, onPost, relation } = await this.callers.visible(em, caller, transfer.rfiId);
    checkMayAttach(onPost.actor, relation, rfi, await this.target(em, rfi, transfer));
    return roomFor(
      this.settings.limits,
      await this.attachments.held(em, rfi.id, onPost.actor.userId),
      transfer.contentLength,
    );
  }

  /** The file's row, history line and event, under the RFI's lock, the rules checked again. */
  private async add(
    tx: EntityManager,
    caller: Actor | null,
    transfer: UploadTransfer,
    kept: StoredBytes,
    contentType: string,
  ): Promise<AttachmentView> {
    // The caller as it is now: an officer's posting may have ended while the bytes came.
    const onPost = await this.callers.onPost(tx, caller);
    const { actor } = onPost;
    let relation: Relation | null = null;
    let target: AttachmentTarget = null;
    const attachment = RfiAttachment.create({
      id: randomUUID(),
      rfiId: transfer.rfiId,
      messageId: transfer.messageId ?? null,
      blobId: kept.blobId,
      filename: displayFilename(transfer.filename),
      contentType,
      size: kept.size,
      sha256: kept.sha256.toString('hex'),
      handlingCode: transfer.handlingCode,
      uploadedByUserId: actor.userId,
      uploadedByRole: actor.role,
      uploadedByParty: actor.party,
      uploadedAt: new Date(),
    });
    await this.unitOfWork.change(tx, {
      id: transfer.rfiId,
      actor: onPost.actor,
      visible: (found) => (relation = this.callers.relationOf(onPost, found)) !== null,
      absent: () => rfiNotFound(transfer.rfiId),
      apply: async (rfi) => {
        target = await this.target(tx, rfi, transfer);
        rfi.attach(
          onPost.actor,
          relation!,
          attachment,
          target,
          this.settings.limits,
          await this.attachments.held(tx, rfi.id, actor.userId),
        );
      },
    });
    return attachmentView(attachment, target, 'FULL');
  }

  private async target(
    em: EntityManager,
    rfi: InformationRequest,
    transfer: UploadTransfer,
  ): Promise<AttachmentTarget> {
    if (!transfer.messageId) return null;
    const message = await this.attachments.message(em, rfi.id, transfer.messageId);
    if (!message) throw messageNotFound(transfer.messageId);
    return message;
  }

  /**
   * The bytes as they come, held back until the first SAMPLE_BYTES (or all, if fewer) show what
   * they are: a type that is not accepted, or not the one declared, ends the stream before the
   * store has written anything.
   */
  private async *typed(
    bytes: AsyncIterable<Uint8Array>,
    declared: string | null,
    decided: (type: string) => void,
  ): AsyncIterable<Uint8Array> {
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let released = false;
    const until = Date.now() + UPLOAD_TIME_LIMIT_MS;
    const release = async (complete: boolean) => {
      const sample = Buffer.concat(head);
      const verdict = attachmentType(
        declared,
        await this.detectType(sample),
        looksLikeText(sample, complete),
      );
      if (!verdict.accepted) throw unsupported(verdict.reason, declared, verdict.detected);
      decided(verdict.type);
      released = true;
    };
    for await (const piece of bytes) {
      if (Date.now() > until) throw new UploadTooSlow();
      if (released) {
        yield piece;
        continue;
      }
      head.push(piece);
      headBytes += piece.byteLength;
      if (headBytes >= SAMPLE_BYTES) {
        await release(false);
        yield* head;
      }
    }
    if (!released) {
      await release(true);
      yield* head;
    }
  }

  /** Frees bytes no file claims now; what fails here is left to the sweep. */
  private async free(blobId: string): Promise<void> {
    try {
      await this.store.delete(blobId);
      await this.attachments.forgetOrphan(this.orm.em.fork() as EntityManager, blobId);
    } catch (error) {
      this.logger.warn(
        `Blob ${blobId} not freed now, the sweep will: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function unsupported(
  reason: 'NOT_ACCEPTED' | 'MISMATCH',
  declared: string | null,
  detected: string | null,
): UnsupportedTypeError {
  if (reason === 'MISMATCH')
    return new UnsupportedTypeError(
      AttachmentErrors.TYPE_MISMATCH,
      `The file was sent as ${declared} but its bytes are ${detected}; nothing was kept`,
    );
  return new UnsupportedTypeError(
    AttachmentErrors.TYPE_NOT_ACCEPTED,
    `Files of this type are not accepted (${detected ?? 'no known type'}): PDF, images, office documents, plain text and CSV are; nothing was kept`,
  );
}

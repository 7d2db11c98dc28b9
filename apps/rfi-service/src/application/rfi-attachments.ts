import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Actor,
  AttachmentRef,
  AttachmentView,
  DownloadTransfer,
  ForbiddenError,
  RangeNotSatisfiableError,
  RfiCommands,
  RfiRef,
} from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { RfiAttachment } from '../domain/rfi-attachment';
import { AttachmentErrors } from '../domain/rfi-errors';
import { AttachmentTarget, attachmentAccess, attachmentNotFound } from '../domain/attachment-rules';
import { RangeAnswer, rangeOf } from '../domain/byte-range';
import { InformationRequest } from '../domain/information-request';
import { Relation, RfiActor } from '../domain/need-to-know';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { AttachmentRepository } from '../infrastructure/persistence/attachment.repository';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import { ATTACHMENT_STORE, AttachmentStore } from './attachment-store';
import { RfiCallers, rfiNotFound } from './rfi-callers';
import { attachmentView } from './attachment-views';

/** A download the caller may make: the file, the part of it asked for, and its bytes. */
export interface Download {
  attachment: RfiAttachment;
  range: Exclude<RangeAnswer, { kind: 'unsatisfiable' }>;
  bytes: AsyncIterable<Buffer>;
}

/**
 * Listing, downloading and removing the files of an RFI. Each answers 404 unless the caller may
 * see the RFI, and sees a file exactly as it sees what the file goes with (attachment-rules.ts).
 */
@Injectable()
export class RfiAttachments {
  constructor(
    private readonly orm: MikroORM,
    private readonly rfis: RfiRepository,
    private readonly attachments: AttachmentRepository,
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly callers: RfiCallers,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {}

  @HandlesCommand(RfiCommands.attachments)
  async list({ rfiId }: RfiRef, { actor: caller, em }: CommandContext) {
    const { rfi, actor, relation } = await this.visible(em, caller, rfiId);
    const targets = await this.targetsOf(em, rfi);
    const items: AttachmentView[] = [];
    for (const attachment of await this.attachments.attachmentsOf(em, rfi.id)) {
      const target = targets(attachment);
      if (target === undefined) continue;
      const access = attachmentAccess(actor, relation, rfi, target);
      if (access !== 'HIDDEN') items.push(attachmentView(attachment, target, access));
    }
    return { items };
  }

  /** The file's bytes, or the range asked for; the download is in the history before a byte leaves. */
  async download(caller: Actor | null, transfer: DownloadTransfer): Promise<Download> {
    const em = this.orm.em.fork() as EntityManager;
    const { rfi, actor, relation } = await this.visible(em, caller, transfer.rfiId);
    const attachment = await this.attachments.find(em, rfi.id, transfer.attachmentId);
    if (!attachment) throw attachmentNotFound(transfer.attachmentId);
    const target = await this.targetOf(em, attachment);
    const access = attachmentAccess(actor, relation, rfi, target);
    if (access === 'HIDDEN') throw attachmentNotFound(transfer.attachmentId);
    if (access === 'METADATA')
      throw new ForbiddenError(
        AttachmentErrors.CONTENT_WITHHELD,
        'You may know of this file but not read it',
      );
    const range = rangeOf(transfer.range, Number(attachment.size));
    if (range.kind === 'unsatisfiable')
      throw new RangeNotSatisfiableError(
        AttachmentErrors.RANGE_NOT_SATISFIABLE,
        `The file has ${attachment.size} bytes`,
        Number(attachment.size),
      );
    // The first bytes are in hand before the download is recorded: a blob the store has lost
    // fails here, leaving no line that says the file was read.
    const bytes = this.store.get(attachment.blobId, range.kind === 'partial' ? range : undefined);
    const iterator = bytes[Symbol.asyncIterator]();
    const first = await iterator.next();
    await this.attachments.recordDownload(
      em,
      rfi.id,
      actor,
      attachment,
      target?.kind ?? null,
      new Date(),
    );
    return { attachment, range, bytes: rest(first, iterator) };
  }

  @HandlesCommand(RfiCommands.removeAttachment)
  async remove({ rfiId, attachmentId }: AttachmentRef, { actor: caller, em }: CommandContext) {
    const onPost = await this.callers.onPost(em, caller);
    let removed: RfiAttachment | null = null;
    await this.unitOfWork.change(em, {
      id: rfiId,
      actor: onPost.actor,
      visible: (found) => this.callers.relationOf(onPost, found) !== null,
      absent: () => rfiNotFound(rfiId),
      apply: async (rfi) => {
        const relation = this.callers.relationOf(onPost, rfi)!;
        removed = await this.attachments.find(em, rfiId, attachmentId);
        // A file the caller may not know of is absent for it: a refusal would say it exists.
        if (
          !removed ||
          attachmentAccess(onPost.actor, relation, rfi, await this.targetOf(em, removed)) ===
            'HIDDEN'
        )
          throw attachmentNotFound(attachmentId);
        rfi.removeAttachment(onPost.actor, relation, removed, new Date());
      },
    });
    return attachmentView(removed!, null, 'FULL');
  }

  private async visible(
    em: EntityManager,
    caller: Actor | null,
    rfiId: string,
  ): Promise<{ rfi: InformationRequest; actor: RfiActor; relation: Relation }> {
    const { rfi, onPost, relation } = await this.callers.visible(em, caller, rfiId);
    return { rfi, actor: onPost.actor, relation };
  }

  /** The message a file goes with; a file whose message cannot be found is nobody's to see. */
  private async targetOf(em: EntityManager, attachment: RfiAttachment): Promise<AttachmentTarget> {
    if (!attachment.messageId) return null;
    const message = await this.attachments.message(em, attachment.rfiId, attachment.messageId);
    if (!message) throw attachmentNotFound(attachment.id);
    return message;
  }

  /** Every file's message (undefined: not found), from one read of the thread. */
  private async targetsOf(
    em: EntityManager,
    rfi: InformationRequest,
  ): Promise<(attachment: RfiAttachment) => AttachmentTarget | undefined> {
    const messages = new Map((await this.rfis.messagesOf(em, rfi.id)).map((m) => [m.id, m]));
    return (attachment) => (attachment.messageId ? messages.get(attachment.messageId) : null);
  }
}

/** The bytes again, from the first piece already read. */
async function* rest(
  first: IteratorResult<Buffer>,
  iterator: AsyncIterator<Buffer>,
): AsyncIterable<Buffer> {
  for (let piece = first; !piece.done; piece = await iterator.next()) yield piece.value;
}

import { Injectable } from '@nestjs/common';
import { RfiCommands, RfiRef } from '@bp/contracts';
import { ForbiddenError } from '@bp/domain-kernel';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { attachmentAccess } from '../domain/attachment-rules';
import { entityAccess } from '../domain/entities/entity-rules';
import { sideOf } from '../domain/entities/link-consent';
import { visibleHistory } from '../domain/history-visibility';
import { RfiErrors } from '../domain/rfi-errors';
import { AttachmentRepository } from '../infrastructure/persistence/attachment.repository';
import { entitiesOf } from '../infrastructure/persistence/entity-rows';
import { linksOfRfi, referencesOf } from '../infrastructure/persistence/possible-link-rows';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { attachmentView } from './attachment-views';
import { entityView } from './entity-views';
import { requesterLinkView } from './link-views';
import { RfiCallers } from './rfi-callers';
import { retentionView } from './rfi-retention';
import { RfiSettings } from './rfi-settings';
import { historyEntryView, rfiView, threadView } from './rfi-views';

/**
 * GET /rfis/{id}/export: everything the requester may see of its request in one document, for a
 * data subject's request or an audit. Each part is built by the view its own route uses, for the
 * requester, so the export holds exactly what those routes would show it, nothing more (no
 * secretariat note, no routing note, no other party's reads). The export is a read of the bodies
 * and is recorded as one.
 */
@Injectable()
export class RfiExport {
  constructor(
    private readonly repository: RfiRepository,
    private readonly attachments: AttachmentRepository,
    private readonly callers: RfiCallers,
    private readonly settings: RfiSettings,
  ) {}

  @HandlesCommand(RfiCommands.export)
  async export({ rfiId }: RfiRef, { actor: caller, em }: CommandContext) {
    const { rfi, onPost, relation } = await this.callers.visible(em, caller, rfiId);
    if (relation !== 'REQUESTER')
      throw new ForbiddenError(
        RfiErrors.NOT_REQUESTER,
        'Only the requesting party exports a request',
      );
    const { actor } = onPost;
    const now = new Date();
    const seen = await this.callers.seenBy(em, rfi, actor, relation);
    const messages = await this.repository.messagesOf(em, rfi.id);
    const byId = new Map(messages.map((message) => [message.id, message]));
    const targetOf = (messageId: string | null) => (messageId ? byId.get(messageId) : null);
    const entries = await this.repository.historyOf(em, rfi.id, { withReads: true });
    const links = await linksOfRfi(em, rfi.id);
    const references = await referencesOf(
      em,
      links.flatMap((link) => [link.firstRfiId, link.secondRfiId]),
    );
    const document = {
      exportedAt: now.toISOString(),
      request: rfiView(rfi, actor, relation, now, seen),
      thread: threadView(messages, rfi, actor, relation),
      history: visibleHistory(actor, relation, rfi, entries).map((entry) =>
        historyEntryView(entry, actor, relation),
      ),
      entities: (await entitiesOf(em, rfi.id)).flatMap((entity) => {
        const target = targetOf(entity.messageId);
        if (target === undefined) return [];
        const access = entityAccess(actor, relation, rfi, target);
        return access === 'HIDDEN' ? [] : [entityView(entity, rfi, target, access)];
      }),
      attachments: (await this.attachments.attachmentsOf(em, rfi.id)).flatMap((attachment) => {
        const target = targetOf(attachment.messageId);
        if (target === undefined) return [];
        const access = attachmentAccess(actor, relation, rfi, target);
        return access === 'HIDDEN' ? [] : [attachmentView(attachment, target, access)];
      }),
      links: links.map((link) => requesterLinkView(link, sideOf(link, rfi.id)!, references)),
      retention: await retentionView(em, rfi, this.settings.retention),
    };
    await this.repository.recordBodyRead(em, rfi.id, actor, 'export', now);
    return document;
  }
}

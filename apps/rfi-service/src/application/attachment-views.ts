import { AttachmentView } from '@bp/contracts';
import { RfiAttachment } from '../domain/rfi-attachment';
import { AttachmentTarget } from '../domain/attachment-rules';
import { MessageVisibility } from '../domain/need-to-know';

/** A file as a caller with `access` to it (never HIDDEN: those are left out) sees it. */
export function attachmentView(
  attachment: RfiAttachment,
  target: AttachmentTarget,
  access: Exclude<MessageVisibility, 'HIDDEN'>,
): AttachmentView {
  return {
    id: attachment.id,
    rfiId: attachment.rfiId,
    messageId: attachment.messageId,
    messageKind: target?.kind ?? null,
    filename: attachment.filename,
    size: Number(attachment.size),
    contentType: attachment.contentType,
    sha256: attachment.sha256,
    handlingCode: attachment.handlingCode,
    uploadedByParty: attachment.uploadedByParty,
    uploadedAt: attachment.uploadedAt.toISOString(),
    contentWithheld: access === 'METADATA',
  };
}

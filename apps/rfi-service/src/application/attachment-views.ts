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
    // A digest of the bytes confirms a guess of them: for those who may read them only.
    sha256: access === 'FULL' ? attachment.sha256 : null,
    handlingCode: attachment.handlingCode,
    uploadedByParty: attachment.uploadedByParty,
    uploadedAt: attachment.uploadedAt.toISOString(),
    contentWithheld: access === 'METADATA',
  };
}

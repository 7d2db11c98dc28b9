import { Actor, Channel, ForbiddenError, ValidationFailedError } from '@bp/domain-kernel';
import { RfiErrors } from './rfi-errors';
import { RfiDraftInput } from './rfi-inputs';

/** Who may file a request, to whom, and what an H3 one must state; returns the requesting party. */
export function checkDraft(requester: Actor, input: RfiDraftInput): string {
  if (requester.role !== 'focal_point' || !requester.party)
    throw new ForbiddenError(
      RfiErrors.FOCAL_POINT_ONLY,
      'Only a focal point files requests for information',
    );
  validateTargets(requester.party, input.channel, input.targetParties);
  if (input.handlingCode === 'H3' && !input.handlingNote?.trim()) {
    throw new ValidationFailedError(RfiErrors.HANDLING_NOTE_REQUIRED, 'H3 states its restriction', [
      { field: 'handlingNote', message: 'required with handling code H3' },
    ]);
  }
  return requester.party;
}

/** A refusal states its reason; returns it trimmed. */
export function requireReason(reason: string): string {
  const text = reason?.trim();
  if (!text)
    throw new ValidationFailedError(RfiErrors.REASON_REQUIRED, 'A refusal needs a reason', [
      { field: 'reason', message: 'must not be empty' },
    ]);
  return text;
}

function validateTargets(requester: string, channel: Channel, targets: string[]): void {
  if (new Set(targets).size !== targets.length)
    throw new ValidationFailedError(RfiErrors.TARGET_REPEATED, 'A target party is named twice', [
      { field: 'targetParties', message: 'must be unique' },
    ]);
  if (targets.includes(requester))
    throw new ValidationFailedError(RfiErrors.TARGET_IS_REQUESTER, 'A party cannot ask itself', [
      { field: 'targetParties', message: 'contains the requesting party' },
    ]);
  if (channel === 'BILATERAL' && targets.length !== 1) {
    throw new ValidationFailedError(
      RfiErrors.BILATERAL_TARGET_COUNT,
      'A bilateral request goes to exactly one party',
      [{ field: 'targetParties', message: 'must name exactly one party' }],
    );
  }
}

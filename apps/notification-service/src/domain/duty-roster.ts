import { ValidationFailedError } from '@bp/domain-kernel';
import { DutyErrors } from './duty-errors';

/** Someone a page can reach: an account, and the e-mail address it had when the roster was set. */
export interface DutyContact {
  userId: string;
  /** As of the PUT that set the roster: a later change of the account's address is not seen. */
  email: string | null;
}

/** One stretch of duty: `from` inclusive, `to` exclusive, so one slot may end where the next starts. */
export interface DutySlot extends DutyContact {
  from: Date;
  to: Date;
}

/** A party's 24/7 duty contacts: who is on duty when, and who is paged when nobody answers. */
export interface DutyRoster {
  party: string;
  slots: readonly DutySlot[];
  fallback: DutyContact;
}

/** Enough for months of shifts; a roster is replaced whole, so it need not hold years. */
export const MAX_DUTY_SLOTS = 500;

/**
 * Checks a roster's slots: each ends after it starts, and no two overlap. Overlaps are refused
 * because a page goes to one person: with two on duty at once, "who was paged" would depend on
 * the order the slots were written in, and each would assume the other answered.
 */
export function checkDutySlots(slots: readonly Pick<DutySlot, 'from' | 'to'>[]): void {
  const errors: { field: string; message: string }[] = [];
  if (slots.length > MAX_DUTY_SLOTS)
    errors.push({ field: 'slots', message: `at most ${MAX_DUTY_SLOTS} slots` });
  slots.forEach((slot, i) => {
    if (!(slot.from.getTime() < slot.to.getTime()))
      errors.push({ field: `slots.${i}.to`, message: 'must be after from' });
  });
  const ordered = slots
    .map((slot, index) => ({ slot, index }))
    .sort((a, b) => a.slot.from.getTime() - b.slot.from.getTime());
  for (let k = 1; k < ordered.length; k++) {
    const before = ordered[k - 1]!;
    const after = ordered[k]!;
    if (after.slot.from.getTime() < before.slot.to.getTime())
      errors.push({
        field: `slots.${after.index}.from`,
        message: `overlaps slot ${before.index}: one person is on duty at a time`,
      });
  }
  if (errors.length)
    throw new ValidationFailedError(
      DutyErrors.ROSTER_INVALID,
      'The duty roster is not valid',
      errors,
    );
}

/** Who is on duty at `at`, if anyone: the slot with from <= at < to. */
export function onDutyAt(roster: DutyRoster, at: Date): DutyContact | null {
  const t = at.getTime();
  const slot = roster.slots.find((s) => s.from.getTime() <= t && t < s.to.getTime());
  return slot ? { userId: slot.userId, email: slot.email } : null;
}

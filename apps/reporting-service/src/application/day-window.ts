import { InputErrors, ValidationFailedError } from '@bp/domain-kernel';

const DAY_MS = 86_400_000;

/**
 * `from` and `to` (calendar days, UTC, both counted whole) as the half-open window [from, to + 1 day)
 * the queries take; refused when `from` comes after `to`.
 */
export function dayWindow(input: { from?: string; to?: string }): {
  from: Date | null;
  to: Date | null;
} {
  if (input.from && input.to && input.from > input.to)
    throw new ValidationFailedError(InputErrors.INVALID, 'from is after to', [
      { field: 'from', message: 'must not be after to' },
    ]);
  return {
    from: input.from ? new Date(`${input.from}T00:00:00Z`) : null,
    to: input.to ? new Date(Date.parse(`${input.to}T00:00:00Z`) + DAY_MS) : null,
  };
}

import { InputErrors, ValidationFailedError } from '@bp/domain-kernel';
import { ExchangeErrors } from './exchange-errors';

/** A period of calendar days (YYYY-MM-DD), either end open, that does not end before it starts. */
export function assertPeriod(field: string, from: string | null, to: string | null): void {
  const dates = [from, to].filter((d): d is string => d !== null);
  for (const date of dates) {
    const parsed = new Date(`${date}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(parsed.getTime()) ||
      !parsed.toISOString().startsWith(date)
    ) {
      throw new ValidationFailedError(InputErrors.INVALID_DATE, 'Not a date', [
        { field, message: 'dates are YYYY-MM-DD' },
      ]);
    }
  }
  if (from && to && to < from)
    throw new ValidationFailedError(
      ExchangeErrors.PERIOD_REVERSED,
      'The period ends before it starts',
      [{ field, message: 'must not be before the start' }],
    );
}

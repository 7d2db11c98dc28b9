import { InputErrors, ValidationFailedError } from '@bp/domain-kernel';

/** A calendar day as `YYYY-MM-DD` (UTC): postings start and end on days, not instants. */
export type CalendarDate = string;

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function today(now: Date): CalendarDate {
  return now.toISOString().slice(0, 10);
}

export function assertCalendarDate(field: string, value: string): void {
  if (!isCalendarDate(value))
    throw new ValidationFailedError(InputErrors.INVALID_DATE, 'Not a date', [
      { field, message: 'must be a date YYYY-MM-DD' },
    ]);
}

/** Two inclusive periods share at least one day. ISO dates compare as strings. */
export function overlaps(
  a: { startDate: CalendarDate; endDate: CalendarDate },
  b: { startDate: CalendarDate; endDate: CalendarDate },
): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

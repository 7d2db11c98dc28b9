import { ValidationFailedError } from '@bp/domain-kernel';
import { ExchangeErrors } from './exchange-errors';
import { assertPeriod } from './exchange-period';

export interface Schedule {
  startsOn: string;
  endsOn: string;
  location: string | null;
  online: boolean;
}

/** When and where the exchange takes place: somewhere unless it is online. */
export function scheduleOf(schedule: Schedule): Schedule {
  assertPeriod('endsOn', schedule.startsOn, schedule.endsOn);
  if (!schedule.online && !schedule.location?.trim()) {
    throw new ValidationFailedError(ExchangeErrors.LOCATION_REQUIRED, 'Say where it takes place', [
      { field: 'location', message: 'required unless online' },
    ]);
  }
  return { ...schedule, location: schedule.location?.trim() || null };
}

import { ConflictError, DeploymentStatus } from '@bp/domain-kernel';
import { CalendarDate, overlaps } from './calendar-date';
import { DeploymentErrors } from './deployment-errors';

/** The part of another posting of the same officer that decides whether a new period clashes. */
export interface PostingPeriod {
  id: string;
  startDate: CalendarDate;
  endDate: CalendarDate;
  status: DeploymentStatus;
}

/** Postings that still hold a period of the officer's time. */
const HOLDING: readonly DeploymentStatus[] = ['PROPOSED', 'APPROVED', 'ACTIVE'];

/** One officer cannot hold two postings on the same day. */
export function assertNoOverlap(
  others: readonly PostingPeriod[],
  period: { startDate: CalendarDate; endDate: CalendarDate },
  selfId: string,
): void {
  const clash = others.find(
    (other) => other.id !== selfId && HOLDING.includes(other.status) && overlaps(other, period),
  );
  if (clash)
    throw new ConflictError(
      DeploymentErrors.OVERLAPS,
      `The officer is already posted from ${clash.startDate} to ${clash.endDate}`,
    );
}

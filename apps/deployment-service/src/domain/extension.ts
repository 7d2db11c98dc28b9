import {
  ConflictError,
  ExtensionStatus,
  NotFoundError,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { CalendarDate, assertCalendarDate } from './calendar-date';
import { ExtensionErrors } from './deployment-errors';

/** A request to move a posting's end date, approved or refused by the host. */
export interface Extension {
  id: string;
  requestedEndDate: CalendarDate;
  status: ExtensionStatus;
  requestedAt: string;
  decidedAt: string | null;
}

/** A new request to move the end date from `endDate` later; one at a time awaits the host. */
export function requestedExtension(
  extensions: readonly Extension[],
  endDate: CalendarDate,
  extensionId: string,
  requestedEndDate: CalendarDate,
  now: Date,
): Extension {
  assertCalendarDate('endDate', requestedEndDate);
  if (requestedEndDate <= endDate) {
    throw new ValidationFailedError(
      ExtensionErrors.END_NOT_LATER,
      'An extension moves the end date later',
      [{ field: 'endDate', message: `must be after ${endDate}` }],
    );
  }
  if (extensions.some((e) => e.status === 'PENDING'))
    throw new ConflictError(
      ExtensionErrors.ALREADY_PENDING,
      'An extension is already awaiting the host',
    );
  return {
    id: extensionId,
    requestedEndDate,
    status: 'PENDING',
    requestedAt: now.toISOString(),
    decidedAt: null,
  };
}

/** The extension the host is asked to decide on; only one still awaiting the host can be. */
export function pendingExtension(extensions: readonly Extension[], extensionId: string): Extension {
  const extension = extensions.find((e) => e.id === extensionId);
  if (!extension)
    throw new NotFoundError(
      ExtensionErrors.NOT_FOUND,
      `No extension ${extensionId} on this deployment`,
    );
  if (extension.status !== 'PENDING')
    throw new ConflictError(ExtensionErrors.NOT_PENDING, `The extension is ${extension.status}`);
  return extension;
}

/** The extensions with the host's decision on one of them. */
export function withDecision(
  extensions: readonly Extension[],
  extensionId: string,
  approve: boolean,
  now: Date,
): Extension[] {
  return extensions.map((e) =>
    e.id === extensionId
      ? { ...e, status: approve ? 'APPROVED' : 'REFUSED', decidedAt: now.toISOString() }
      : e,
  );
}

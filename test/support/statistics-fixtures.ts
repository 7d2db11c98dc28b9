import { ResponseHealthRow } from '@bp/contracts';

/** A response-health row's figures: filed and received as given, the rest none unless said. */
export const responseHealthFigures = (
  filed: number,
  received: number,
  rest: Partial<ResponseHealthRow> = {},
): Omit<ResponseHealthRow, 'key'> => ({
  filed,
  received,
  acknowledged: 0,
  responded: 0,
  declined: 0,
  hoursToAcknowledge: { median: null, p90: null },
  hoursToRespond: { median: null, p90: null },
  onTimeRate: null,
  overdueNow: 0,
  ...rest,
});

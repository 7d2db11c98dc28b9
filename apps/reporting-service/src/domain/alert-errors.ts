/** Why the alert rules refuse: stable codes clients branch on (messages may change). */
export const AlertErrors = {
  /** Absent, or not the caller's to see (not addressed, not sent by its party). */
  NOT_FOUND: 'ALERT.NOT_FOUND',
  /** A focal point for its party, or the secretariat, raises alerts. */
  NOT_A_SENDER: 'ALERT.NOT_A_SENDER',
  /** Routes, regions and parties together name nobody but the sender. */
  NO_ADDRESSEE: 'ALERT.NO_ADDRESSEE',
  /** The sender raised as many alerts in the last 24 hours as one may (ALERT_DAILY_LIMIT). */
  DAILY_LIMIT: 'ALERT.DAILY_LIMIT',
  /** Only a focal point of an addressed party acknowledges, for its party. */
  NOT_ADDRESSED: 'ALERT.NOT_ADDRESSED',
} as const;

/** Why the notification rules refuse: stable codes clients branch on (messages may change). */
export const NotificationErrors = {
  /** Absent, or not addressed to the caller: the same answer, so nothing leaks. */
  NOT_FOUND: 'NOTIFICATION.NOT_FOUND',
} as const;

/** Why the webhook rules refuse: stable codes clients branch on (messages may change). */
export const WebhookErrors = {
  /** Absent, or another party's: the same answer, so nothing leaks. */
  NOT_FOUND: 'WEBHOOK.NOT_FOUND',
  DELIVERY_NOT_FOUND: 'WEBHOOK.DELIVERY_NOT_FOUND',
  /** The target is not http(s), carries credentials, or resolves to a non-public address. */
  TARGET_REFUSED: 'WEBHOOK.TARGET_REFUSED',
  LIMIT_REACHED: 'WEBHOOK.LIMIT_REACHED',
} as const;

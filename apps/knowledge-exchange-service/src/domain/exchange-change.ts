import { Actor } from '@bp/domain-kernel';

export type ExchangeAction =
  | 'POSTED'
  | 'OFFER_RECEIVED'
  | 'MATCHED'
  | 'SCHEDULED'
  | 'COMPLETED'
  | 'CANCELLED';

/** Something that happened to an exchange: the application publishes each as an integration event. */
export interface ExchangeChange {
  action: ExchangeAction;
  at: Date;
  actor: Actor;
  details: Record<string, unknown>;
}

import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope } from '@bp/contracts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventHandler<TData = any> = (
  event: EventEnvelope<TData>,
  em: EntityManager,
) => Promise<void>;

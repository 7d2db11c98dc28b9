import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Where one kind of aggregate is kept. Each service implements it in its infrastructure/, with all
 * of that aggregate's SQL; the application never writes SQL for it.
 */
export interface AggregateRepository<TAggregate, TChange> {
  /** The aggregate under a row lock held until the transaction ends; null when there is none. */
  lock(em: EntityManager, id: string): Promise<TAggregate | null>;
  /** Writes the aggregate's state and keeps the history of `changes`, in the caller's transaction. */
  save(em: EntityManager, aggregate: TAggregate, changes: readonly TChange[]): Promise<void>;
}

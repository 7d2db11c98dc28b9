import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, AggregateRoot, DomainError } from '@bp/domain-kernel';
import { EventDraft, stageEvents } from '../outbox/outbox';
import { AggregateRepository } from './aggregate-repository';

/** One change to one aggregate, as a use case asks for it. */
export interface AggregateChange<TAggregate> {
  id: string;
  /** Who asks; null for the system's own work (calendar, escalation), recorded as such. */
  actor: Actor | null;
  /** Whether the caller may know this aggregate exists; if not, it gets the same refusal as for none. */
  visible(aggregate: TAggregate): boolean;
  absent(): DomainError;
  /** From If-Match; compared with the version the caller was shown, which need to know may lower. */
  ifMatch?: string;
  shownVersion?(aggregate: TAggregate): number | Promise<number>;
  /** The domain rule; it records its changes on the aggregate. */
  apply(aggregate: TAggregate): unknown;
}

/**
 * The one way an aggregate changes, in every service: load it under a row lock, refuse it as absent
 * unless the caller may see it, check the version the caller saw, apply the domain rule, then keep
 * the state, its history and its integration events in the same transaction (the outbox).
 */
export class UnitOfWork<TAggregate extends AggregateRoot<TChange>, TChange extends { at: Date }> {
  constructor(
    private readonly repository: AggregateRepository<TAggregate, TChange>,
    private readonly events: (aggregate: TAggregate, changes: TChange[]) => EventDraft[],
    private readonly source: string,
  ) {}

  async change(em: EntityManager, change: AggregateChange<TAggregate>): Promise<TAggregate> {
    const aggregate = await this.repository.lock(em, change.id);
    if (!aggregate || !change.visible(aggregate)) throw change.absent();
    if (change.ifMatch !== undefined)
      aggregate.assertVersion(
        change.ifMatch,
        change.shownVersion ? await change.shownVersion(aggregate) : aggregate.version,
      );
    await change.apply(aggregate);
    await this.commit(em, aggregate, change.actor);
    return aggregate;
  }

  /**
   * The system's own change (a calendar, an escalation, a handover), with no caller: the same lock
   * and commit, recorded with no actor. An aggregate that is not there is skipped (null), so one
   * missing row never stops a whole scan.
   */
  async systemChange(
    em: EntityManager,
    id: string,
    apply: (aggregate: TAggregate) => unknown,
  ): Promise<TAggregate | null> {
    const aggregate = await this.repository.lock(em, id);
    if (!aggregate) return null;
    await apply(aggregate);
    await this.commit(em, aggregate, null);
    return aggregate;
  }

  /** Keeps what the aggregate recorded since it was loaded or created; returns those changes. */
  async commit(em: EntityManager, aggregate: TAggregate, actor: Actor | null): Promise<TChange[]> {
    const changes = aggregate.pullChanges();
    await this.repository.save(em, aggregate, changes);
    await stageEvents(em, this.events(aggregate, changes), { source: this.source, actor });
    return changes;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, ListRfisCommand } from '@bp/contracts';
import { StandbyReads } from '@bp/persistence';
import { Page, RfiListQuery, RfiSummary } from '../infrastructure/persistence/rfi-list.query';

/**
 * GET /rfis: the search and the sorting run on the standby when there is one and it is fresh
 * enough (StandbyReads); the rows shown are the primary's, checked there against the caller's
 * need to know once the standby's transaction has ended (RfiListQuery.pageOfChosen). Without a
 * standby, all of it runs on the primary.
 */
@Injectable()
export class RfiLists {
  constructor(
    private readonly listing: RfiListQuery,
    private readonly standby: StandbyReads,
  ) {}

  async list(
    em: EntityManager,
    actor: Actor,
    query: ListRfisCommand,
    now: Date,
  ): Promise<Page<RfiSummary>> {
    const chosen = await this.standby.choose(em, (reader) =>
      this.listing.chooseIds(reader, actor, query, now),
    );
    return chosen
      ? this.listing.pageOfChosen(em, chosen.value, actor, query, now)
      : this.listing.list(em, actor, query, now);
  }
}

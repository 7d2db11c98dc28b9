import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, DeploymentListQuery } from '@bp/contracts';
import { Deployment } from '../../domain/deployment';
import { DeploymentSchema } from './deployment.schema';
import { keysetPage } from './keyset-page';
import { visiblePostings } from './posting-visibility';

/** The lists of postings: what the use cases read without changing it. */
@Injectable()
export class DeploymentQuery {
  /** One page, newest first, of the postings the caller may see that match the query. */
  list(em: EntityManager, caller: Actor, query: DeploymentListQuery) {
    const where: Record<string, unknown>[] = [visiblePostings(caller)];
    if (query.status) where.push({ status: query.status });
    if (query.hostParty) where.push({ hostParty: query.hostParty });
    if (query.sendingParty) where.push({ sendingParty: query.sendingParty });
    if (query.activeOn)
      where.push({
        status: 'ACTIVE',
        startDate: { $lte: query.activeOn },
        endDate: { $gte: query.activeOn },
      });
    return keysetPage(em, DeploymentSchema, 'proposedAt', where, query);
  }

  /** The active postings into these parties, by host and sending party. */
  activeIn(em: EntityManager, parties: readonly string[]): Promise<Deployment[]> {
    return em.find(
      DeploymentSchema,
      { status: 'ACTIVE', hostParty: { $in: [...parties] } },
      { orderBy: { hostParty: 'asc', sendingParty: 'asc' } },
    );
  }

  /** The postings of these officers into one party, whatever their status. */
  intoParty(
    em: EntityManager,
    party: string,
    officerIds: readonly string[],
  ): Promise<Deployment[]> {
    return em.find(DeploymentSchema, { officerId: { $in: [...officerIds] }, hostParty: party });
  }
}

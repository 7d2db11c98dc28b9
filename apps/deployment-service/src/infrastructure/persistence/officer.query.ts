import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OfficerListQuery } from '@bp/contracts';
import { Officer } from '../../domain/officer';
import { keysetPage } from './keyset-page';
import { OfficerSchema } from './officer.schema';

/** The lists of officers: what the use cases read without changing it. */
@Injectable()
export class OfficerQuery {
  /** One page of officers, newest first. */
  list(em: EntityManager, query: OfficerListQuery) {
    const where = query.sendingParty ? [{ sendingParty: query.sendingParty }] : [];
    return keysetPage(em, OfficerSchema, 'createdAt', where, query);
  }

  byIds(em: EntityManager, ids: readonly string[]): Promise<Officer[]> {
    return em.find(OfficerSchema, { id: { $in: [...ids] } });
  }
}

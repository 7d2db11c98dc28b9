import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DutyCandidate } from '../../domain/duty-contacts';

/** The accounts a duty roster names, as they are now (role, party, enabled, address). */
@Injectable()
export class DutyCandidatesQuery {
  async byIds(em: EntityManager, ids: readonly string[]): Promise<DutyCandidate[]> {
    if (!ids.length) return [];
    return em.execute<DutyCandidate[]>(
      `select id, role, party, disabled, email from user_account where id = any(array[?]::uuid[])`,
      [[...new Set(ids)]],
    );
  }
}

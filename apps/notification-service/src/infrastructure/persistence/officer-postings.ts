import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * The projection of officers' postings, kept from deployment.* events: only which officer, which
 * posting and its status. Applying an event is idempotent and moves a row only forward in the
 * posting's version, so duplicates and old events change nothing.
 */
@Injectable()
export class OfficerPostings {
  async apply(
    em: EntityManager,
    posting: { deploymentId: string; officerId: string; status: string },
    subjectVersion: number,
  ): Promise<void> {
    await em.execute(
      `insert into officer_posting (deployment_id, officer_id, status, subject_version)
       values (?, ?, ?, ?)
       on conflict (deployment_id) do update set
         officer_id = excluded.officer_id, status = excluded.status, subject_version = excluded.subject_version
       where officer_posting.subject_version <= excluded.subject_version`,
      [posting.deploymentId, posting.officerId, posting.status, subjectVersion],
    );
  }

  /** The officer's ACTIVE posting now, if any. */
  async activeOf(em: EntityManager, officerId: string): Promise<string | null> {
    const rows = await em.execute<{ deployment_id: string }[]>(
      `select deployment_id from officer_posting where officer_id = ? and status = 'ACTIVE' limit 1`,
      [officerId],
    );
    return rows[0]?.deployment_id ?? null;
  }
}

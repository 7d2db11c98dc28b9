import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PreparedStatement, runPrepared } from '@bp/persistence';
import { DeploymentEventData } from '@bp/contracts';

/** Asked by every filing of a bilateral request. */
const OFFICERS_POSTED: PreparedStatement = {
  name: 'rfi.officers-posted',
  text: `select officer_id, deployment_id from posting
    where sending_party = $1 and host_party = $2 and status = 'ACTIVE' order by officer_id`,
};

export interface ActivePosting {
  deploymentId: string;
  officerId: string;
  sendingParty: string;
  hostParty: string;
}

/**
 * The projection of postings, kept from deployment.* events. Applying an event is idempotent: a
 * row only moves forward in the posting's version, so duplicates, replays and old events change
 * nothing.
 */
@Injectable()
export class Postings {
  /** `into` the live projection, or the table a rebuild fills (postings-rebuild.ts). */
  async apply(
    em: EntityManager,
    data: DeploymentEventData,
    subjectVersion: number,
    into: 'posting' | 'posting_rebuild' = 'posting',
  ): Promise<boolean> {
    const rows = await em.execute<{ deployment_id: string }[]>(
      `insert into ${into} as p (deployment_id, officer_id, sending_party, host_party, start_date, end_date, status, subject_version, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (deployment_id) do update set
         officer_id = excluded.officer_id, sending_party = excluded.sending_party, host_party = excluded.host_party,
         start_date = excluded.start_date, end_date = excluded.end_date, status = excluded.status,
         subject_version = excluded.subject_version, updated_at = now()
       where p.subject_version <= excluded.subject_version
       returning deployment_id`,
      [
        data.deploymentId,
        data.officerId,
        data.sendingParty,
        data.hostParty,
        data.startDate,
        data.endDate,
        data.status,
        subjectVersion,
      ],
    );
    return rows.length === 1;
  }

  async activeOf(em: EntityManager, officerId: string): Promise<ActivePosting | null> {
    const rows = await em.execute<
      { deployment_id: string; officer_id: string; sending_party: string; host_party: string }[]
    >(
      `select deployment_id, officer_id, sending_party, host_party from posting where officer_id = ? and status = 'ACTIVE' limit 1`,
      [officerId],
    );
    const row = rows[0];
    return row
      ? {
          deploymentId: row.deployment_id,
          officerId: row.officer_id,
          sendingParty: row.sending_party,
          hostParty: row.host_party,
        }
      : null;
  }

  /** Officers of `sending` actively posted in `host`: they receive bilateral requests between the two. */
  async officersPosted(
    em: EntityManager,
    sending: string,
    host: string,
  ): Promise<{ officerId: string; postingId: string }[]> {
    const rows = await runPrepared<{ officer_id: string; deployment_id: string }>(
      em,
      OFFICERS_POSTED,
      [sending, host],
    );
    return rows.map((row) => ({ officerId: row.officer_id, postingId: row.deployment_id }));
  }

  /** The projection as rows, for comparing a rebuilt one with the live one. */
  async snapshot(em: EntityManager): Promise<unknown[]> {
    return em.execute(
      `select deployment_id, officer_id, sending_party, host_party, start_date::text, end_date::text, status, subject_version
       from posting order by deployment_id`,
    );
  }
}

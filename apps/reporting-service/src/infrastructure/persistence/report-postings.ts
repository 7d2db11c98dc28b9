import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OnPost } from '../../domain/posting-record';
import { dateOrNull } from './model-sql';

/** The model's postings, read and written inside a deployment event's transaction. */
@Injectable()
export class ReportPostings {
  async find(
    em: EntityManager,
    deploymentId: string,
  ): Promise<(OnPost & { version: number }) | null> {
    const [row] = await em.execute<
      { activated_at: string | null; ended_at: string | null; subject_version: number }[]
    >(
      'select activated_at, ended_at, subject_version from report_posting where deployment_id = ?',
      [deploymentId],
    );
    if (!row) return null;
    return {
      activatedAt: dateOrNull(row.activated_at),
      endedAt: dateOrNull(row.ended_at),
      version: row.subject_version,
    };
  }

  async save(
    em: EntityManager,
    posting: {
      deploymentId: string;
      officerId: string;
      sendingParty: string;
      hostParty: string;
      status: string;
      version: number;
    } & OnPost,
  ): Promise<void> {
    await em.execute(
      `insert into report_posting (deployment_id, officer_id, sending_party, host_party, status,
         activated_at, ended_at, subject_version)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (deployment_id) do update set
         officer_id = excluded.officer_id, sending_party = excluded.sending_party,
         host_party = excluded.host_party, status = excluded.status,
         activated_at = excluded.activated_at, ended_at = excluded.ended_at,
         subject_version = excluded.subject_version`,
      [
        posting.deploymentId,
        posting.officerId,
        posting.sendingParty,
        posting.hostParty,
        posting.status,
        posting.activatedAt,
        posting.endedAt,
        posting.version,
      ],
    );
  }
}

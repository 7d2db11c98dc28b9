import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OnPost } from '../../domain/posting-record';
import { dateOrNull, upsertWhole } from './model-sql';

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
    await upsertWhole(em, 'report_posting', 'deployment_id', {
      deployment_id: posting.deploymentId,
      officer_id: posting.officerId,
      sending_party: posting.sendingParty,
      host_party: posting.hostParty,
      status: posting.status,
      activated_at: posting.activatedAt,
      ended_at: posting.endedAt,
      subject_version: posting.version,
    });
  }
}

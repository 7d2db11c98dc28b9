import { keepNotes, sealNote } from './history-notes';
import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from '@bp/contracts';
import { Priority } from '@bp/domain-kernel';
import { AggregateRepository } from '@bp/messaging';
import { PreparedStatement, columnArrays, runPrepared, unnestRows } from '@bp/persistence';
import { InformationRequest } from '../../domain/information-request';
import { RfiChange } from '../../domain/rfi-change';
import { HistoryEntry } from '../../domain/history-visibility';
import { keepAttachmentChanges } from './attachment-rows';
import { keepEntities } from './entity-rows';
import {
  HistoryRow,
  historyEntries,
  historySql,
  requestWithParts,
  sealedEntry,
} from './request-rows';
import { referenceFor } from '../../domain/rfi-reference';
import { RfiMessage } from '../../domain/rfi-message';
import {
  AssignmentSchema,
  InformationRequestSchema,
  RfiMessageSchema,
} from './information-request.schema';

/** Loads and stores InformationRequest aggregates with their assignments, thread and history. */
@Injectable()
export class RfiRepository implements AggregateRepository<InformationRequest, RfiChange> {
  /** information_request's stored columns, from the ORM's metadata on first use. */
  private requestColumns?: string[];

  /** A fresh random reference (domain/rfi-reference.ts), drawn again in the rare case it is taken. */
  async nextReference(em: EntityManager, year: number): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const reference = referenceFor(year, (count) => randomBytes(count));
      const taken = await runPrepared(em, REFERENCE_TAKEN, [reference]);
      if (!taken.length) return reference;
    }
    throw new Error('No free RFI reference after 5 draws');
  }

  /** With a row lock held to the end of the transaction: commands on one RFI run one at a time. */
  async lock(em: EntityManager, id: string): Promise<InformationRequest | null> {
    const rfi = await em.findOne(
      InformationRequestSchema,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    return rfi ? this.attachAssignments(em, rfi) : null;
  }

  /** The RFI with its assignments, read in one statement. */
  async load(em: EntityManager, id: string): Promise<InformationRequest | null> {
    const [row] = await runPrepared<RequestRow>(em, this.requestStatement(em, false), [id]);
    return row ? this.requestOf(em, row) : null;
  }

  /**
   * The RFI, and the changes of its history that versions are counted from (historyOf without
   * reads), read in one statement. The changes keep their notes sealed: they are for counting, and
   * no note text is read before the caller is known to see the RFI.
   */
  async loadWithChanges(
    em: EntityManager,
    id: string,
  ): Promise<{ rfi: InformationRequest; changes: HistoryEntry[] } | null> {
    const [row] = await runPrepared<RequestRow>(em, this.requestStatement(em, true), [id]);
    if (!row) return null;
    return { rfi: this.requestOf(em, row), changes: row.change_rows!.map(sealedEntry) };
  }

  /**
   * The RFI's state, its new assignments and the messages posted to it, then its history. New
   * rows are persisted here; changed ones are tracked by the unit of work.
   */
  async save(
    em: EntityManager,
    rfi: InformationRequest,
    changes: readonly RfiChange[],
  ): Promise<void> {
    em.persist(rfi);
    for (const assignment of rfi.assignments) em.persist(assignment);
    for (const message of rfi.pullPostedMessages()) this.addMessage(em, message);
    await keepAttachmentChanges(em, rfi.pullAttachmentChanges());
    await keepEntities(em, rfi.pullAddedEntities());
    await this.appendHistory(em, rfi.id, changes);
  }

  addMessage(em: EntityManager, message: RfiMessage): void {
    em.persist(message);
  }

  messagesOf(em: EntityManager, rfiId: string): Promise<RfiMessage[]> {
    return em.find(RfiMessageSchema, { rfiId }, { orderBy: { postedAt: 'asc', id: 'asc' } });
  }

  /** One statement for all the lines of a change: a filing records three, a read one. */
  async appendHistory(
    em: EntityManager,
    rfiId: string,
    changes: readonly RfiChange[],
  ): Promise<void> {
    if (!changes.length) return;
    const sealed = changes.map((change) => sealNote(change.details));
    await keepNotes(
      em,
      rfiId,
      sealed.flatMap(({ kept }) => (kept ? [kept] : [])),
    );
    await runPrepared(
      em,
      HISTORY_INSERT,
      columnArrays(
        changes.map((change, i) => [
          rfiId,
          change.at,
          change.action,
          change.actor?.userId,
          change.actor?.username,
          change.actor?.role,
          change.actor?.party,
          change.assignmentId,
          JSON.stringify(sealed[i]!.details),
        ]),
        HISTORY_TYPES.length,
      ),
    );
  }

  /** The whole history in order; without reads, it is the list of changes versions are counted from. */
  async historyOf(
    em: EntityManager,
    rfiId: string,
    { withReads }: { withReads: boolean },
  ): Promise<HistoryEntry[]> {
    const rows = await em.execute<HistoryRow[]>(`${historySql('?', withReads)} order by id`, [
      rfiId,
    ]);
    return historyEntries(em, rfiId, rows);
  }

  /** RFIs where the officer still has open assignments, to hand over when their posting ends. */
  /** RFIs with open work of the officer assigned under one posting of theirs. */
  async withOpenWorkUnder(
    em: EntityManager,
    officerId: string,
    postingId: string,
  ): Promise<string[]> {
    const rows = await em.execute<{ rfi_id: string }[]>(
      `select distinct rfi_id from rfi_assignment
       where officer_id = ? and (posting_id = ? or posting_id is null)
         and status in ('PENDING', 'ACKNOWLEDGED')`,
      [officerId, postingId],
    );
    return rows.map((row) => row.rfi_id);
  }

  /**
   * Routed RFIs with an open assignment whose next escalation level is due (level n+1 comes
   * `stepMs[priority]` × n after the due time: domain/assignment-rules.ts escalate), the longest
   * waiting first; `limit` a scan at most. An assignment whose next level is not due yet is not
   * listed, so those waiting cannot be crowded out by ones with nothing to do.
   */
  async overdue(
    em: EntityManager,
    now: Date,
    stepMs: Readonly<Record<Priority, number>>,
    limit = 500,
  ): Promise<string[]> {
    const rows = await em.execute<{ rfi_id: string }[]>(
      `select a.rfi_id from rfi_assignment a join information_request r on r.id = a.rfi_id
       cross join lateral (select a.due_at + a.escalation_level
         * ((?::jsonb ->> r.priority)::bigint * interval '1 millisecond') as next_level_at) next
       where r.status = 'ROUTED' and a.status in ('PENDING', 'ACKNOWLEDGED') and a.paused_since is null
         and a.due_at < ? and a.escalation_level < 3 and next.next_level_at <= ?
       group by a.rfi_id order by min(next.next_level_at) limit ?`,
      [JSON.stringify(stepMs), now, now, limit],
    );
    return rows.map((row) => row.rfi_id);
  }

  /**
   * Routed RFIs with an open, running assignment that has used `share` of its time and is neither
   * reminded nor overdue (domain/due-time.ts isDueSoon, which decides again under the lock), the
   * soonest due first; `limit` a scan at most (a reminded one is not listed again).
   */
  async dueSoon(em: EntityManager, now: Date, share: number, limit = 500): Promise<string[]> {
    const rows = await em.execute<{ rfi_id: string }[]>(
      `select a.rfi_id from rfi_assignment a join information_request r on r.id = a.rfi_id
       where r.status = 'ROUTED' and a.status in ('PENDING', 'ACKNOWLEDGED') and a.paused_since is null
         and a.due_soon_reminded_at is null and a.escalation_level = 0
         and a.due_at >= ? and a.assigned_at + (a.due_at - a.assigned_at) * ?::double precision <= ?
       group by a.rfi_id order by min(a.due_at) limit ?`,
      [now, share, now, limit],
    );
    return rows.map((row) => row.rfi_id);
  }

  recordBodyRead(
    em: EntityManager,
    rfiId: string,
    actor: Actor,
    what: 'question' | 'thread' | 'export',
    now: Date,
  ): Promise<void> {
    return this.appendHistory(em, rfiId, [
      { action: 'BODY_READ', at: now, actor, details: { what } },
    ]);
  }

  private async attachAssignments(
    em: EntityManager,
    rfi: InformationRequest,
  ): Promise<InformationRequest> {
    const assignments = await em.find(
      AssignmentSchema,
      { rfiId: rfi.id },
      { orderBy: { ordinal: 'asc', id: 'asc' } },
    );
    return rfi.restore(assignments);
  }

  private requestStatement(em: EntityManager, withChanges: boolean): PreparedStatement {
    this.requestColumns ??= em
      .getMetadata(InformationRequestSchema.meta.class)
      .props.filter((prop) => prop.persist !== false)
      .flatMap((prop) => prop.fieldNames);
    return requestWithParts(this.requestColumns, withChanges);
  }

  private requestOf(
    em: EntityManager,
    { assignment_rows, change_rows: _changes, ...request }: RequestRow,
  ): InformationRequest {
    const rfi = em.map(InformationRequestSchema, request);
    return rfi.restore(assignment_rows.map((row) => em.map(AssignmentSchema, row)));
  }
}

const HISTORY_TYPES = [
  'uuid',
  'timestamptz',
  'text',
  'uuid',
  'text',
  'text',
  'text',
  'uuid',
  'jsonb',
];

/** The lines of one change, in their order: the chain trigger links them as they come. */
const HISTORY_INSERT: PreparedStatement = {
  name: 'rfi.history-insert',
  text: `insert into rfi_history (rfi_id, at, action, actor_user_id, actor_username, actor_role, actor_party, assignment_id, details)
    ${unnestRows(HISTORY_TYPES)}`,
};

const REFERENCE_TAKEN: PreparedStatement = {
  name: 'rfi.reference-taken',
  text: 'select 1 from information_request where reference = $1',
};

/** information_request's row with its parts, as requestWithParts selects them. */
interface RequestRow extends Record<string, unknown> {
  assignment_rows: Record<string, unknown>[];
  change_rows?: HistoryRow[];
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  DeploymentEventData,
  EventEnvelope,
  KnowledgeExchangeEventData,
  KnowledgeExchangeEvents,
} from '@bp/contracts';
import { NEW_EXCHANGE, exchangeAfter } from '../domain/exchange-record';
import { ReportExchanges } from '../infrastructure/persistence/report-exchanges';
import { onPostAfter } from '../domain/posting-record';
import { ReportPostings } from '../infrastructure/persistence/report-postings';
import { AssignmentRecord, applyFact, newAssignmentRecord } from '../domain/assignment-record';
import { ReportRecords } from '../infrastructure/persistence/report-records';
import { AnyRfiEventData, meaningOf } from './rfi-event-facts';

/**
 * Keeps the reporting model from the events of requests, postings and exchanges, each in the
 * event's transaction with its inbox record: a redelivery changes nothing. One aggregate's events
 * come in order (its id is the key), so each event finds the rows the ones before it left; a
 * posting's or exchange's event older than the one kept (by subjectVersion) changes nothing.
 */
@Injectable()
export class ReportModel {
  constructor(
    private readonly records: ReportRecords,
    private readonly postings: ReportPostings,
    private readonly exchanges: ReportExchanges,
  ) {}

  /** An exchange's whole state, the moment of each stage, the offers a need received. */
  async applyExchangeEvent(
    em: EntityManager,
    event: EventEnvelope<KnowledgeExchangeEventData>,
  ): Promise<void> {
    const { data } = event;
    const version = event.subjectVersion ?? 0;
    const kept = await this.exchanges.find(em, data.exchangeId);
    if (kept && kept.version > version) return;
    await this.exchanges.save(em, {
      exchangeId: data.exchangeId,
      kind: data.kind,
      type: data.type,
      ownerParty: data.ownerParty,
      topics: data.topics ?? [],
      status: data.status,
      version,
      ...exchangeAfter(kept ?? NEW_EXCHANGE, {
        status: data.status,
        at: new Date(event.occurredAt),
        posted: event.type === KnowledgeExchangeEvents.posted.type,
        offerReceived: event.type === KnowledgeExchangeEvents.offerReceived.type,
        rating: data.rating,
      }),
    });
  }

  /** A posting's whole state; an event older than the one kept changes nothing. */
  async applyDeploymentEvent(
    em: EntityManager,
    event: EventEnvelope<DeploymentEventData>,
  ): Promise<void> {
    const { data } = event;
    const version = event.subjectVersion ?? 0;
    const kept = await this.postings.find(em, data.deploymentId);
    if (kept && kept.version > version) return;
    await this.postings.save(em, {
      deploymentId: data.deploymentId,
      officerId: data.officerId,
      sendingParty: data.sendingParty,
      hostParty: data.hostParty,
      status: data.status,
      version,
      ...onPostAfter(kept, data.status, new Date(event.occurredAt)),
    });
  }

  async applyRfiEvent(em: EntityManager, event: EventEnvelope<AnyRfiEventData>): Promise<void> {
    const meaning = meaningOf(event);
    const { data } = event;
    const at = new Date(event.occurredAt);
    const topics = data.topics ?? [];
    if (meaning.submitted)
      await this.records.keepRequest(em, {
        rfiId: data.rfiId,
        reference: data.reference,
        requesterParty: data.requesterParty,
        priority: data.priority,
        topics,
        submittedAt: at,
      });
    // An event that touches no assignment (a submission, a due-soon) needs none read.
    if (!meaning.assigned?.length && !meaning.facts.length && !meaning.closed) return;
    const changed = new Map<string, AssignmentRecord>();
    const existing = new Map(
      (await this.records.assignmentsOf(em, data.rfiId)).map((r) => [r.assignmentId, r]),
    );
    for (const assignment of meaning.assigned ?? []) {
      if (existing.has(assignment.assignmentId)) continue;
      changed.set(
        assignment.assignmentId,
        newAssignmentRecord({
          assignmentId: assignment.assignmentId,
          rfiId: data.rfiId,
          requesterParty: data.requesterParty,
          recipientParty: assignment.recipientParty,
          viaOfficer: assignment.officerId !== null && assignment.officerId !== undefined,
          priority: data.priority,
          topics,
          assignedAt: at,
          dueAt: new Date(assignment.dueAt),
        }),
      );
    }
    const current = (id: string) => changed.get(id) ?? existing.get(id);
    for (const { assignmentId, fact } of meaning.facts) {
      const record = current(assignmentId);
      // An assignment routed before this model existed, its routing no longer on the topic.
      if (record) changed.set(assignmentId, applyFact(record, fact));
    }
    if (meaning.closed) {
      await this.records.closeRequest(em, data.rfiId, at);
      for (const record of existing.values())
        changed.set(
          record.assignmentId,
          applyFact(current(record.assignmentId)!, { kind: 'CLOSED', at }),
        );
    }
    for (const record of changed.values()) await this.records.save(em, record);
  }
}

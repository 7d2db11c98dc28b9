import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  AssignmentEventRef,
  DeploymentEventData,
  EventEnvelope,
  AlertEventData,
  EarlyWarningRaisedData,
  KnowledgeExchangeEventData,
  RfiEventData,
  RfiPossibleLinkData,
} from '@bp/contracts';
import { NotificationDraft } from '../domain/notification-draft';
import { RfiFacts, rfiNotifications } from '../domain/rfi-notifications';
import { deploymentNotifications } from '../domain/deployment-notifications';
import { exchangeNotifications } from '../domain/exchange-notifications';
import { alertNotifications, earlyWarningNotifications } from '../domain/alerting-notifications';
import { NotificationStore } from '../infrastructure/persistence/notification-store';
import { NotificationFanOut } from './notification-fan-out';
import { OfficerPostings } from '../infrastructure/persistence/officer-postings';

/** Any rfi.* event's data: the base, with the assignments or the one assignment it is about. */
export type AnyRfiEventData = RfiEventData & {
  assignments?: AssignmentEventRef[];
  assignment?: AssignmentEventRef;
  escalationLevel?: number;
} & Partial<
    Pick<RfiPossibleLinkData, 'linkId' | 'linkedReference' | 'entityTypes' | 'refusedHere'>
  >;

/**
 * Turns an event into the notifications of those who must act on it (the rules are the domain's)
 * and keeps them, in the transaction of the event's inbox entry.
 */
@Injectable()
export class WhoMustAct {
  constructor(
    private readonly store: NotificationStore,
    private readonly postings: OfficerPostings,
    private readonly fanOut: NotificationFanOut,
  ) {}

  async rfi(em: EntityManager, event: EventEnvelope<AnyRfiEventData>): Promise<number> {
    return this.keep(em, event.id, rfiNotifications(event.type, rfiFacts(event.data)));
  }

  /** Also keeps which posting each officer is on, which decides what its inbox shows. */
  async deployment(em: EntityManager, event: EventEnvelope<DeploymentEventData>): Promise<number> {
    await this.postings.apply(em, event.data, event.subjectVersion ?? 0);
    return this.keep(em, event.id, deploymentNotifications(event.type, event.data));
  }

  exchange(em: EntityManager, event: EventEnvelope<KnowledgeExchangeEventData>): Promise<number> {
    return this.keep(em, event.id, exchangeNotifications(event.type, event.data));
  }

  alert(em: EntityManager, event: EventEnvelope<AlertEventData>): Promise<number> {
    return this.keep(em, event.id, alertNotifications(event.type, event.data));
  }

  earlyWarning(em: EntityManager, event: EventEnvelope<EarlyWarningRaisedData>): Promise<number> {
    return this.keep(em, event.id, earlyWarningNotifications(event.data));
  }

  private async keep(
    em: EntityManager,
    eventId: string,
    drafts: NotificationDraft[],
  ): Promise<number> {
    if (!drafts.length) return 0;
    const stored = await this.store.add(em, eventId, drafts, new Date());
    await this.fanOut.stored(em, stored);
    return stored.length;
  }
}

function rfiFacts(data: AnyRfiEventData): RfiFacts {
  const assignments = data.assignments ?? (data.assignment ? [data.assignment] : []);
  return {
    rfiId: data.rfiId,
    reference: data.reference,
    requesterParty: data.requesterParty,
    priority: data.priority,
    channel: data.channel,
    recipientParties: data.recipientParties,
    assignments: assignments.map((a) => ({
      assignmentId: a.assignmentId,
      recipientParty: a.recipientParty,
      officerId: a.officerId ?? null,
      postingId: a.postingId ?? null,
      dueAt: a.dueAt,
    })),
    escalationLevel: data.escalationLevel,
    ...(data.linkId
      ? {
          link: {
            linkId: data.linkId,
            linkedReference: data.linkedReference!,
            entityTypes: data.entityTypes ?? [],
            refusedHere: data.refusedHere,
          },
        }
      : {}),
  };
}

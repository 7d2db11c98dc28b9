import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  DeploymentEventData,
  DeploymentEvents,
  EventEnvelope,
  KnowledgeExchangeEventData,
  KnowledgeExchangeEvents,
  RfiEvents,
} from '@bp/contracts';
import { OnEvent } from '@bp/messaging';
import { ReportModel } from '../application/report-model';
import { AnyRfiEventData } from '../application/rfi-event-facts';

/**
 * The events of the rfi-, deployment- and knowledge-exchange services, each in one transaction
 * with its inbox entry; invalid ones to the DLQ.
 */
@Injectable()
export class ReportingEventHandlers {
  constructor(private readonly model: ReportModel) {}

  @OnEvent(...Object.values(RfiEvents))
  async onRfiEvent(event: EventEnvelope<AnyRfiEventData>, em: EntityManager): Promise<void> {
    await this.model.applyRfiEvent(em, event);
  }

  @OnEvent(...Object.values(DeploymentEvents))
  async onDeploymentEvent(
    event: EventEnvelope<DeploymentEventData>,
    em: EntityManager,
  ): Promise<void> {
    await this.model.applyDeploymentEvent(em, event);
  }

  @OnEvent(...Object.values(KnowledgeExchangeEvents))
  async onExchangeEvent(
    event: EventEnvelope<KnowledgeExchangeEventData>,
    em: EntityManager,
  ): Promise<void> {
    await this.model.applyExchangeEvent(em, event);
  }
}

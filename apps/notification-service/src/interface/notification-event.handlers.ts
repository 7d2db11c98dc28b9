import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  DeploymentEventData,
  DeploymentEvents,
  EventEnvelope,
  KnowledgeExchangeEventData,
  KnowledgeExchangeEvents,
  AlertEventData,
  EarlyWarningRaisedData,
  ReportingEvents,
  RfiEvents,
} from '@bp/contracts';
import { OnEvent } from '@bp/messaging';
import { AnyRfiEventData, WhoMustAct } from '../application/who-must-act';

/**
 * Every event of the services that tell people something, each in one transaction with its inbox entry: a redelivery,
 * or a second instance of this service, stores nothing twice; an invalid event goes to the DLQ.
 */
@Injectable()
export class NotificationEventHandlers {
  constructor(private readonly whoMustAct: WhoMustAct) {}

  @OnEvent(...Object.values(RfiEvents))
  async onRfiEvent(event: EventEnvelope<AnyRfiEventData>, em: EntityManager): Promise<void> {
    await this.whoMustAct.rfi(em, event);
  }

  @OnEvent(...Object.values(DeploymentEvents))
  async onDeploymentEvent(
    event: EventEnvelope<DeploymentEventData>,
    em: EntityManager,
  ): Promise<void> {
    await this.whoMustAct.deployment(em, event);
  }

  @OnEvent(...Object.values(KnowledgeExchangeEvents))
  async onExchangeEvent(
    event: EventEnvelope<KnowledgeExchangeEventData>,
    em: EntityManager,
  ): Promise<void> {
    await this.whoMustAct.exchange(em, event);
  }

  @OnEvent(ReportingEvents.alertRaised, ReportingEvents.alertAcknowledged)
  async onAlertEvent(event: EventEnvelope<AlertEventData>, em: EntityManager): Promise<void> {
    await this.whoMustAct.alert(em, event);
  }

  @OnEvent(ReportingEvents.earlyWarningRaised)
  async onEarlyWarning(
    event: EventEnvelope<EarlyWarningRaisedData>,
    em: EntityManager,
  ): Promise<void> {
    await this.whoMustAct.earlyWarning(em, event);
  }
}

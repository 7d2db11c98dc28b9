import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, RfiEvents } from '@bp/contracts';
import { OnEvent } from '@bp/messaging';
import { ReportModel } from '../application/report-model';
import { AnyRfiEventData } from '../application/rfi-event-facts';

/** The rfi-service's events, each in one transaction with its inbox entry; invalid ones to the DLQ. */
@Injectable()
export class ReportingEventHandlers {
  constructor(private readonly model: ReportModel) {}

  @OnEvent(...Object.values(RfiEvents))
  async onRfiEvent(event: EventEnvelope<AnyRfiEventData>, em: EntityManager): Promise<void> {
    await this.model.applyRfiEvent(em, event);
  }
}

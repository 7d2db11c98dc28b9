import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentEventData, DeploymentEvents, EventEnvelope } from '@bp/contracts';
import { OnEvent } from '@bp/messaging';
import { Postings } from '../infrastructure/persistence/postings';
import { RequestsForInformation } from '../application/rfi-use-cases';

/** Keeps the projection of postings, and hands over an officer's open work when their posting ends. */
@Injectable()
export class PostingEventHandlers {
  constructor(
    private readonly postings: Postings,
    private readonly rfis: RequestsForInformation,
  ) {}

  @OnEvent(...Object.values(DeploymentEvents))
  async onDeploymentEvent(
    event: EventEnvelope<DeploymentEventData>,
    em: EntityManager,
  ): Promise<void> {
    const applied = await this.postings.apply(em, event.data, event.subjectVersion ?? 0);
    if (applied && (event.data.status === 'ENDED' || event.data.status === 'CANCELLED')) {
      await this.rfis.handOverOfficerWork(em, event.data.officerId, new Date(event.occurredAt));
    }
  }
}

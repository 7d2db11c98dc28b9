import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentEventData, DeploymentEvents, EventEnvelope } from '@bp/contracts';
import { OnEvent } from '@bp/messaging';
import { Postings } from '../infrastructure/persistence/postings';
import { RfiSystemWork } from '../application/rfi-system-work';

/** Keeps the projection of postings, and hands over an officer's open work when their posting ends. */
@Injectable()
export class PostingEventHandlers {
  constructor(
    private readonly postings: Postings,
    private readonly work: RfiSystemWork,
  ) {}

  @OnEvent(...Object.values(DeploymentEvents))
  async onDeploymentEvent(
    event: EventEnvelope<DeploymentEventData>,
    em: EntityManager,
  ): Promise<void> {
    const applied = await this.postings.apply(em, event.data, event.subjectVersion ?? 0);
    if (applied && (event.data.status === 'ENDED' || event.data.status === 'CANCELLED')) {
      const { officerId, deploymentId } = event.data;
      await this.work.handOverOfficerWork(em, officerId, deploymentId, new Date(event.occurredAt));
    }
  }
}

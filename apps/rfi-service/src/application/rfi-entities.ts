import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AddEntitiesCommand, RfiCommands, RfiRef, ValidationFailedError } from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { EntityErrors } from '../domain/rfi-errors';
import {
  EntityInput,
  entityAccess,
  entityMessageNotFound,
  entityValuesOf,
  isMatched,
  shapeFaultsOf,
} from '../domain/entities/entity-rules';
import { RfiEntity } from '../domain/entities/rfi-entity';
import { InformationRequest } from '../domain/information-request';
import { RfiMessage } from '../domain/rfi-message';
import { entitiesAddedBy, entitiesOf } from '../infrastructure/persistence/entity-rows';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { AttachmentRepository } from '../infrastructure/persistence/attachment.repository';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import { RfiCallers, rfiNotFound } from './rfi-callers';
import { entityView } from './entity-views';
import { PossibleLinks } from './possible-links';
import { SimilarRequests } from './similar-requests';

/**
 * Adding and listing the structured entities of an RFI. Each answers 404 unless the caller may
 * see the RFI, and shows an entity exactly as the caller sees what it goes with.
 */
@Injectable()
export class RfiEntities {
  constructor(
    private readonly rfis: RfiRepository,
    private readonly messages: AttachmentRepository,
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly callers: RfiCallers,
    private readonly links: PossibleLinks,
    private readonly similar: SimilarRequests,
  ) {}

  @HandlesCommand(RfiCommands.addEntities)
  async add(input: AddEntitiesCommand, { actor: caller, em }: CommandContext) {
    const inputs = input.entities as EntityInput[];
    const faults = inputs.flatMap((entity, i) => shapeFaultsOf(entity, `entities[${i}]`));
    if (faults.length)
      throw new ValidationFailedError(
        EntityErrors.SHAPE,
        'Entities that do not fit their type',
        faults,
      );
    const onPost = await this.callers.onPost(em, caller);
    let added: RfiEntity[] = [];
    let target: RfiMessage | null = null;
    const rfi = await this.unitOfWork.change(em, {
      id: input.rfiId,
      actor: onPost.actor,
      visible: (found) => this.callers.relationOf(onPost, found) !== null,
      absent: () => rfiNotFound(input.rfiId),
      apply: async (found) => {
        target = input.messageId ? await this.message(em, found.id, input.messageId) : null;
        const held = await entitiesAddedBy(em, found.id, onPost.actor.userId);
        const now = new Date();
        added = found.addEntities(
          onPost.actor,
          this.callers.relationOf(onPost, found)!,
          target,
          inputs.map(entityValuesOf),
          held,
          { now, newId: randomUUID },
        );
        // A message's entities are seen by others at once; a draft's once it is submitted.
        if (target && isMatched(target)) await this.links.match(em, found, added, now);
      },
    });
    const items = added.map((entity) => entityView(entity, rfi, target, 'FULL'));
    if (target) return { items };
    // A draft's entities are matched once it is submitted; its requester is offered now what
    // it may see that names the same.
    const relation = this.callers.relationOf(onPost, rfi)!;
    return {
      items,
      suggestions: await this.similar.of(em, rfi, onPost.actor, relation, new Date()),
    };
  }

  @HandlesCommand(RfiCommands.entities)
  async list({ rfiId }: RfiRef, { actor: caller, em }: CommandContext) {
    const { rfi, onPost, relation } = await this.callers.visible(em, caller, rfiId);
    const targets = await this.targetsOf(em, rfi);
    const items = [];
    for (const entity of await entitiesOf(em, rfi.id)) {
      const target = targets(entity);
      if (target === undefined) continue;
      const access = entityAccess(onPost.actor, relation, rfi, target);
      if (access !== 'HIDDEN') items.push(entityView(entity, rfi, target, access));
    }
    return { items };
  }

  private async message(em: EntityManager, rfiId: string, id: string): Promise<RfiMessage> {
    const message = await this.messages.message(em, rfiId, id);
    if (!message) throw entityMessageNotFound(id);
    return message;
  }

  /** Every entity's message (undefined: not found), from one read of the thread. */
  private async targetsOf(
    em: EntityManager,
    rfi: InformationRequest,
  ): Promise<(entity: RfiEntity) => RfiMessage | null | undefined> {
    const messages = new Map((await this.rfis.messagesOf(em, rfi.id)).map((m) => [m.id, m]));
    return (entity) => (entity.messageId ? messages.get(entity.messageId) : null);
  }
}

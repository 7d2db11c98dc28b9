import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandInput, RfiCommands, RfiRef } from '@bp/contracts';
import { ConflictError, ForbiddenError } from '@bp/domain-kernel';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { Relation } from '../domain/need-to-know';
import { RetentionErrors, RfiErrors } from '../domain/rfi-errors';
import { HoldHolder, RetentionPolicy, retentionOf } from '../domain/retention/retention-policy';
import {
  dropHold,
  holdsOf,
  keepHold,
  namesMinor,
} from '../infrastructure/persistence/retention-rows';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import { InformationRequest } from '../domain/information-request';
import { RfiCallers, rfiNotFound } from './rfi-callers';
import { RfiSettings } from './rfi-settings';

type LegalHoldCommand = CommandInput<typeof RfiCommands.placeLegalHold>;

/**
 * A request's retention as its requester and the secretariat see it, and their legal holds. The
 * deletion itself is the retention pass's (retention-pass.ts).
 */
@Injectable()
export class RfiRetention {
  constructor(
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly callers: RfiCallers,
    private readonly settings: RfiSettings,
  ) {}

  @HandlesCommand(RfiCommands.retention)
  async retention({ rfiId }: RfiRef, { actor: caller, em }: CommandContext) {
    const { rfi, relation } = await this.callers.visible(em, caller, rfiId);
    holderOf(relation);
    return this.view(em, rfi);
  }

  @HandlesCommand(RfiCommands.placeLegalHold)
  placeHold(input: LegalHoldCommand, context: CommandContext) {
    return this.hold(input.rfiId, context, async (em, rfi, holder, actorUserId, now) => {
      const kept = await keepHold(em, {
        rfiId: rfi.id,
        holder,
        reason: input.reason,
        userId: actorUserId,
        at: now,
      });
      if (!kept)
        throw new ConflictError(RetentionErrors.ALREADY_HELD, 'You hold this request already');
      return 'LEGAL_HOLD_PLACED';
    });
  }

  @HandlesCommand(RfiCommands.releaseLegalHold)
  releaseHold({ rfiId }: RfiRef, context: CommandContext) {
    return this.hold(rfiId, context, async (em, rfi, holder) => {
      if (!(await dropHold(em, rfi.id, holder)))
        throw new ConflictError(RetentionErrors.NOT_HELD, 'You hold no legal hold on this request');
      return 'LEGAL_HOLD_RELEASED';
    });
  }

  /** A hold placed or released under the request's row lock, so the pass never races it. */
  private async hold(
    rfiId: string,
    { actor: caller, em }: CommandContext,
    change: (
      em: EntityManager,
      rfi: InformationRequest,
      holder: HoldHolder,
      userId: string,
      now: Date,
    ) => Promise<'LEGAL_HOLD_PLACED' | 'LEGAL_HOLD_RELEASED'>,
  ) {
    const onPost = await this.callers.onPost(em, caller);
    const rfi = await this.unitOfWork.change(em, {
      id: rfiId,
      actor: onPost.actor,
      visible: (found) => this.callers.relationOf(onPost, found) !== null,
      absent: () => rfiNotFound(rfiId),
      apply: async (found) => {
        const holder = holderOf(this.callers.relationOf(onPost, found)!);
        const now = new Date();
        if (found.deletedAt)
          throw new ConflictError(
            RetentionErrors.DELETED,
            'This request was deleted at the end of its retention',
          );
        const action = await change(em, found, holder, onPost.actor.userId, now);
        found.noteLegalHold(action, holder, onPost.actor, now);
      },
    });
    return this.view(em, rfi);
  }

  private view(em: EntityManager, rfi: InformationRequest) {
    return retentionView(em, rfi, this.settings.retention);
  }
}

/** A request's retention as GET /rfis/{id}/retention and the export show it. */
export async function retentionView(
  em: EntityManager,
  rfi: InformationRequest,
  policy: RetentionPolicy,
) {
  const retention = retentionOf(rfi, await namesMinor(em, rfi.id), policy);
  return {
    endsAt: retention?.endsAt.toISOString() ?? null,
    rule: retention?.rule ?? null,
    holds: (await holdsOf(em, rfi.id)).map((hold) => ({
      holder: hold.holder,
      reason: hold.reason,
      placedAt: hold.placedAt.toISOString(),
    })),
    deletedAt: rfi.deletedAt ? new Date(rfi.deletedAt).toISOString() : null,
  };
}

/** The requesting party and the secretariat hold; to anyone else who sees the request: 403. */
function holderOf(relation: Relation): HoldHolder {
  if (relation === 'REQUESTER') return 'REQUESTER';
  if (relation === 'SECRETARIAT') return 'SECRETARIAT';
  throw new ForbiddenError(
    RfiErrors.NOT_REQUESTER_OR_SECRETARIAT,
    "Only the requesting party and the secretariat see and hold a request's retention",
  );
}

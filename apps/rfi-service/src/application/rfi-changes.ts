import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  AssignmentRef,
  CloseRfiCommand,
  CreateRfiCommand,
  DeclineAssignmentCommand,
  InputErrors,
  OptionalReasonCommand,
  PostMessageCommand,
  ReasonCommand,
  RfiCommands,
  RfiRef,
  RouteRfiCommand,
  ValidationFailedError,
} from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { CommandContext, HandlesCommand, Versioned, versioned } from '@bp/messaging';
import { isPartyCode, isTopic } from '@bp/reference';
import {
  InformationRequest,
  OfficerOnPost,
  Recipient,
  RfiEnvironment,
} from '../domain/information-request';
import { RfiMessage } from '../domain/rfi-message';
import { RfiErrors } from '../domain/rfi-errors';
import { Relation, RfiActor } from '../domain/need-to-know';
import { Postings } from '../infrastructure/persistence/postings';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { AttachmentRepository } from '../infrastructure/persistence/attachment.repository';
import { RfiCallers, rfiNotFound } from './rfi-callers';
import { RfiSettings } from './rfi-settings';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import { rfiView } from './rfi-views';
import { PossibleLinks } from './possible-links';
import { entitiesOf } from '../infrastructure/persistence/entity-rows';

/**
 * The use cases that change a request for information. Each goes through the unit of work (load
 * under a row lock, 404 unless the caller may see the RFI, If-Match against the version the caller
 * was shown, the domain rule, then state, history and events in one transaction) and answers the
 * RFI as the caller sees it after the change.
 */
@Injectable()
export class RfiChanges {
  constructor(
    private readonly repository: RfiRepository,
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly callers: RfiCallers,
    private readonly settings: RfiSettings,
    private readonly postings: Postings,
    private readonly attachments: AttachmentRepository,
    private readonly links: PossibleLinks,
  ) {}

  environment(now = new Date()): RfiEnvironment {
    return { now, newId: randomUUID, responseTimes: this.settings.responseTimes };
  }

  @HandlesCommand(RfiCommands.create)
  async create(input: CreateRfiCommand, { actor: caller, em }: CommandContext) {
    const actor = requireActor(caller);
    checkReferenceCodes(input.topics, input.targetParties);
    const env = this.environment();
    const rfi = InformationRequest.draft({
      id: env.newId(),
      reference: await this.repository.nextReference(em, env.now.getUTCFullYear()),
      requester: actor,
      input: { ...input, handlingNote: input.handlingNote ?? null },
      now: env.now,
    });
    if (input.submit) rfi.submit(actor, env, await this.officersOnPostFor(em, rfi));
    const changes = await this.unitOfWork.commit(em, rfi, actor);
    const seen = this.callers.seenInNew(rfi, actor, 'REQUESTER', changes);
    return versioned(rfiView(rfi, actor, 'REQUESTER', env.now, seen), seen.version);
  }

  /** Once submitted, the request's own entities are matched against every other request's. */
  @HandlesCommand(RfiCommands.submit)
  submit({ rfiId }: RfiRef, context: CommandContext) {
    return this.change(rfiId, context, async (rfi, actor, env) => {
      rfi.submit(
        actor,
        env,
        await this.officersOnPostFor(context.em, rfi),
        await this.attachments.attachmentsOf(context.em, rfi.id),
      );
      const own = (await entitiesOf(context.em, rfi.id)).filter((e) => e.messageId === null);
      await this.links.match(context.em, rfi, own, env.now);
    });
  }

  @HandlesCommand(RfiCommands.route)
  async route(input: RouteRfiCommand, context: CommandContext) {
    checkReferenceCodes(
      [],
      input.recipients.map((r) => r.party),
      'recipients',
    );
    const recipients = await this.recipientsOnPost(context.em, input.recipients);
    return this.change(input.rfiId, context, (rfi, actor, env) =>
      rfi.route(actor, recipients, input.note ?? null, env),
    );
  }

  @HandlesCommand(RfiCommands.reject)
  reject(input: ReasonCommand, context: CommandContext) {
    return this.change(input.rfiId, context, (rfi, actor, env) =>
      rfi.reject(actor, input.reason, env.now),
    );
  }

  @HandlesCommand(RfiCommands.withdraw)
  withdraw(input: OptionalReasonCommand, context: CommandContext) {
    return this.change(input.rfiId, context, (rfi, actor, env) =>
      rfi.withdraw(actor, input.reason ?? null, env.now),
    );
  }

  @HandlesCommand(RfiCommands.close)
  close(input: CloseRfiCommand, context: CommandContext) {
    return this.change(input.rfiId, context, (rfi, actor, env) =>
      rfi.close(actor, input.outcome ?? null, env.now),
    );
  }

  @HandlesCommand(RfiCommands.acknowledge)
  acknowledge(input: AssignmentRef, context: CommandContext) {
    return this.change(input.rfiId, context, (rfi, actor, env) =>
      rfi.acknowledge(actor, input.assignmentId, env.now),
    );
  }

  @HandlesCommand(RfiCommands.decline)
  decline(input: DeclineAssignmentCommand, context: CommandContext) {
    return this.change(input.rfiId, context, (rfi, actor, env) =>
      rfi.decline(actor, input.assignmentId, input.reason, env.now),
    );
  }

  /** The message is kept with the RFI by the repository; the answer names it. */
  @HandlesCommand(RfiCommands.postMessage)
  async postMessage(input: PostMessageCommand, context: CommandContext) {
    const { rfiId, ...message } = input;
    let posted: RfiMessage | undefined;
    const { version } = await this.change(rfiId, context, (rfi, actor, env) => {
      posted = rfi.post(actor, message, env);
    });
    const { id, kind, assignmentId, postedAt } = posted!;
    return versioned({ id, rfiId, kind, assignmentId, postedAt: postedAt.toISOString() }, version);
  }

  /**
   * The caller's current posting decides its relation to the RFI; If-Match is compared with the
   * version it was shown (history-visibility.ts), and the answer shows the RFI as the caller's
   * relation after the change lets it see it.
   */
  private async change(
    rfiId: string,
    { actor: caller, em, ifMatch }: CommandContext,
    apply: (rfi: InformationRequest, actor: RfiActor, env: RfiEnvironment) => unknown,
  ): Promise<Versioned> {
    const onPost = await this.callers.onPost(em, caller);
    const { actor } = onPost;
    let before: Relation | undefined;
    let env: RfiEnvironment | undefined;
    const rfi = await this.unitOfWork.change(em, {
      id: rfiId,
      actor,
      visible: (found) => {
        before = this.callers.relationOf(onPost, found) ?? undefined;
        return before !== undefined;
      },
      absent: () => rfiNotFound(rfiId),
      ifMatch,
      shownVersion: async (found) => (await this.callers.seenBy(em, found, actor, before!)).version,
      apply: (found) => apply(found, actor, (env = this.environment())),
    });
    const after = this.callers.relationOf(onPost, rfi) ?? before!;
    const seen = await this.callers.seenBy(em, rfi, actor, after);
    return versioned(rfiView(rfi, actor, after, env!.now, seen), seen.version);
  }

  private async officersOnPostFor(
    em: EntityManager,
    rfi: InformationRequest,
  ): Promise<OfficerOnPost[]> {
    return rfi.channel === 'BILATERAL'
      ? this.postings.officersPosted(em, rfi.requesterParty, rfi.targetParties[0]!)
      : [];
  }

  /**
   * The secretariat may route to an officer only where that officer is actively posted; the
   * assignment then belongs to that posting.
   */
  private async recipientsOnPost(
    em: EntityManager,
    recipients: { party: string; officerId?: string }[],
  ): Promise<Recipient[]> {
    const errors: { field: string; message: string }[] = [];
    const resolved: Recipient[] = [];
    for (const [i, recipient] of recipients.entries()) {
      if (!recipient.officerId) {
        resolved.push({ party: recipient.party, officerId: null, postingId: null });
        continue;
      }
      const posting = await this.postings.activeOf(em, recipient.officerId);
      if (!posting || posting.hostParty !== recipient.party) {
        errors.push({
          field: `recipients[${i}].officerId`,
          message: `not an officer actively posted in ${recipient.party}`,
        });
        continue;
      }
      resolved.push({
        party: recipient.party,
        officerId: recipient.officerId,
        postingId: posting.deploymentId,
      });
    }
    if (errors.length)
      throw new ValidationFailedError(
        RfiErrors.OFFICER_NOT_ON_POST,
        'Officers can only be reached on post',
        errors,
      );
    return resolved;
  }
}

function checkReferenceCodes(
  topics: string[],
  parties: string[],
  partyField = 'targetParties',
): void {
  const errors = [
    ...topics.flatMap((topic, i) =>
      isTopic(topic)
        ? []
        : [{ field: `topics[${i}]`, message: `unknown topic ${topic} (GET /topics)` }],
    ),
    ...parties.flatMap((party, i) =>
      isPartyCode(party)
        ? []
        : [{ field: `${partyField}[${i}]`, message: `unknown party ${party} (GET /parties)` }],
    ),
  ];
  if (errors.length)
    throw new ValidationFailedError(
      InputErrors.UNKNOWN_REFERENCE,
      'Unknown reference codes',
      errors,
    );
}

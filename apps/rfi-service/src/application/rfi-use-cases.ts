import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  CloseRfiCommand,
  CreateRfiCommand,
  DeclineAssignmentCommand,
  ListRfisCommand,
  ForbiddenError,
  InputErrors,
  NotFoundError,
  OptionalReasonCommand,
  PostMessageCommand,
  PreconditionFailedError,
  VersionErrors,
  ReasonCommand,
  RfiCommands,
  RfiPageCommand,
  RfiRef,
  AssignmentRef,
  RouteRfiCommand,
  ValidationFailedError,
} from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { CommandContext, HandlesCommand, Versioned, stageEvents, versioned } from '@bp/messaging';
import { isPartyCode, isTopic } from '@bp/reference';
import {
  InformationRequest,
  OfficerOnPost,
  Recipient,
  RfiEnvironment,
} from '../domain/information-request';
import { RfiMessage } from '../domain/rfi-message';
import { RfiErrors } from '../domain/rfi-errors';
import { PostedPair, Relation, RfiActor, mayCompile, relationTo } from '../domain/need-to-know';
import { Postings } from '../infrastructure/persistence/postings';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { RfiListQuery } from '../infrastructure/persistence/rfi-list.query';
import { integrationEvents } from './rfi-integration-events';
import { RfiSettings } from './rfi-settings';
import { SeenVersion, compilationView, historyEntryView, rfiView, threadView } from './rfi-views';
import { visibleHistory, visibleVersion } from '../domain/history-visibility';
import { historyCursorKeys, visiblePage } from './visible-page';

const SOURCE = 'rfi-service';

/**
 * The use cases of requests for information: each loads the RFI under a row lock, answers 404
 * unless the caller may see it, applies the domain rule, and saves the change with its history
 * and its events in the caller's transaction.
 */
@Injectable()
export class RequestsForInformation {
  constructor(
    private readonly repository: RfiRepository,
    private readonly listing: RfiListQuery,
    private readonly settings: RfiSettings,
    private readonly postings: Postings,
  ) {}

  /** An officer's current posting, from the projection; null for others and for officers not on post. */
  private async postedPairOf(em: EntityManager, actor: Actor): Promise<PostedPair | null> {
    if (actor.role !== 'liaison_officer' || !actor.officerId) return null;
    const posting = await this.postings.activeOf(em, actor.officerId);
    return posting
      ? {
          deploymentId: posting.deploymentId,
          sending: posting.sendingParty,
          host: posting.hostParty,
        }
      : null;
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
    await this.commit(em, rfi, actor);
    const seen = await this.seenBy(em, rfi, actor, 'REQUESTER');
    return versioned(rfiView(rfi, actor, 'REQUESTER', env.now, seen), seen.version);
  }

  @HandlesCommand(RfiCommands.get)
  get({ rfiId }: RfiRef, context: CommandContext) {
    return this.read(rfiId, context, async (rfi, actor, relation, now, seen) => {
      const view = rfiView(rfi, actor, relation, now, seen);
      if (!view.bodyWithheld)
        await this.repository.recordBodyRead(context.em, rfi.id, actor, 'question', now);
      return versioned(view, seen.version);
    });
  }

  @HandlesCommand(RfiCommands.messages)
  messages(query: RfiPageCommand, context: CommandContext) {
    return this.read(query.rfiId, context, async (rfi, actor, relation, now, seen) => {
      const thread = threadView(
        await this.repository.messagesOf(context.em, rfi.id),
        rfi,
        actor,
        relation,
      );
      const page = visiblePage(thread, (message) => message.id, query);
      if (page.items.some((message) => !message.bodyWithheld))
        await this.repository.recordBodyRead(context.em, rfi.id, actor, 'thread', now);
      return versioned(page, seen.version);
    });
  }

  @HandlesCommand(RfiCommands.history)
  history(query: RfiPageCommand, context: CommandContext) {
    return this.read(query.rfiId, context, async (rfi, actor, relation, _now, seen) => {
      const entries = await this.repository.historyOf(context.em, rfi.id, { withReads: true });
      const visible = visibleHistory(actor, relation, rfi, entries);
      const page = visiblePage(visible, historyCursorKeys(visible), query);
      return versioned(
        {
          items: page.items.map((entry) => historyEntryView(entry, actor, relation)),
          nextCursor: page.nextCursor,
        },
        seen.version,
      );
    });
  }

  @HandlesCommand(RfiCommands.compilation)
  compilation(query: RfiPageCommand, context: CommandContext) {
    return this.read(query.rfiId, context, async (rfi, actor, relation, now, seen) => {
      if (!mayCompile(relation))
        throw new ForbiddenError(
          RfiErrors.COMPILATION_FORBIDDEN,
          'The compilation is for the requester and the secretariat',
        );
      const view = compilationView(
        rfi,
        await this.repository.messagesOf(context.em, rfi.id),
        actor,
        relation,
        now,
      );
      const page = visiblePage(view.recipients, (recipient) => recipient.id, query);
      if (page.items.some((r) => r.responses.some((m) => !m.bodyWithheld))) {
        await this.repository.recordBodyRead(context.em, rfi.id, actor, 'thread', now);
      }
      return versioned(
        { ...view, recipients: page.items, nextCursor: page.nextCursor },
        seen.version,
      );
    });
  }

  @HandlesCommand(RfiCommands.similar)
  similar({ rfiId }: RfiRef, context: CommandContext) {
    return this.read(rfiId, context, async (rfi, actor) => ({
      items: await this.listing.similar(context.em, actor, rfi, new Date()),
    }));
  }

  @HandlesCommand(RfiCommands.list)
  list(query: ListRfisCommand, { actor: caller, em }: CommandContext) {
    return this.listing.list(em, requireActor(caller), query, new Date());
  }

  @HandlesCommand(RfiCommands.submit)
  submit({ rfiId }: RfiRef, context: CommandContext) {
    return this.change(rfiId, context, async (rfi, actor, env) =>
      rfi.submit(actor, env, await this.officersOnPostFor(context.em, rfi)),
    );
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

  @HandlesCommand(RfiCommands.postMessage)
  async postMessage(input: PostMessageCommand, context: CommandContext) {
    const { rfiId, ...message } = input;
    let posted: RfiMessage | undefined;
    const { version } = await this.change(rfiId, context, (rfi, actor, env) => {
      posted = rfi.post(actor, message, env);
      this.repository.addMessage(context.em, posted);
    });
    const { id, kind, assignmentId, postedAt } = posted!;
    return versioned({ id, rfiId, kind, assignmentId, postedAt: postedAt.toISOString() }, version);
  }

  /** Marks overdue assignments of one RFI and announces each new escalation level once. */
  async escalate(em: EntityManager, rfiId: string, now: Date): Promise<number> {
    const rfi = await this.repository.lock(em, rfiId);
    if (!rfi) return 0;
    const raised = rfi.escalateOverdue(now, (priority) => this.settings.escalationStep(priority));
    if (raised.length) await this.commit(em, rfi, null);
    return raised.length;
  }

  /** A posting ended: every RFI with open work of that officer hands it over, each in its history. */
  async handOverOfficerWork(em: EntityManager, officerId: string, now: Date): Promise<number> {
    const rows = await em.execute<{ rfi_id: string }[]>(
      `select distinct rfi_id from rfi_assignment where officer_id = ? and status in ('PENDING', 'ACKNOWLEDGED')`,
      [officerId],
    );
    let handed = 0;
    for (const { rfi_id } of rows) {
      const rfi = await this.repository.lock(em, rfi_id);
      if (!rfi) continue;
      handed += rfi.handOverFromOfficer(officerId, now).length;
      await this.commit(em, rfi, null);
    }
    return handed;
  }

  private async change(
    rfiId: string,
    { actor: caller, em, ifMatch }: CommandContext,
    apply: (rfi: InformationRequest, actor: Actor, env: RfiEnvironment) => unknown,
  ): Promise<Versioned> {
    const known = requireActor(caller);
    const posted = await this.postedPairOf(em, known);
    const actor = onPost(known, posted);
    const rfi = await this.repository.lock(em, rfiId);
    const relation = rfi ? relationTo(actor, rfi, posted) : null;
    if (!rfi || !relation)
      throw new NotFoundError(RfiErrors.NOT_FOUND, `No request for information ${rfiId}`);
    if (ifMatch !== undefined) {
      const seen = await this.seenBy(em, rfi, actor, relation);
      if (String(seen.version) !== ifMatch)
        throw new PreconditionFailedError(
          VersionErrors.STALE,
          'This request has changed since you read it',
        );
    }
    const env = this.environment();
    await apply(rfi, actor, env);
    await this.commit(em, rfi, actor);
    const after = relationTo(actor, rfi, posted) ?? relation;
    const seen = await this.seenBy(em, rfi, actor, after);
    return versioned(rfiView(rfi, actor, after, env.now, seen), seen.version);
  }

  /** The RFI's version as this caller sees it (domain/history-visibility.ts). */
  private async seenBy(
    em: EntityManager,
    rfi: InformationRequest,
    actor: Actor,
    relation: Relation,
  ): Promise<SeenVersion> {
    const changes = await this.repository.historyOf(em, rfi.id, { withReads: false });
    return visibleVersion(actor, relation, rfi, changes);
  }

  private async read<T>(
    rfiId: string,
    { actor: caller, em }: CommandContext,
    answer: (
      rfi: InformationRequest,
      actor: Actor,
      relation: Relation,
      now: Date,
      seen: SeenVersion,
    ) => Promise<T>,
  ): Promise<T> {
    const known = requireActor(caller);
    const posted = await this.postedPairOf(em, known);
    const actor = onPost(known, posted);
    const rfi = await this.repository.load(em, rfiId);
    const relation = rfi ? relationTo(actor, rfi, posted) : null;
    if (!rfi || !relation)
      throw new NotFoundError(RfiErrors.NOT_FOUND, `No request for information ${rfiId}`);
    return answer(rfi, actor, relation, new Date(), await this.seenBy(em, rfi, actor, relation));
  }

  private async commit(
    em: EntityManager,
    rfi: InformationRequest,
    actor: Actor | null,
  ): Promise<void> {
    const changes = rfi.pullChanges();
    this.repository.save(em, rfi);
    await this.repository.appendHistory(em, rfi.id, changes);
    await stageEvents(em, integrationEvents(rfi, changes), { source: SOURCE, actor });
  }
}

/** The caller with the posting it is on now, which decides which officer assignments are its own. */
function onPost(actor: Actor, posted: PostedPair | null): RfiActor {
  return { ...actor, postingId: posted?.deploymentId ?? null };
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

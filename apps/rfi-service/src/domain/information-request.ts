import {
  Actor,
  AggregateRoot,
  Channel,
  ConflictError,
  ForbiddenError,
  HandlingCode,
  PreconditionFailedError,
  Priority,
  RfiStatus,
  SecretariatAccess,
  VersionErrors,
} from '@bp/domain-kernel';
import { Assignment } from './assignment';
import { RetentionErrors, RfiErrorCode, RfiErrors } from './rfi-errors';
import { RfiChange } from './rfi-change';
import { MessageInput, applyMessage, composeMessage } from './thread-rules';
import { RfiMessage } from './rfi-message';
import { Relation, RfiActor, isOfficersOwn } from './need-to-know';
import { RfiAttachment } from './rfi-attachment';
import {
  AttachmentLimits,
  AttachmentTarget,
  AttachmentsHeld,
  checkMayAttach,
  checkMayRemove,
  roomFor,
  tooLarge,
} from './attachment-rules';
import {
  assignmentChange,
  bilateralRecipients,
  checkNewRecipients,
  escalate,
  handOver,
  remindDueSoon,
  openAssignments,
  ownAssignment,
  routingChange,
} from './assignment-rules';
import { checkDraft, requireReason } from './request-input-rules';
import { EntityTarget, checkMayAddEntities } from './entities/entity-rules';
import { EntityValues, RfiEntity } from './entities/rfi-entity';
import { HoldHolder, RetentionRule } from './retention/retention-policy';
import { OfficerOnPost, Recipient, RfiDraftInput, RfiEnvironment } from './rfi-inputs';

export type { OfficerOnPost, Recipient, RfiDraftInput, RfiEnvironment } from './rfi-inputs';

const OPEN_STATUSES: readonly RfiStatus[] = ['DRAFT', 'SUBMITTED', 'ROUTED'];

/**
 * A request for information from one party to one (bilateral) or several (multilateral) others,
 * and the rules of its life cycle: DRAFT → SUBMITTED → ROUTED → CLOSED, or WITHDRAWN by the
 * requester, or REJECTED by the secretariat; one assignment per recipient.
 */
export class InformationRequest extends AggregateRoot<RfiChange> {
  id!: string;
  reference!: string;
  requesterParty!: string;
  createdBy!: string;
  title!: string;
  question!: string;
  topics!: string[];
  priority!: Priority;
  channel!: Channel;
  targetParties!: string[];
  handlingCode!: HandlingCode;
  handlingNote!: string | null;
  secretariatAccess!: SecretariatAccess;
  language!: string;
  status!: RfiStatus;
  createdAt!: Date;
  updatedAt!: Date;
  submittedAt!: Date | null;
  routedAt!: Date | null;
  closedAt!: Date | null;
  outcome!: string | null;
  rejectionReason!: string | null;
  withdrawalReason!: string | null;
  /** When its bodies were deleted at the end of its retention: the row is then its tombstone. */
  deletedAt: Date | null = null;

  assignments: Assignment[] = [];

  // Not set when the ORM loads an RFI (it skips constructors): hence the `?? []`.
  private postedMessages?: RfiMessage[];
  private attachmentChanges?: { added: RfiAttachment[]; removed: RfiAttachment[] };
  private addedEntities?: RfiEntity[];

  protected get kindName(): string {
    return 'request for information';
  }

  protected override onRecorded(change: RfiChange): void {
    this.updatedAt = change.at;
  }

  /** `shown`: the version the caller may see (history-visibility.ts); the refusal names none. */
  override assertVersion(ifMatch: string | undefined, shown: number = this.version): void {
    if (ifMatch !== undefined && ifMatch !== String(shown))
      throw new PreconditionFailedError(
        VersionErrors.STALE,
        'This request has changed since you read it',
      );
  }

  static draft(props: {
    id: string;
    reference: string;
    requester: Actor;
    input: RfiDraftInput;
    now: Date;
  }): InformationRequest {
    const { requester, input, now } = props;
    const requesterParty = checkDraft(requester, input);
    // Named fields only: spreading outside input onto the aggregate could replace its methods.
    const rfi = Object.assign(new InformationRequest(), {
      title: input.title.trim(),
      question: input.question,
      priority: input.priority,
      channel: input.channel,
      handlingCode: input.handlingCode,
      handlingNote: input.handlingNote?.trim() || null,
      secretariatAccess: input.secretariatAccess,
      language: input.language,
      topics: [...new Set(input.topics)],
      targetParties: [...new Set(input.targetParties)],
      id: props.id,
      reference: props.reference,
      requesterParty,
      createdBy: requester.userId,
      status: 'DRAFT' as const,
      createdAt: now,
      updatedAt: now,
      submittedAt: null,
      routedAt: null,
      closedAt: null,
      outcome: null,
      rejectionReason: null,
      withdrawalReason: null,
      version: 1,
    });
    rfi.record(
      {
        action: 'CREATED',
        at: now,
        actor: requester,
        details: { channel: input.channel, priority: input.priority },
      },
      false,
    );
    return rfi;
  }

  /** Assignments are stored beside the RFI; the repository hands them back after loading. */
  restore(assignments: Assignment[]): this {
    this.assignments = assignments;
    this.pullChanges();
    return this;
  }

  isRequester(actor: Actor): boolean {
    return actor.role === 'focal_point' && actor.party === this.requesterParty;
  }

  /** The assignments the actor answers for: their party's (focal point) or their own (officer). */
  assignmentsOf(actor: RfiActor): Assignment[] {
    if (actor.role === 'focal_point')
      return this.assignments.filter(
        (a) => a.recipientParty === actor.party && a.officerId === null,
      );
    if (actor.role === 'liaison_officer')
      return this.assignments.filter((a) => isOfficersOwn(a, actor));
    return [];
  }

  /** `officersOnPost`: the requester's officers actively posted in the target, for a bilateral request. */
  /**
   * `draftFiles`: the files the requester put on its draft, announced with the request now that
   * others may see them (a draft's own changes are never announced).
   */
  submit(
    actor: Actor,
    env: RfiEnvironment,
    officersOnPost: readonly OfficerOnPost[] = [],
    draftFiles: readonly RfiAttachment[] = [],
  ): void {
    this.requireRequester(actor, 'submit');
    this.requireStatus(RfiErrors.NOT_SUBMITTABLE, 'submit', 'DRAFT');
    this.status = 'SUBMITTED';
    this.submittedAt = env.now;
    this.record({
      action: 'SUBMITTED',
      at: env.now,
      actor,
      details: {
        channel: this.channel,
        ...(draftFiles.length
          ? { attachments: draftFiles.map((file) => attachmentDetails(file, null)) }
          : {}),
      },
    });
    if (this.channel === 'BILATERAL') {
      this.assign(
        bilateralRecipients(this.targetParties[0]!, officersOnPost),
        actor,
        env,
        'bilateral',
      );
    }
  }

  /** The secretariat picks recipients; called again later to forward to more. */
  route(
    actor: Actor,
    recipients: Recipient[],
    note: string | null,
    env: RfiEnvironment,
  ): Assignment[] {
    if (actor.role !== 'secretariat')
      throw new ForbiddenError(RfiErrors.SECRETARIAT_ONLY, 'Only the secretariat routes requests');
    this.requireStatus(RfiErrors.NOT_ROUTABLE, 'route', 'SUBMITTED', 'ROUTED');
    checkNewRecipients(this, recipients);
    return this.assign(recipients, actor, env, 'secretariat', note);
  }

  reject(actor: Actor, reason: string, now: Date): void {
    if (actor.role !== 'secretariat')
      throw new ForbiddenError(RfiErrors.SECRETARIAT_ONLY, 'Only the secretariat rejects requests');
    this.requireStatus(RfiErrors.NOT_REJECTABLE, 'reject', 'SUBMITTED');
    const text = requireReason(reason);
    this.status = 'REJECTED';
    this.rejectionReason = text;
    this.closedAt = now;
    this.record({ action: 'REJECTED', at: now, actor, details: {} });
  }

  withdraw(actor: Actor, reason: string | null, now: Date): void {
    this.requireRequester(actor, 'withdraw');
    this.requireStatus(RfiErrors.NOT_WITHDRAWABLE, 'withdraw', ...OPEN_STATUSES);
    this.status = 'WITHDRAWN';
    this.withdrawalReason = reason?.trim() || null;
    this.closedAt = now;
    this.record({ action: 'WITHDRAWN', at: now, actor, details: {} });
  }

  close(actor: Actor, outcome: string | null, now: Date): void {
    if (!this.isRequester(actor) && actor.role !== 'secretariat')
      throw new ForbiddenError(
        RfiErrors.NOT_REQUESTER_OR_SECRETARIAT,
        'Only the requester or the secretariat closes a request',
      );
    this.requireStatus(RfiErrors.NOT_CLOSABLE, 'close', 'ROUTED');
    this.status = 'CLOSED';
    this.outcome = outcome?.trim() || null;
    this.closedAt = now;
    this.record({ action: 'CLOSED', at: now, actor, details: {} });
  }

  acknowledge(actor: RfiActor, assignmentId: string, now: Date): Assignment {
    const assignment = this.ownAssignment(actor, assignmentId, 'acknowledge');
    assignment.acknowledge(now);
    this.record(assignmentChange('ACKNOWLEDGED', assignment, actor, now));
    return assignment;
  }

  decline(actor: RfiActor, assignmentId: string, reason: string, now: Date): Assignment {
    const assignment = this.ownAssignment(actor, assignmentId, 'decline');
    assignment.decline(reason, now);
    this.record(assignmentChange('DECLINED', assignment, actor, now));
    return assignment;
  }

  /** Adds to the thread, applying what each kind of message means for the assignments and clocks. */
  post(actor: RfiActor, input: MessageInput, env: RfiEnvironment): RfiMessage {
    this.requireStatus(RfiErrors.NOT_ROUTED, 'post to', 'ROUTED');
    const posted = composeMessage(this, actor, input, env);
    this.record(applyMessage(this.assignments, posted, actor, env.now));
    this.postedMessages = [...(this.postedMessages ?? []), posted.message];
    return posted.message;
  }

  /**
   * A file goes on the request (its draft, by the requester) or with a message (by its author):
   * attachment-rules.ts. `held` is what the RFI carries already, counted under its row lock, so two
   * uploads at once cannot pass the RFI's limits together.
   */
  attach(
    actor: RfiActor,
    relation: Relation,
    attachment: RfiAttachment,
    target: AttachmentTarget,
    limits: AttachmentLimits,
    held: AttachmentsHeld,
  ): void {
    checkMayAttach(actor, relation, this, target);
    const room = roomFor(limits, held);
    if (attachment.size > room) throw tooLarge(limits, room);
    this.record({
      action: 'ATTACHMENT_ADDED',
      at: attachment.uploadedAt,
      actor,
      ...(target?.assignmentId ? { assignmentId: target.assignmentId } : {}),
      details: attachmentDetails(attachment, target),
    });
    this.pendingAttachments().added.push(attachment);
  }

  /** The requester takes a file off its draft; the repository frees its bytes. */
  removeAttachment(
    actor: RfiActor,
    relation: Relation,
    attachment: RfiAttachment,
    now: Date,
  ): void {
    checkMayRemove(relation, this);
    this.record({
      action: 'ATTACHMENT_REMOVED',
      at: now,
      actor,
      details: attachmentDetails(attachment, null),
    });
    this.pendingAttachments().removed.push(attachment);
  }

  /** Files added and removed since the RFI was loaded, for the repository to apply once. */
  pullAttachmentChanges(): { added: RfiAttachment[]; removed: RfiAttachment[] } {
    const changes = this.pendingAttachments();
    this.attachmentChanges = { added: [], removed: [] };
    return changes;
  }

  private pendingAttachments(): { added: RfiAttachment[]; removed: RfiAttachment[] } {
    return (this.attachmentChanges ??= { added: [], removed: [] });
  }

  /**
   * Structured entities on the request (while a draft) or on a message (by its author): one
   * history line names their ids and types, never their values, and goes where what they are
   * attached to goes (a response's line to its own assignment).
   */
  addEntities(
    actor: RfiActor,
    relation: Relation,
    target: EntityTarget,
    values: EntityValues[],
    heldByActor: number,
    env: Pick<RfiEnvironment, 'now' | 'newId'>,
  ): RfiEntity[] {
    checkMayAddEntities(actor, relation, this, target, {
      held: heldByActor,
      adding: values.length,
    });
    const entities = values.map((entityValues) => ({
      id: env.newId(),
      rfiId: this.id,
      messageId: target?.id ?? null,
      values: entityValues,
      addedByUserId: actor.userId,
      addedByParty: actor.party ?? null,
      addedAt: env.now,
    }));
    this.record({
      action: 'ENTITIES_ADDED',
      at: env.now,
      actor,
      ...(target?.assignmentId ? { assignmentId: target.assignmentId } : {}),
      details: {
        messageId: target?.id ?? null,
        messageKind: target?.kind ?? null,
        entities: entities.map(({ id, values: { type } }) => ({ id, type })),
      },
    });
    (this.addedEntities ??= []).push(...entities);
    return entities;
  }

  /**
   * A step of a possible link to another request (entities/possible-links.ts): found, consent
   * asked, given or refused, opened. The line is the requester's and the secretariat's to see.
   */
  noteLink(change: RfiChange): void {
    this.record(change);
  }

  /** A legal hold placed or released: its holder in the line; its reason stays with the hold. */
  noteLegalHold(
    action: 'LEGAL_HOLD_PLACED' | 'LEGAL_HOLD_RELEASED',
    holder: HoldHolder,
    actor: RfiActor,
    now: Date,
  ): void {
    if (this.deletedAt)
      throw new ConflictError(
        RetentionErrors.DELETED,
        'This request was deleted at the end of its retention',
      );
    this.record({ action, at: now, actor, details: { holder } });
  }

  /**
   * The end of its retention (retention/retention-policy.ts): what people wrote goes (question,
   * title, notes, outcome, reasons; the repository deletes messages, entities and files), the
   * tombstone stays: reference, dates, parties, status, and the fact and rule of the deletion.
   */
  eraseForRetention(rule: RetentionRule, now: Date): void {
    if (this.deletedAt) return;
    this.title = '';
    this.question = '';
    this.handlingNote = null;
    this.outcome = null;
    this.rejectionReason = null;
    this.withdrawalReason = null;
    for (const assignment of this.assignments) assignment.declineReason = null;
    this.deletedAt = now;
    this.record({ action: 'RETENTION_DELETED', at: now, actor: null, details: { rule } });
  }

  /** Entities added since the RFI was loaded, for the repository to keep once. */
  pullAddedEntities(): RfiEntity[] {
    const entities = this.addedEntities ?? [];
    this.addedEntities = [];
    return entities;
  }

  /** The messages posted since the RFI was loaded or created, for the repository to keep once. */
  pullPostedMessages(): RfiMessage[] {
    const messages = this.postedMessages ?? [];
    this.postedMessages = [];
    return messages;
  }

  /** An officer's posting ended: their open work passes to focal points (assignment-rules.ts). */
  handOverFromOfficer(officerId: string, postingId: string, now: Date): Assignment[] {
    return handOver(this, officerId, postingId, now, (change) => this.record(change));
  }

  /** Reminds holders of assignments that have used `share` of their time; returns those reminded. */
  remindDueSoon(now: Date, share: number): Assignment[] {
    if (this.status !== 'ROUTED') return [];
    return remindDueSoon(this, now, share, (change) => this.record(change));
  }

  /** Marks assignments past their escalation step; returns those whose level rose. */
  escalateOverdue(now: Date, stepMs: (priority: Priority) => number): Assignment[] {
    if (this.status !== 'ROUTED') return [];
    return escalate(this, now, stepMs, (change) => this.record(change));
  }

  private assign(
    recipients: Recipient[],
    actor: Actor,
    env: RfiEnvironment,
    by: string,
    note: string | null = null,
  ): Assignment[] {
    const created = openAssignments(this, recipients, env);
    this.assignments.push(...created);
    this.status = 'ROUTED';
    this.routedAt ??= env.now;
    this.record(routingChange(created, { by, note, actor, now: env.now }));
    return created;
  }

  private ownAssignment(actor: RfiActor, assignmentId: string, verb: string): Assignment {
    this.requireStatus(RfiErrors.NOT_ROUTED, verb, 'ROUTED');
    return ownAssignment(this, actor, assignmentId, verb);
  }

  private requireRequester(actor: Actor, verb: string): void {
    if (!this.isRequester(actor))
      throw new ForbiddenError(
        RfiErrors.NOT_REQUESTER,
        `Only the requesting party may ${verb} this request`,
      );
  }

  private requireStatus(code: RfiErrorCode, verb: string, ...allowed: RfiStatus[]): void {
    if (!allowed.includes(this.status))
      throw new ConflictError(code, `Cannot ${verb} a request that is ${this.status}`);
  }
}

/**
 * What the history and the event say of a file: ids, type and size, never its name (names say
 * what a file is about) nor its bytes; the message's kind decides who sees the line.
 */
export function attachmentDetails(
  attachment: RfiAttachment,
  target: AttachmentTarget,
): Record<string, unknown> {
  return {
    attachmentId: attachment.id,
    messageId: attachment.messageId,
    messageKind: target?.kind ?? null,
    contentType: attachment.contentType,
    size: attachment.size,
    handlingCode: attachment.handlingCode,
  };
}

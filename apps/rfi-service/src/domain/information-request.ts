import {
  Actor,
  Channel,
  ConflictError,
  ForbiddenError,
  HandlingCode,
  NotFoundError,
  Priority,
  RfiStatus,
  SecretariatAccess,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { AggregateRoot } from '@bp/domain-kernel';
import { Assignment } from './assignment';
import { AssignmentErrors, RfiErrorCode, RfiErrors } from './rfi-errors';
import { ResponseTimes } from './due-time';
import { RfiChange } from './rfi-change';
import { MessageInput, composeMessage } from './thread-rules';
import { RfiMessage } from './rfi-message';
import { RfiActor, isOfficersOwn } from './need-to-know';

export interface RfiDraftInput {
  title: string;
  question: string;
  topics: string[];
  priority: Priority;
  channel: Channel;
  targetParties: string[];
  handlingCode: HandlingCode;
  handlingNote: string | null;
  secretariatAccess: SecretariatAccess;
  language: string;
}

export interface Recipient {
  party: string;
  officerId: string | null;
  /** For an officer: the posting they are reached on. */
  postingId?: string | null;
}

export interface OfficerOnPost {
  officerId: string;
  postingId: string;
}

/** New ids and the clock come from outside, so the rules stay deterministic under test. */
export interface RfiEnvironment {
  now: Date;
  newId: () => string;
  responseTimes: ResponseTimes;
}

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

  assignments: Assignment[] = [];

  protected get kindName(): string {
    return 'request for information';
  }

  protected override onRecorded(change: RfiChange): void {
    this.updatedAt = change.at;
  }

  static draft(props: {
    id: string;
    reference: string;
    requester: Actor;
    input: RfiDraftInput;
    now: Date;
  }): InformationRequest {
    const { requester, input, now } = props;
    if (requester.role !== 'focal_point' || !requester.party)
      throw new ForbiddenError(
        RfiErrors.FOCAL_POINT_ONLY,
        'Only a focal point files requests for information',
      );
    validateTargets(requester.party, input.channel, input.targetParties);
    if (input.handlingCode === 'H3' && !input.handlingNote?.trim()) {
      throw new ValidationFailedError(
        RfiErrors.HANDLING_NOTE_REQUIRED,
        'H3 states its restriction',
        [{ field: 'handlingNote', message: 'required with handling code H3' }],
      );
    }
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
      requesterParty: requester.party,
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
  submit(actor: Actor, env: RfiEnvironment, officersOnPost: readonly OfficerOnPost[] = []): void {
    this.requireRequester(actor, 'submit');
    this.requireStatus(RfiErrors.NOT_SUBMITTABLE, 'submit', 'DRAFT');
    this.status = 'SUBMITTED';
    this.submittedAt = env.now;
    this.record({ action: 'SUBMITTED', at: env.now, actor, details: { channel: this.channel } });
    if (this.channel === 'BILATERAL') {
      // Routed at once to the target's focal point: nobody needs to triage a one-to-one request.
      const target = this.targetParties[0]!;
      this.assign(
        [
          { party: target, officerId: null, postingId: null },
          ...officersOnPost.map(({ officerId, postingId }) => ({
            party: target,
            officerId,
            postingId,
          })),
        ],
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
    if (!recipients.length)
      throw new ValidationFailedError(RfiErrors.RECIPIENT_REQUIRED, 'Name at least one recipient', [
        { field: 'recipients', message: 'must not be empty' },
      ]);
    for (const [i, recipient] of recipients.entries()) {
      if (recipient.party === this.requesterParty && recipient.officerId === null) {
        throw new ValidationFailedError(
          RfiErrors.RECIPIENT_IS_REQUESTER,
          'The requester cannot be a recipient',
          [{ field: `recipients[${i}].party`, message: 'is the requesting party' }],
        );
      }
      if (
        this.assignments.some(
          (a) => a.recipientParty === recipient.party && a.officerId === recipient.officerId,
        )
      ) {
        throw new ConflictError(
          AssignmentErrors.ALREADY_ASSIGNED,
          `${recipient.officerId ? `Officer ${recipient.officerId}` : recipient.party} already has this request`,
        );
      }
    }
    const keys = recipients.map((r) => `${r.party}/${r.officerId ?? ''}`);
    if (new Set(keys).size !== keys.length)
      throw new ValidationFailedError(RfiErrors.RECIPIENT_REPEATED, 'A recipient is named twice', [
        { field: 'recipients', message: 'must be unique' },
      ]);
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
    this.record({
      action: 'ACKNOWLEDGED',
      at: now,
      actor,
      assignmentId,
      details: { recipientParty: assignment.recipientParty },
    });
    return assignment;
  }

  decline(actor: RfiActor, assignmentId: string, reason: string, now: Date): Assignment {
    const assignment = this.ownAssignment(actor, assignmentId, 'decline');
    assignment.decline(reason, now);
    this.record({
      action: 'DECLINED',
      at: now,
      actor,
      assignmentId,
      details: { recipientParty: assignment.recipientParty },
    });
    return assignment;
  }

  /** Adds to the thread, applying what each kind of message means for the assignments and clocks. */
  post(actor: RfiActor, input: MessageInput, env: RfiEnvironment): RfiMessage {
    this.requireStatus(RfiErrors.NOT_ROUTED, 'post to', 'ROUTED');
    const { message, effect } = composeMessage(this, actor, input, env);
    const assignment = message.assignmentId
      ? this.assignments.find((a) => a.id === message.assignmentId)
      : undefined;
    const assignmentId = assignment?.id;
    switch (effect) {
      case 'RESPONDED':
        assignment!.respond(env.now);
        this.record({
          action: 'RESPONDED',
          at: env.now,
          actor,
          assignmentId,
          details: { messageId: message.id, recipientParty: assignment!.recipientParty },
        });
        break;
      case 'CLARIFICATION_REQUESTED':
        assignment!.awaitClarification(env.now);
        this.record({
          action: 'CLARIFICATION_REQUESTED',
          at: env.now,
          actor,
          assignmentId,
          details: { messageId: message.id, recipientParty: assignment!.recipientParty },
        });
        break;
      case 'CLARIFIED':
        for (const target of assignment ? [assignment] : this.assignments)
          target.clarificationReceived(env.now);
        this.record({
          action: 'CLARIFIED',
          at: env.now,
          actor,
          assignmentId,
          details: { messageId: message.id },
        });
        break;
      case 'NOTE_ADDED':
        this.record({
          action: 'NOTE_ADDED',
          at: env.now,
          actor,
          details: { messageId: message.id },
        });
        break;
    }
    return message;
  }

  /**
   * An officer's posting ended: nothing may stay assigned to them. Each open assignment passes to the
   * focal point of the party it addresses, or, where that focal point already has one, is closed
   * with a handover note.
   */
  handOverFromOfficer(officerId: string, now: Date): Assignment[] {
    const handed: Assignment[] = [];
    for (const assignment of this.assignments.filter(
      (a) => a.officerId === officerId && a.isOpen,
    )) {
      const party = assignment.recipientParty;
      const note = `The officer's posting ended; handed over to the focal point of ${party}`;
      if (this.assignments.some((a) => a.recipientParty === party && a.officerId === null)) {
        assignment.decline(note, now);
      } else {
        assignment.officerId = null;
        assignment.postingId = null;
      }
      handed.push(assignment);
      this.record({
        action: 'HANDED_OVER',
        at: now,
        actor: null,
        assignmentId: assignment.id,
        details: { officerId, toParty: party, note },
      });
    }
    return handed;
  }

  /** Marks assignments past their escalation step; returns those whose level rose. */
  escalateOverdue(now: Date, stepMs: (priority: Priority) => number): Assignment[] {
    if (this.status !== 'ROUTED') return [];
    const raised: Assignment[] = [];
    for (const assignment of this.assignments) {
      if (!assignment.isOverdue(now) || assignment.escalationLevel >= 3) continue;
      const late = now.getTime() - assignment.dueAt.getTime();
      const level = Math.min(3, 1 + Math.floor(late / stepMs(this.priority)));
      if (level <= assignment.escalationLevel) continue;
      assignment.escalationLevel = level;
      raised.push(assignment);
      this.record({
        action: 'OVERDUE',
        at: now,
        actor: null,
        assignmentId: assignment.id,
        details: { escalationLevel: level, recipientParty: assignment.recipientParty },
      });
    }
    return raised;
  }

  private assign(
    recipients: Recipient[],
    actor: Actor,
    env: RfiEnvironment,
    by: string,
    note: string | null = null,
  ): Assignment[] {
    const created = recipients.map((recipient, i) =>
      Assignment.open({
        id: env.newId(),
        rfiId: this.id,
        recipientParty: recipient.party,
        officerId: recipient.officerId,
        postingId: recipient.postingId ?? null,
        ordinal: this.assignments.length + i,
        priority: this.priority,
        now: env.now,
        responseTimes: env.responseTimes,
      }),
    );
    this.assignments.push(...created);
    this.status = 'ROUTED';
    this.routedAt ??= env.now;
    this.record({
      action: 'ROUTED',
      at: env.now,
      actor,
      details: {
        by,
        note,
        recipients: created.map((a) => ({
          assignmentId: a.id,
          party: a.recipientParty,
          officerId: a.officerId,
          dueAt: a.dueAt.toISOString(),
        })),
      },
    });
    return created;
  }

  private ownAssignment(actor: RfiActor, assignmentId: string, verb: string): Assignment {
    this.requireStatus(RfiErrors.NOT_ROUTED, verb, 'ROUTED');
    const assignment = this.assignmentsOf(actor).find((a) => a.id === assignmentId);
    if (!assignment) {
      // Those who see every assignment (requester, secretariat) may not act on it: 403. For anyone
      // else another recipient's assignment does not exist: 404, as for an id that never did.
      const seesAll = this.isRequester(actor) || actor.role === 'secretariat';
      if (seesAll && this.assignments.some((a) => a.id === assignmentId))
        throw new ForbiddenError(
          AssignmentErrors.NOT_RECIPIENT,
          `Only the recipient may ${verb} this assignment`,
        );
      throw new NotFoundError(
        AssignmentErrors.NOT_FOUND,
        `No assignment ${assignmentId} on this request`,
      );
    }
    return assignment;
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

function validateTargets(requester: string, channel: Channel, targets: string[]): void {
  if (new Set(targets).size !== targets.length)
    throw new ValidationFailedError(RfiErrors.TARGET_REPEATED, 'A target party is named twice', [
      { field: 'targetParties', message: 'must be unique' },
    ]);
  if (targets.includes(requester))
    throw new ValidationFailedError(RfiErrors.TARGET_IS_REQUESTER, 'A party cannot ask itself', [
      { field: 'targetParties', message: 'contains the requesting party' },
    ]);
  if (channel === 'BILATERAL' && targets.length !== 1) {
    throw new ValidationFailedError(
      RfiErrors.BILATERAL_TARGET_COUNT,
      'A bilateral request goes to exactly one party',
      [{ field: 'targetParties', message: 'must name exactly one party' }],
    );
  }
}

function requireReason(reason: string): string {
  const text = reason?.trim();
  if (!text)
    throw new ValidationFailedError(RfiErrors.REASON_REQUIRED, 'A refusal needs a reason', [
      { field: 'reason', message: 'must not be empty' },
    ]);
  return text;
}

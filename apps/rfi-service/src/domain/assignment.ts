import {
  AssignmentStatus,
  ConflictError,
  Priority,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { AssignmentErrors } from './rfi-errors';
import {
  PausableClock,
  ResponseTimes,
  dueAt,
  isDueSoon,
  isPastDue,
  pause,
  resume,
} from './due-time';

/** One recipient's part of an RFI: a party's focal point, or (with an officer id) an officer on post. */
export class Assignment {
  id!: string;
  rfiId!: string;
  recipientParty!: string;
  officerId!: string | null;
  /** The officer's posting this assignment was made under; it ends with that posting. */
  postingId!: string | null;
  /** Order of assignment within the RFI: recipients listed as they were routed. */
  ordinal!: number;
  status!: AssignmentStatus;
  assignedAt!: Date;
  dueAt!: Date;
  /** Set while the requester owes a clarification: the clock stands still. */
  pausedSince!: Date | null;
  acknowledgedAt!: Date | null;
  respondedAt!: Date | null;
  declinedAt!: Date | null;
  declineReason!: string | null;
  /** 0 while on time; 1 recipient, 2 its focal point, 3 the secretariat have been told it is overdue. */
  escalationLevel!: number;
  /** When its holder was reminded that it falls due soon; a reminder is sent once, if ever. */
  dueSoonRemindedAt!: Date | null;

  static open(props: {
    id: string;
    rfiId: string;
    recipientParty: string;
    officerId: string | null;
    postingId: string | null;
    ordinal: number;
    priority: Priority;
    now: Date;
    responseTimes: ResponseTimes;
  }): Assignment {
    return Object.assign(new Assignment(), {
      id: props.id,
      rfiId: props.rfiId,
      recipientParty: props.recipientParty,
      officerId: props.officerId,
      postingId: props.officerId === null ? null : props.postingId,
      ordinal: props.ordinal,
      status: 'PENDING' as const,
      assignedAt: props.now,
      dueAt: dueAt(props.now, props.priority, props.responseTimes),
      pausedSince: null,
      acknowledgedAt: null,
      respondedAt: null,
      declinedAt: null,
      declineReason: null,
      escalationLevel: 0,
      dueSoonRemindedAt: null,
    });
  }

  get isOpen(): boolean {
    return this.status === 'PENDING' || this.status === 'ACKNOWLEDGED';
  }

  isOverdue(now: Date): boolean {
    return this.isOpen && isPastDue(this.clock, now);
  }

  /**
   * Marks the reminder sent when the assignment is open, has used `share` of its time and was
   * never reminded nor overdue; answers whether it was marked now. One that was already overdue
   * when first seen (a late scan, a service that was down) is not reminded: the ladder tells its
   * holder instead. A handover keeps the mark: the new holder is told by the handover itself.
   */
  remindDueSoon(now: Date, share: number): boolean {
    if (!this.isOpen || this.dueSoonRemindedAt !== null || this.escalationLevel > 0) return false;
    if (!isDueSoon(this.assignedAt, this.clock, share, now)) return false;
    this.dueSoonRemindedAt = now;
    return true;
  }

  acknowledge(now: Date): void {
    if (this.status !== 'PENDING')
      throw new ConflictError(
        this.refusalCode(AssignmentErrors.NOT_PENDING),
        `Assignment is ${this.status}, not PENDING`,
      );
    this.status = 'ACKNOWLEDGED';
    this.acknowledgedAt = now;
  }

  decline(reason: string, now: Date): void {
    if (!reason.trim())
      throw new ValidationFailedError(
        AssignmentErrors.REASON_REQUIRED,
        'A refusal needs a reason',
        [{ field: 'reason', message: 'must not be empty' }],
      );
    if (!this.isOpen)
      throw new ConflictError(
        this.refusalCode(AssignmentErrors.NOT_OPEN),
        `Assignment is ${this.status}; only an open one can be declined`,
      );
    this.status = 'DECLINED';
    this.declinedAt = now;
    this.declineReason = reason.trim();
    this.setClock(resume(this.clock, now));
  }

  /** A response also acknowledges; later responses add to the first. */
  respond(now: Date): boolean {
    if (this.status === 'DECLINED')
      throw new ConflictError(
        AssignmentErrors.ALREADY_DECLINED,
        'A declined assignment takes no response',
      );
    const first = this.status !== 'RESPONDED';
    if (first) {
      this.acknowledgedAt ??= now;
      this.status = 'RESPONDED';
      this.respondedAt = now;
      this.setClock(resume(this.clock, now));
    }
    return first;
  }

  awaitClarification(now: Date): void {
    if (!this.isOpen)
      throw new ConflictError(
        this.refusalCode(AssignmentErrors.NOT_OPEN),
        `Assignment is ${this.status}; no clarification can be asked`,
      );
    this.setClock(pause(this.clock, now));
  }

  /** A declined assignment says so, whatever was asked of it; otherwise `code` says what was wrong. */
  private refusalCode<C extends string>(code: C): C | typeof AssignmentErrors.ALREADY_DECLINED {
    return this.status === 'DECLINED' ? AssignmentErrors.ALREADY_DECLINED : code;
  }

  clarificationReceived(now: Date): void {
    this.setClock(resume(this.clock, now));
  }

  private get clock(): PausableClock {
    return { dueAt: this.dueAt, pausedSince: this.pausedSince };
  }

  private setClock(clock: PausableClock): void {
    this.dueAt = clock.dueAt;
    this.pausedSince = clock.pausedSince;
  }
}

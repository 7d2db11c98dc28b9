import {
  Actor,
  AggregateRoot,
  ConflictError,
  DeploymentStatus,
  EndReason,
  ForbiddenError,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { CalendarDate, assertCalendarDate, today } from './calendar-date';
import { DeploymentChange } from './deployment-change';
import { Officer } from './officer';
import { DeploymentErrorCode, DeploymentErrors } from './deployment-errors';
import { Extension, pendingExtension, requestedExtension, withDecision } from './extension';
import { PostingPeriod, assertNoOverlap } from './posting-period';

/**
 * An officer's posting from the sending party into a host party: PROPOSED by the sending focal point
 * or the secretariat; APPROVED or REFUSED by the host's focal point; ACTIVE from its start date;
 * ENDED at its end date or on recall; CANCELLED before it starts. Extensions move the end date
 * once the host approves them.
 */
export class Deployment extends AggregateRoot<DeploymentChange> {
  id!: string;
  officerId!: string;
  sendingParty!: string;
  hostParty!: string;
  postingCity!: string;
  mandateTopics!: string[];
  startDate!: CalendarDate;
  endDate!: CalendarDate;
  note!: string | null;
  status!: DeploymentStatus;
  proposedBy!: string;
  proposedAt!: Date;
  decidedAt!: Date | null;
  refusalReason!: string | null;
  activatedAt!: Date | null;
  endedAt!: Date | null;
  endReason!: EndReason | null;
  recallReason!: string | null;
  cancelledAt!: Date | null;
  cancelReason!: string | null;
  extensions!: Extension[];

  protected get kindName(): string {
    return 'deployment';
  }

  static propose(props: {
    id: string;
    officer: Officer;
    by: Actor;
    now: Date;
    hostParty: string;
    postingCity: string;
    mandateTopics: string[];
    startDate: CalendarDate;
    endDate: CalendarDate;
    note?: string | null;
    otherPostingsOfOfficer: readonly PostingPeriod[];
  }): Deployment {
    const { officer, by, now } = props;
    if (!isSenderSide(by, officer.sendingParty)) {
      throw new ForbiddenError(
        DeploymentErrors.NOT_SENDING_SIDE,
        "Only the sending party's focal point or the secretariat proposes a posting",
      );
    }
    assertCalendarDate('startDate', props.startDate);
    assertCalendarDate('endDate', props.endDate);
    const errors: { field: string; message: string }[] = [];
    if (props.hostParty === officer.sendingParty)
      errors.push({ field: 'hostParty', message: 'an officer is posted abroad, not at home' });
    if (props.endDate <= props.startDate)
      errors.push({ field: 'endDate', message: 'must be after startDate' });
    if (props.startDate < today(now))
      errors.push({ field: 'startDate', message: 'must not be in the past' });
    if (errors.length)
      throw new ValidationFailedError(DeploymentErrors.INVALID, 'The posting is not valid', errors);
    assertNoOverlap(
      props.otherPostingsOfOfficer,
      { startDate: props.startDate, endDate: props.endDate },
      props.id,
    );
    const deployment = Object.assign(new Deployment(), {
      id: props.id,
      officerId: officer.id,
      sendingParty: officer.sendingParty,
      hostParty: props.hostParty,
      postingCity: props.postingCity.trim(),
      mandateTopics: [...new Set(props.mandateTopics)],
      startDate: props.startDate,
      endDate: props.endDate,
      note: props.note?.trim() || null,
      status: 'PROPOSED' as const,
      proposedBy: by.userId,
      proposedAt: now,
      decidedAt: null,
      refusalReason: null,
      activatedAt: null,
      endedAt: null,
      endReason: null,
      recallReason: null,
      cancelledAt: null,
      cancelReason: null,
      extensions: [],
      version: 1,
    });
    deployment.record({ action: 'PROPOSED', at: now, actor: by, details: {} }, false);
    return deployment;
  }

  /** The host approves; a posting whose start date has come is active at once. */
  approve(by: Actor, now: Date): void {
    this.requireHost(by, 'approve');
    this.requireStatus(DeploymentErrors.NOT_PROPOSED, 'approve', 'PROPOSED');
    this.status = 'APPROVED';
    this.decidedAt = now;
    this.record({ action: 'APPROVED', at: now, actor: by, details: {} });
    this.activateIfDue(now);
  }

  refuse(by: Actor, reason: string, now: Date): void {
    this.requireHost(by, 'refuse');
    this.requireStatus(DeploymentErrors.NOT_PROPOSED, 'refuse', 'PROPOSED');
    this.status = 'REFUSED';
    this.decidedAt = now;
    this.refusalReason = requireReason(reason);
    this.record({ action: 'REFUSED', at: now, actor: by, details: {} });
  }

  cancel(by: Actor, reason: string | null, now: Date): void {
    this.requireSender(by, 'cancel');
    this.requireStatus(DeploymentErrors.NOT_CANCELLABLE, 'cancel', 'PROPOSED', 'APPROVED');
    this.status = 'CANCELLED';
    this.cancelledAt = now;
    this.cancelReason = reason?.trim() || null;
    this.record({ action: 'CANCELLED', at: now, actor: by, details: {} });
  }

  recall(by: Actor, reason: string, now: Date): void {
    this.requireSender(by, 'recall');
    this.requireStatus(DeploymentErrors.NOT_ACTIVE, 'recall', 'ACTIVE');
    this.recallReason = requireReason(reason);
    this.end('RECALLED', now, by);
  }

  requestExtension(
    by: Actor,
    extensionId: string,
    requestedEndDate: CalendarDate,
    otherPostings: readonly PostingPeriod[],
    now: Date,
  ): Extension {
    this.requireSender(by, 'extend');
    this.requireStatus(DeploymentErrors.NOT_EXTENDABLE, 'extend', 'APPROVED', 'ACTIVE');
    const extension = requestedExtension(
      this.extensions,
      this.endDate,
      extensionId,
      requestedEndDate,
      now,
    );
    assertNoOverlap(
      otherPostings,
      { startDate: this.startDate, endDate: requestedEndDate },
      this.id,
    );
    this.extensions = [...this.extensions, extension];
    this.record({
      action: 'EXTENSION_REQUESTED',
      at: now,
      actor: by,
      details: { extensionId, requestedEndDate },
    });
    return extension;
  }

  decideExtension(by: Actor, extensionId: string, approve: boolean, now: Date): void {
    this.requireHost(by, approve ? 'approve an extension of' : 'refuse an extension of');
    const extension = pendingExtension(this.extensions, extensionId);
    this.requireStatus(DeploymentErrors.NOT_EXTENDABLE, 'extend', 'APPROVED', 'ACTIVE');
    this.extensions = withDecision(this.extensions, extensionId, approve, now);
    if (approve) {
      const previousEndDate = this.endDate;
      this.endDate = extension.requestedEndDate;
      this.record({
        action: 'EXTENDED',
        at: now,
        actor: by,
        details: { extensionId, previousEndDate, endDate: this.endDate },
      });
    } else {
      this.record({ action: 'EXTENSION_REFUSED', at: now, actor: by, details: { extensionId } });
    }
  }

  /** The calendar's part: approved postings start on their start date, active ones end after their end date. */
  advanceCalendar(now: Date): void {
    this.activateIfDue(now);
    if (this.status === 'ACTIVE' && today(now) > this.endDate) this.end('END_DATE', now, null);
  }

  isActiveOn(date: CalendarDate): boolean {
    return this.status === 'ACTIVE' && this.startDate <= date && date <= this.endDate;
  }

  private activateIfDue(now: Date): void {
    if (this.status === 'APPROVED' && this.startDate <= today(now)) {
      this.status = 'ACTIVE';
      this.activatedAt = now;
      this.record({ action: 'ACTIVATED', at: now, actor: null, details: {} });
    }
  }

  private end(reason: EndReason, now: Date, by: Actor | null): void {
    this.status = 'ENDED';
    this.endedAt = now;
    this.endReason = reason;
    this.record({ action: 'ENDED', at: now, actor: by, details: { endReason: reason } });
  }

  private requireHost(by: Actor, verb: string): void {
    if (!(by.role === 'focal_point' && by.party === this.hostParty)) {
      throw new ForbiddenError(
        DeploymentErrors.NOT_HOST,
        `Only the host party's focal point may ${verb} a posting`,
      );
    }
  }

  private requireSender(by: Actor, verb: string): void {
    if (!isSenderSide(by, this.sendingParty))
      throw new ForbiddenError(
        DeploymentErrors.NOT_SENDING_SIDE,
        `Only the sending party's focal point or the secretariat may ${verb} a posting`,
      );
  }

  private requireStatus(
    code: DeploymentErrorCode,
    verb: string,
    ...allowed: DeploymentStatus[]
  ): void {
    if (!allowed.includes(this.status))
      throw new ConflictError(code, `Cannot ${verb} a posting that is ${this.status}`);
  }
}

function isSenderSide(by: Actor, sendingParty: string): boolean {
  return by.role === 'secretariat' || (by.role === 'focal_point' && by.party === sendingParty);
}

function requireReason(reason: string): string {
  const text = reason?.trim();
  if (!text)
    throw new ValidationFailedError(
      DeploymentErrors.REASON_REQUIRED,
      'A refusal or recall needs a reason',
      [{ field: 'reason', message: 'must not be empty' }],
    );
  return text;
}

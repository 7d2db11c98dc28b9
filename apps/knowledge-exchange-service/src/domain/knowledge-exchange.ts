import {
  Actor,
  ConflictError,
  ExchangeFormat,
  ExchangeKind,
  ExchangeStatus,
  ExchangeType,
  ForbiddenError,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { AggregateRoot } from '@bp/domain-kernel';
import { ExchangeChange } from './exchange-change';
import { ExchangeErrorCode, ExchangeErrors } from './exchange-errors';
import { assertPeriod } from './exchange-period';
import { Offer, OfferProposal, acceptOffer, assertStandingOfferFits, proposeOffer } from './offer';
import { Outcome, outcomeOf } from './outcome';
import { Schedule, scheduleOf } from './schedule';

export interface ExchangeInput {
  kind: ExchangeKind;
  type: ExchangeType;
  topics: string[];
  title: string;
  description: string;
  format: ExchangeFormat;
  preferredFrom: string | null;
  preferredTo: string | null;
}

/**
 * A party's NEED (a study visit it would like, an expert it lacks) or standing OFFER (a visit it can
 * host, a case study it can present). A need goes OPEN → MATCHED (with an offer on it, or with a
 * standing offer) → SCHEDULED → COMPLETED with an outcome and an evaluation, or CANCELLED.
 */
export class KnowledgeExchange extends AggregateRoot<ExchangeChange> {
  id!: string;
  kind!: ExchangeKind;
  ownerParty!: string;
  createdBy!: string;
  type!: ExchangeType;
  topics!: string[];
  title!: string;
  description!: string;
  format!: ExchangeFormat;
  preferredFrom!: string | null;
  preferredTo!: string | null;
  status!: ExchangeStatus;
  offers!: Offer[];
  partnerParty!: string | null;
  matchedOfferId!: string | null;
  matchedOfferExchangeId!: string | null;
  scheduledFor!: Schedule | null;
  outcome!: Outcome | null;
  cancelReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  /** The last change of status: what everyone can see changing (offers and a moved schedule are not). */
  statusChangedAt!: Date;

  protected get kindName(): string {
    return 'exchange';
  }

  protected override onRecorded(change: ExchangeChange): void {
    this.updatedAt = change.at;
  }

  static post(props: {
    id: string;
    by: Actor;
    input: ExchangeInput;
    now: Date;
  }): KnowledgeExchange {
    const { by, input, now } = props;
    if (by.role !== 'focal_point' || !by.party)
      throw new ForbiddenError(
        ExchangeErrors.FOCAL_POINT_ONLY,
        'Only a focal point posts needs and offers for its party',
      );
    assertPeriod('preferredTo', input.preferredFrom, input.preferredTo);
    const exchange = Object.assign(new KnowledgeExchange(), {
      id: props.id,
      kind: input.kind,
      ownerParty: by.party,
      createdBy: by.userId,
      type: input.type,
      topics: [...new Set(input.topics)],
      title: input.title.trim(),
      description: input.description.trim(),
      format: input.format,
      preferredFrom: input.preferredFrom,
      preferredTo: input.preferredTo,
      status: 'OPEN' as const,
      offers: [],
      partnerParty: null,
      matchedOfferId: null,
      matchedOfferExchangeId: null,
      scheduledFor: null,
      outcome: null,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
      version: 1,
    });
    exchange.record({ action: 'POSTED', at: now, actor: by, details: { kind: input.kind } }, false);
    return exchange;
  }

  /** The two parties of a matched exchange and the secretariat are involved; nobody else schedules or completes. */
  isInvolved(by: Actor): boolean {
    return (
      by.role === 'secretariat' ||
      (by.role === 'focal_point' &&
        (by.party === this.ownerParty ||
          (this.partnerParty !== null && by.party === this.partnerParty)))
    );
  }

  makeOffer(by: Actor, proposal: OfferProposal, now: Date): Offer {
    if (by.role !== 'focal_point' || !by.party)
      throw new ForbiddenError(
        ExchangeErrors.FOCAL_POINT_ONLY,
        'Only a focal point offers for its party',
      );
    if (by.party === this.ownerParty)
      throw new ForbiddenError(ExchangeErrors.OWN_NEED, 'Nobody offers on their own need');
    if (this.kind !== 'NEED')
      throw new ConflictError(
        ExchangeErrors.NOT_A_NEED,
        'Offers answer needs; a standing offer is matched to a need instead',
      );
    this.requireStatus(ExchangeErrors.NOT_OPEN, 'offer on', 'OPEN');
    const created = proposeOffer(
      this.offers,
      { party: by.party, userId: by.userId },
      proposal,
      now,
    );
    this.offers = [...this.offers, created];
    this.record({
      action: 'OFFER_RECEIVED',
      at: now,
      actor: by,
      details: { offerId: created.id, party: by.party },
    });
    return created;
  }

  /** The secretariat or the need's owner accepts one offer on it, or a standing OFFER of another party. */
  match(
    by: Actor,
    choice: { offerId?: string; standingOffer?: KnowledgeExchange },
    now: Date,
  ): void {
    if (
      !(by.role === 'secretariat' || (by.role === 'focal_point' && by.party === this.ownerParty))
    ) {
      throw new ForbiddenError(
        ExchangeErrors.NOT_OWNER_OR_SECRETARIAT,
        "Only the secretariat or the need's owner matches it",
      );
    }
    if (this.kind !== 'NEED')
      throw new ConflictError(
        ExchangeErrors.NOT_A_NEED,
        'Needs are matched with offers, not the other way round',
      );
    this.requireStatus(ExchangeErrors.NOT_OPEN, 'match', 'OPEN');
    if (choice.offerId) {
      const { accepted, offers } = acceptOffer(this.offers, choice.offerId);
      this.offers = offers;
      this.partnerParty = accepted.party;
      this.matchedOfferId = accepted.id;
    } else if (choice.standingOffer) {
      assertStandingOfferFits(choice.standingOffer, this.ownerParty);
      this.partnerParty = choice.standingOffer.ownerParty;
      this.matchedOfferExchangeId = choice.standingOffer.id;
    } else {
      throw new ValidationFailedError(ExchangeErrors.OFFER_CHOICE_INVALID, 'Say which offer', [
        { field: 'offerId', message: 'offerId or offerExchangeId is required' },
      ]);
    }
    this.status = 'MATCHED';
    this.statusChangedAt = now;
    this.record({
      action: 'MATCHED',
      at: now,
      actor: by,
      details: { partnerParty: this.partnerParty },
    });
  }

  schedule(by: Actor, schedule: Schedule, now: Date): void {
    this.requireInvolved(by, 'schedule');
    this.requireStatus(ExchangeErrors.NOT_SCHEDULABLE, 'schedule', 'MATCHED', 'SCHEDULED');
    this.scheduledFor = scheduleOf(schedule);
    if (this.status !== 'SCHEDULED') this.statusChangedAt = now;
    this.status = 'SCHEDULED';
    this.record({
      action: 'SCHEDULED',
      at: now,
      actor: by,
      details: { startsOn: schedule.startsOn, endsOn: schedule.endsOn },
    });
  }

  complete(by: Actor, outcome: Omit<Outcome, 'completedAt'>, now: Date): void {
    this.requireInvolved(by, 'complete');
    this.requireStatus(ExchangeErrors.NOT_SCHEDULED, 'complete', 'SCHEDULED');
    this.outcome = outcomeOf(outcome, now);
    this.status = 'COMPLETED';
    this.statusChangedAt = now;
    this.record({ action: 'COMPLETED', at: now, actor: by, details: { rating: outcome.rating } });
  }

  cancel(by: Actor, reason: string, now: Date): void {
    this.requireInvolved(by, 'cancel');
    this.requireStatus(ExchangeErrors.NOT_CANCELLABLE, 'cancel', 'OPEN', 'MATCHED', 'SCHEDULED');
    if (!reason?.trim())
      throw new ValidationFailedError(
        ExchangeErrors.REASON_REQUIRED,
        'A cancellation needs a reason',
        [{ field: 'reason', message: 'must not be empty' }],
      );
    this.cancelReason = reason.trim();
    this.status = 'CANCELLED';
    this.statusChangedAt = now;
    this.record({ action: 'CANCELLED', at: now, actor: by, details: {} });
  }

  private requireInvolved(by: Actor, verb: string): void {
    if (!this.isInvolved(by))
      throw new ForbiddenError(
        ExchangeErrors.NOT_INVOLVED,
        `Only the parties of this exchange and the secretariat may ${verb} it`,
      );
  }

  private requireStatus(code: ExchangeErrorCode, verb: string, ...allowed: ExchangeStatus[]): void {
    if (!allowed.includes(this.status))
      throw new ConflictError(code, `Cannot ${verb} an exchange that is ${this.status}`);
  }
}

import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { EventTopics } from '../events/event-topics';
import { defineEvent } from '../events/event-catalog';
import { Topics } from '../kafka/topics';
import {
  EXCHANGE_KINDS,
  EXCHANGE_STATUSES,
  EXCHANGE_TYPES,
  ExchangeKind,
  ExchangeStatus,
  ExchangeType,
} from '@bp/domain-kernel';

export class KnowledgeExchangeEventData {
  @IsUUID()
  exchangeId!: string;

  @IsIn(EXCHANGE_KINDS)
  kind!: ExchangeKind;

  @IsIn(EXCHANGE_TYPES)
  type!: ExchangeType;

  @IsString()
  ownerParty!: string;

  @IsOptional()
  @IsString()
  partnerParty!: string | null;

  @IsIn(EXCHANGE_STATUSES)
  status!: ExchangeStatus;

  @IsOptional()
  @IsUUID()
  offerId?: string;

  /** Every reader of the marketplace sees it; optional, so events written before it stay valid. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  /** The exchange's topics: every reader of the marketplace sees them (statistics per topic). */
  @EventTopics()
  topics?: string[];

  /**
   * The requester's evaluation, 1 to 5, on `completed`: shown to every reader of the knowledge
   * base, so it may travel; the evaluation's comment stays with the two parties and the secretariat.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;
}

const event = (type: string) =>
  defineEvent(type, Topics.knowledgeExchangeEvents, KnowledgeExchangeEventData);

export const KnowledgeExchangeEvents = {
  posted: event('knowledge-exchange.posted'),
  offerReceived: event('knowledge-exchange.offer-received'),
  matched: event('knowledge-exchange.matched'),
  scheduled: event('knowledge-exchange.scheduled'),
  completed: event('knowledge-exchange.completed'),
  cancelled: event('knowledge-exchange.cancelled'),
} as const;

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../commands/page-query';
import { CALENDAR_DATE, PARTY_CODE, TOPIC_CODE } from '../input-patterns';

export const RESPONSE_HEALTH_GROUPS = ['party', 'topic', 'month'] as const;
export type ResponseHealthGroup = (typeof RESPONSE_HEALTH_GROUPS)[number];

// The same class validates the query in the gateway and the command in the reporting-service.

/** Which requests and assignments the figures count: by the day they were filed or received. */
export class ResponseHealthQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'first day counted (UTC), inclusive' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'last day counted (UTC), inclusive' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'SRB', description: 'only this party (a focal point: its own)' })
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;

  @ApiPropertyOptional({ example: 'DOCUMENT_FRAUD', description: 'only requests on this topic' })
  @IsOptional()
  @Matches(TOPIC_CODE)
  topic?: string;

  @ApiPropertyOptional({
    enum: RESPONSE_HEALTH_GROUPS,
    description: 'one row per… (default party)',
  })
  @IsOptional()
  @IsIn(RESPONSE_HEALTH_GROUPS)
  groupBy?: ResponseHealthGroup;
}

/** Median and 90th percentile (PostgreSQL's percentile_cont: interpolated) in hours. */
export interface DurationFigures {
  median: number | null;
  p90: number | null;
}

export interface ResponseHealthRow {
  /** The party code, topic code or month (YYYY-MM) of the row. */
  key: string;
  /** Requests filed (submitted) by the party, on the topic, in the month. */
  filed: number;
  /** Assignments received by parties (not those held by liaison officers). */
  received: number;
  acknowledged: number;
  responded: number;
  declined: number;
  hoursToAcknowledge: DurationFigures;
  /** On the recipient's clock: the time it stood for a clarification is not counted. */
  hoursToRespond: DurationFigures;
  /** First responses by the due time, of all first responses; null without any. */
  onTimeRate: number | null;
  /** Received assignments open now, their clock running, past their due time. */
  overdueNow: number;
}

export interface ResponseHealthReport {
  from: string | null;
  to: string | null;
  groupBy: ResponseHealthGroup;
  /**
   * `exact`: the medians and 90th percentiles of every duration of the window. `approximate`
   * (windows of more assignments than the service computes exactly): read from monthly counts in
   * log-spaced buckets, each within 2.5 % of the exact figure. Counts and rates are always exact.
   */
  percentiles: 'exact' | 'approximate';
  rows: ResponseHealthRow[];
}

/** Which overdue assignments the escalation board lists, oldest due first. */
export class EscalationBoardQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2, minimum: 0, maximum: 3, description: '0: not escalated yet' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3)
  level?: number;

  @ApiPropertyOptional({ example: 'SRB', description: 'only assignments of this recipient party' })
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;
}

export interface EscalationItem {
  rfiId: string;
  reference: string;
  assignmentId: string;
  requesterParty: string;
  recipientParty: string;
  /** Held by a liaison officer posted with the recipient party. */
  heldByOfficer: boolean;
  priority: string;
  topics: string[];
  /** 0 until the rfi-service escalates it; 3 has reached the secretariat. */
  level: number;
  dueAt: string;
  hoursLate: number;
}

export interface EscalationBoard {
  /** Every assignment overdue now, by level (whatever page and filter). */
  byLevel: Record<'0' | '1' | '2' | '3', number>;
  items: EscalationItem[];
  nextCursor: string | null;
}

export const DEPLOYMENT_GROUPS = ['host', 'sending', 'route'] as const;
export type DeploymentGroup = (typeof DEPLOYMENT_GROUPS)[number];
const CALENDAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Officers on post per month, by host party, sending party or migration route. */
export class DeploymentStatisticsQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'first month (UTC); default 11 months before `to`',
  })
  @IsOptional()
  @Matches(CALENDAR_MONTH)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'last month (UTC); default this month' })
  @IsOptional()
  @Matches(CALENDAR_MONTH)
  to?: string;

  @ApiPropertyOptional({ enum: DEPLOYMENT_GROUPS, description: 'one row per… (default host)' })
  @IsOptional()
  @IsIn(DEPLOYMENT_GROUPS)
  groupBy?: DeploymentGroup;
}

export interface DeploymentStatisticsRow {
  /** The host party, sending party or route code of the row. */
  key: string;
  /** Officers on post at any time of each month, in order from `from` to `to`. */
  officersOnPost: { month: string; officers: number }[];
}

export interface DeploymentStatistics {
  from: string;
  to: string;
  groupBy: DeploymentGroup;
  rows: DeploymentStatisticsRow[];
  /** Per migration route, its parties that host no officer now. */
  routePartiesWithoutOfficers: { route: string; parties: string[] }[];
}

export const EXCHANGE_GROUPS = ['type', 'topic'] as const;
export type ExchangeGroup = (typeof EXCHANGE_GROUPS)[number];

/** Knowledge exchanges posted from `from` to `to` (days, UTC), by type or topic. */
export class ExchangeStatisticsQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'first day posted (UTC), inclusive' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'last day posted (UTC), inclusive' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: EXCHANGE_GROUPS, description: 'one row per… (default type)' })
  @IsOptional()
  @IsIn(EXCHANGE_GROUPS)
  groupBy?: ExchangeGroup;
}

export interface ExchangeStatisticsRow {
  /** The exchange type (STUDY_VISIT, ...) or topic code of the row. */
  key: string;
  needs: number;
  /** Standing offers posted (an OFFER exchange), apart from offers made on needs. */
  standingOffers: number;
  offersOnNeeds: number;
  matched: number;
  completed: number;
  cancelled: number;
  /** The requesters' mean rating (1 to 5) of the completed ones rated; null without any. */
  meanRating: number | null;
}

export interface ExchangeStatistics {
  from: string | null;
  to: string | null;
  groupBy: ExchangeGroup;
  rows: ExchangeStatisticsRow[];
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
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
  rows: ResponseHealthRow[];
}

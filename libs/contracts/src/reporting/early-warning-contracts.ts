import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../commands/page-query';

/** What a signal watches: the requests on a migration route, or on a topic. */
export const SIGNAL_DIMENSIONS = ['route', 'topic'] as const;
export type SignalDimension = (typeof SIGNAL_DIMENSIONS)[number];

/** GET /early-warnings: newest first, of one dimension or both. */
export class EarlyWarningListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SIGNAL_DIMENSIONS })
  @IsOptional()
  @IsIn(SIGNAL_DIMENSIONS)
  dimension?: SignalDimension;
}

/** A signal with the figures that raised it, so a reader can judge it. */
export interface EarlyWarning {
  id: string;
  dimension: SignalDimension;
  /** The route code or topic code. */
  key: string;
  raisedAt: string;
  /** The 7 days counted, [from, to): requests filed on the route or topic in them. */
  window: { from: string; to: string };
  lastWeek: number;
  /** Weekly counts of the 8 weeks before the window, oldest first. */
  baseline: number[];
  /** The Poisson mean the test used: the baseline's weekly mean, floored. */
  baselineMean: number;
  /** P(X ≥ lastWeek) under that mean: the smaller, the less likely the rise is chance. */
  pValue: number;
  /** The test, in words, as the reporting-service ran it. */
  test: string;
}

export interface EarlyWarningPage {
  items: EarlyWarning[];
  nextCursor: string | null;
}

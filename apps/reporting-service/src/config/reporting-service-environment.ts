import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceEnvironment } from '@bp/messaging';

/** The reporting-service's settings: those of every service, and how often it looks for rises. */
export class ReportingServiceEnvironment extends ServiceEnvironment {
  /** How often the routes' and topics' last 7 days are tested against their baseline. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  EARLY_WARNING_INTERVAL_MS?: number;

  /** How many alerts one sender (a party, or the secretariat) may raise in 24 hours. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  ALERT_DAILY_LIMIT?: number;

  /**
   * Up to how many received assignments a response-health answer computes its medians and 90th
   * percentiles exactly; beyond, from the monthly cells' buckets (within 2.5 %).
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  STATISTICS_EXACT_LIMIT?: number;
}

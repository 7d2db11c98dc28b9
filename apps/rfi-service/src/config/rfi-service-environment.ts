import { IsInt, IsNumber, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { ServiceEnvironment } from '@bp/messaging';
import { parseResponseTimes } from '../domain/due-time';

/** Why a RFI_RESPONSE_TIMES value is refused, in the words of the parser that would read it. */
function responseTimesProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'is a list like URGENT=8h,HIGH=3d';
  try {
    parseResponseTimes(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The rfi-service's settings: those of every service, and the rules of due times and escalation. */
export class RfiServiceEnvironment extends ServiceEnvironment {
  /** Response times by priority, e.g. `URGENT=8h,HIGH=3d`; priorities not named keep their default. */
  @IsOptional()
  @ValidateBy({
    name: 'responseTimes',
    validator: {
      validate: (value: unknown) => responseTimesProblem(value) === null,
      defaultMessage: (args) => responseTimesProblem(args?.value) ?? '',
    },
  })
  RFI_RESPONSE_TIMES?: string;

  /** An overdue assignment climbs one escalation level per this share of its response time. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  RFI_ESCALATION_STEP_PERCENT?: number;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  RFI_OVERDUE_SCAN_INTERVAL_MS?: number;

  /** An open assignment's holder is reminded once it has used this share of its time, e.g. 0.75. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @ValidateBy({
    name: 'share',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && value > 0 && value < 1,
      defaultMessage: () => 'must be a share between 0 and 1 (both excluded), e.g. 0.75',
    },
  })
  RFI_DUE_SOON_SHARE?: number;
}

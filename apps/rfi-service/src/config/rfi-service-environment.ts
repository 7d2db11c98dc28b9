import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { ATTACHMENT_MAX_BYTES_CEILING } from '@bp/contracts';
import { ServiceEnvironment } from '@bp/messaging';
import { parseResponseTimes } from '../domain/due-time';
import { parseRetention } from '../domain/retention/retention-policy';

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

/** Why a RFI_RETENTION value is refused, in the words of the parser that would read it. */
function retentionProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'is a list like CLOSED=5y,REJECTED=1y';
  try {
    parseRetention(value);
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

  /** How long bodies are kept, e.g. `CLOSED=5y,REJECTED=1y,WITHDRAWN=1y,MINORS=3y`. */
  @IsOptional()
  @ValidateBy({
    name: 'retention',
    validator: {
      validate: (value: unknown) => retentionProblem(value) === null,
      defaultMessage: (args) => retentionProblem(args?.value) ?? '',
    },
  })
  RFI_RETENTION?: string;

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

  /** Bytes of one attached file; 50 MB by default (SIENA's limit per message). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ATTACHMENT_MAX_BYTES_CEILING)
  ATTACHMENT_MAX_BYTES?: number;

  /** Bytes of all the files of one request together. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50_000_000_000)
  ATTACHMENT_MAX_TOTAL_BYTES?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  ATTACHMENT_MAX_COUNT?: number;

  /** Where the bytes are kept: `postgres` (the rfi-service's database) or `s3`. */
  @IsOptional()
  @IsIn(['postgres', 's3'])
  ATTACHMENT_STORE?: 'postgres' | 's3';

  /** With ATTACHMENT_STORE=s3: the bucket (it must exist). Credentials: the AWS SDK's own variables. */
  @ValidateIf((environment: RfiServiceEnvironment) => environment.ATTACHMENT_STORE === 's3')
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'ATTACHMENT_S3_BUCKET is a bucket name',
  })
  ATTACHMENT_S3_BUCKET?: string;

  /** An S3-compatible server's URL (MinIO, Ceph...); AWS itself without it. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  ATTACHMENT_S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'ATTACHMENT_S3_REGION is a region name' })
  ATTACHMENT_S3_REGION?: string;

  /** `true` for servers that take the bucket in the path, not the host name (most but AWS). */
  @IsOptional()
  @IsIn(['true', 'false'])
  ATTACHMENT_S3_FORCE_PATH_STYLE?: string;

  /**
   * Uploads one instance takes at once; each holds one of its 10 database connections while it
   * runs (PostgreSQL store), so commands always keep the others.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  ATTACHMENT_MAX_CONCURRENT_UPLOADS?: number;

  /** How often bytes that no file claims (failed uploads, removed files) are looked for and freed. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  ATTACHMENT_SWEEP_INTERVAL_MS?: number;
}

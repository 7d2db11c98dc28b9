import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ProblemDetails } from '../problems/problem-details';

export class CommandMetaDto {
  @IsString()
  @MaxLength(128)
  correlationId!: string;

  /** Past this instant nobody waits for the answer any more; the service does not start the work. */
  @IsISO8601({ strict: true })
  deadline!: string;

  /**
   * This message's own id, the same on every redelivery. A mutating command without an
   * Idempotency-Key is kept under it, so a command Kafka delivers twice (a restart or a rebalance
   * before its offset was committed) is applied once and answered with the first reply.
   */
  @IsOptional()
  @IsUUID()
  messageId?: string;

  /**
   * Who asks, signed by the gateway and bound to this message (libs/auth command-assertion.ts): the
   * only source of the actor a service believes. Absent, or failing its checks, no actor is taken.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4_096)
  assertion?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,255}$/, {
    message: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
  })
  idempotencyKey?: string;

  /** The version the caller saw (from If-Match), checked against the current one. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ifMatch?: string;
}

/** What travels on a service's command topic. */
export class CommandMessageDto {
  @IsString()
  @Matches(/^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/)
  name!: string;

  @IsObject()
  payload!: Record<string, unknown>;

  @ValidateNested()
  @Type(() => CommandMetaDto)
  meta!: CommandMetaDto;
}

export type CommandMessage = CommandMessageDto;

export type CommandReply<TBody = unknown> =
  | { ok: true; status: number; body: TBody; etag?: string }
  | { ok: false; problem: ProblemDetails };

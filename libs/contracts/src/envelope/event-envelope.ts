import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { Actor, ActorDto } from '../actor';

/**
 * The envelope of every integration event (docs/ARCHITECTURE.md, "How the parts talk"). `version` is the
 * schema version of `type`; `subjectVersion` is the aggregate's version after the change, so a
 * consumer can tell an old event of an aggregate from a newer one.
 */
export interface EventEnvelope<TData = unknown> {
  id: string;
  type: string;
  version: number;
  source: string;
  subject: string;
  subjectVersion: number | null;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor | null;
  data: TData;
}

export class EventEnvelopeDto implements EventEnvelope<Record<string, unknown>> {
  @IsUUID()
  id!: string;

  @Matches(/^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  source!: string;

  @IsString()
  subject!: string;

  @IsOptional()
  @IsInt()
  subjectVersion!: number | null;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsString()
  correlationId!: string;

  @IsOptional()
  @IsString()
  causationId!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ActorDto)
  actor!: ActorDto | null;

  @IsObject()
  data!: Record<string, unknown>;
}

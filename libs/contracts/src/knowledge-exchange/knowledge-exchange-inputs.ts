import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../commands/page-query';
import { CALENDAR_DATE, PARTY_CODE, TOPIC_CODE, trimmed } from '../input-patterns';
import {
  EXCHANGE_FORMATS,
  EXCHANGE_KINDS,
  EXCHANGE_STATUSES,
  EXCHANGE_TYPES,
  ExchangeFormat,
  ExchangeKind,
  ExchangeStatus,
  ExchangeType,
} from '@bp/domain-kernel';

export class PostExchangeBody {
  @ApiProperty({ enum: EXCHANGE_KINDS, example: 'NEED' })
  @IsIn(EXCHANGE_KINDS)
  kind!: ExchangeKind;

  @ApiProperty({ enum: EXCHANGE_TYPES, example: 'STUDY_VISIT' })
  @IsIn(EXCHANGE_TYPES)
  type!: ExchangeType;

  @ApiProperty({ example: ['REINTEGRATION'] })
  @Matches(TOPIC_CODE, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  topics!: string[];

  @ApiProperty({ example: 'Study visit on reintegration referral systems' })
  @Transform(trimmed)
  @IsString()
  @Length(3, 200)
  title!: string;

  @ApiProperty({
    example:
      'We would like to see how returnees are referred to health, psycho-social and job services.',
  })
  @IsString()
  @Length(1, 20_000)
  description!: string;

  @ApiProperty({ enum: EXCHANGE_FORMATS, example: 'IN_PERSON' })
  @IsIn(EXCHANGE_FORMATS)
  format!: ExchangeFormat;

  @ApiPropertyOptional({ example: '2026-09-01' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  preferredFrom?: string;

  @ApiPropertyOptional({ example: '2026-10-31' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  preferredTo?: string;
}

export class OfferBody {
  @ApiProperty({ example: 'We can host a three-day visit to our reintegration centre in Vienna.' })
  @IsString()
  @Length(1, 10_000)
  description!: string;

  @ApiPropertyOptional({ example: '2026-09-14' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  proposedFrom?: string;

  @ApiPropertyOptional({ example: '2026-09-16' })
  @IsOptional()
  @Matches(CALENDAR_DATE)
  proposedTo?: string;
}

export class MatchBody {
  @ApiPropertyOptional({ format: 'uuid', description: 'an offer made on this need' })
  @IsOptional()
  @IsUUID()
  offerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "or another party's standing OFFER" })
  @IsOptional()
  @IsUUID()
  offerExchangeId?: string;
}

export class ScheduleBody {
  @ApiProperty({ example: '2026-09-14' })
  @Matches(CALENDAR_DATE)
  startsOn!: string;

  @ApiProperty({ example: '2026-09-16' })
  @Matches(CALENDAR_DATE)
  endsOn!: string;

  @ApiPropertyOptional({ example: 'Vienna' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiProperty({ example: false })
  @IsBoolean()
  online!: boolean;
}

export class EvaluationBody {
  @ApiProperty({ example: 5, minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ example: 'Practical and well prepared' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  comment?: string;
}

export class CompleteBody {
  @ApiProperty({
    example: 'The delegation saw the one-stop referral desk and the digital case file at work.',
  })
  @IsString()
  @Length(1, 20_000)
  outcomeSummary!: string;

  @ApiProperty({
    example: [
      'One case manager per returnee from arrival',
      'Share the case file with the municipality',
    ],
  })
  @IsString({ each: true })
  @MaxLength(2_000, { each: true })
  @ArrayMaxSize(50)
  lessonsLearned!: string[];

  @ApiProperty({ type: EvaluationBody })
  @ValidateNested()
  @Type(() => EvaluationBody)
  evaluation!: EvaluationBody;
}

export class CancelExchangeBody {
  @ApiProperty({ example: 'The visit cannot take place this year' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class ExchangeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EXCHANGE_KINDS })
  @IsOptional()
  @IsIn(EXCHANGE_KINDS)
  kind?: ExchangeKind;

  @ApiPropertyOptional({ enum: EXCHANGE_TYPES })
  @IsOptional()
  @IsIn(EXCHANGE_TYPES)
  type?: ExchangeType;

  @ApiPropertyOptional({ example: 'REINTEGRATION' })
  @IsOptional()
  @Matches(TOPIC_CODE)
  topic?: string;

  @ApiPropertyOptional({ enum: EXCHANGE_STATUSES })
  @IsOptional()
  @IsIn(EXCHANGE_STATUSES)
  status?: ExchangeStatus;

  @ApiPropertyOptional({ example: 'MKD', description: 'posted by, or matched with, this party' })
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;

  @ApiPropertyOptional({ example: 'referral', description: 'words in the title and description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class KnowledgeBaseQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'case manager',
    description: 'full text: titles weigh most, then outcomes and lessons, then descriptions',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'REINTEGRATION' })
  @IsOptional()
  @Matches(TOPIC_CODE)
  topic?: string;

  @ApiPropertyOptional({ enum: EXCHANGE_TYPES })
  @IsOptional()
  @IsIn(EXCHANGE_TYPES)
  type?: ExchangeType;

  @ApiPropertyOptional({ example: 'AUT' })
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;
}

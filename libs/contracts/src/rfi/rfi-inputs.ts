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
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PARTY_CODE, TOPIC_CODE, trimmed } from '../input-patterns';
import { PageQuery } from '../commands/page-query';
import {
  ACCURACY,
  Accuracy,
  CHANNELS,
  Channel,
  HANDLING_CODES,
  HandlingCode,
  MESSAGE_KINDS,
  MessageKind,
  PRIORITIES,
  Priority,
  RELEASABILITY,
  RFI_STATUSES,
  Releasability,
  RfiStatus,
  SECRETARIAT_ACCESS,
  SOURCE_RELIABILITY,
  SecretariatAccess,
  SourceReliability,
} from '@bp/domain-kernel';

// The same classes validate the HTTP body in the gateway and the command in the rfi-service.
// Party and topic codes are checked against the reference lists by the service.

export class CreateRfiBody {
  @ApiProperty({ example: 'Smuggling network using forged Schengen visas', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @Length(3, 200)
  title!: string;

  @ApiProperty({
    example:
      'Do you hold information on the facilitators named in the annex, active on the Pakistan–Iran–Türkiye route since March?',
    maxLength: 20000,
  })
  @IsString()
  @Length(1, 20_000)
  question!: string;

  @ApiProperty({
    example: ['SMUGGLING_OF_MIGRANTS', 'DOCUMENT_FRAUD'],
    description: 'codes from GET /topics',
  })
  @IsString({ each: true })
  @Matches(TOPIC_CODE, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  topics!: string[];

  @ApiProperty({
    enum: PRIORITIES,
    example: 'HIGH',
    description: 'URGENT 8 h, HIGH 3 days, NORMAL 7 days, LOW 28 days to answer',
  })
  @IsIn(PRIORITIES)
  priority!: Priority;

  @ApiProperty({ enum: CHANNELS, example: 'BILATERAL' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({
    example: ['SRB'],
    description:
      'BILATERAL: exactly one party; MULTILATERAL: suggested recipients (may be empty: to whom it may concern)',
  })
  @IsString({ each: true })
  @Matches(PARTY_CODE, { each: true })
  @ArrayMaxSize(60)
  targetParties!: string[];

  @ApiProperty({ enum: HANDLING_CODES, example: 'H2' })
  @IsIn(HANDLING_CODES)
  handlingCode!: HandlingCode;

  @ApiPropertyOptional({
    example: 'Not to be shared with third countries',
    description: 'required with H3',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  handlingNote?: string;

  @ApiProperty({ enum: SECRETARIAT_ACCESS, example: 'FULL' })
  @IsIn(SECRETARIAT_ACCESS)
  secretariatAccess!: SecretariatAccess;

  @ApiProperty({ example: 'en', description: 'ISO 639-1 language of the request' })
  @Matches(/^[a-z]{2}$/)
  language!: string;

  @ApiPropertyOptional({ example: false, description: 'submit at once instead of keeping a draft' })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class RecipientBody {
  @ApiProperty({ example: 'HUN' })
  @Matches(PARTY_CODE)
  party!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an officer of another party posted in `party`',
  })
  @IsOptional()
  @IsUUID()
  officerId?: string;
}

export class RouteRfiBody {
  @ApiProperty({
    type: RecipientBody,
    isArray: true,
    example: [{ party: 'SRB' }, { party: 'HUN' }],
  })
  @ValidateNested({ each: true })
  @Type(() => RecipientBody)
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  recipients!: RecipientBody[];

  @ApiPropertyOptional({ example: 'Routed to the two transit countries named in the request' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;
}

export class ReasonBody {
  @ApiProperty({ example: 'Outside the scope of the Budapest Process' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class OptionalReasonBody {
  @ApiPropertyOptional({ example: 'The case was closed nationally' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  reason?: string;
}

export class CloseRfiBody {
  @ApiPropertyOptional({ example: 'Answered by Serbia; facilitators identified' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  outcome?: string;
}

export class GradingBody {
  @ApiProperty({ enum: SOURCE_RELIABILITY, example: 'B' })
  @IsIn(SOURCE_RELIABILITY)
  sourceReliability!: SourceReliability;

  @ApiProperty({ enum: ACCURACY, example: 2 })
  @IsInt()
  @IsIn(ACCURACY)
  accuracy!: Accuracy;
}

/** The documented maximum of one message in a thread (docs/openapi.json); more goes in an attachment. */
export const MESSAGE_BODY_MAX_LENGTH = 20_000;

export class PostMessageBody {
  @ApiProperty({ enum: MESSAGE_KINDS, example: 'RESPONSE' })
  @IsIn(MESSAGE_KINDS)
  kind!: MessageKind;

  @ApiProperty({
    example: 'Two of the three facilitators are known to us; details in the attached report.',
    minLength: 1,
    maxLength: MESSAGE_BODY_MAX_LENGTH,
    description: `at most ${MESSAGE_BODY_MAX_LENGTH} characters; longer material goes in an attachment`,
  })
  @IsString()
  @Length(1, MESSAGE_BODY_MAX_LENGTH)
  body!: string;

  @ApiProperty({ enum: HANDLING_CODES, example: 'H2' })
  @IsIn(HANDLING_CODES)
  handlingCode!: HandlingCode;

  @ApiPropertyOptional({ example: 'Not for court proceedings' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  handlingNote?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the assignment a response or clarification is about',
  })
  @IsOptional()
  @IsUUID()
  assignmentId?: string;

  @ApiPropertyOptional({ type: GradingBody })
  @IsOptional()
  @ValidateNested()
  @Type(() => GradingBody)
  grading?: GradingBody;

  @ApiPropertyOptional({ enum: RELEASABILITY, example: 'REQUESTER' })
  @IsOptional()
  @IsIn(RELEASABILITY)
  releasability?: Releasability;
}

export class RfiListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RFI_STATUSES })
  @IsOptional()
  @IsIn(RFI_STATUSES)
  status?: RfiStatus;

  @ApiPropertyOptional({ example: 'SMUGGLING_OF_MIGRANTS' })
  @IsOptional()
  @Matches(TOPIC_CODE)
  topic?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ example: 'SRB', description: 'requests from or to this party' })
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;

  @ApiPropertyOptional({ enum: ['sent', 'received'] })
  @IsOptional()
  @IsIn(['sent', 'received'])
  box?: 'sent' | 'received';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'only requests with an overdue assignment',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({
    example: 'visa',
    description: 'words in the title (and, where you may read it, the question)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** The most titles one rfi.titles asks for: a page of notifications (100) at most. */
export const RFI_TITLES_AT_ONCE = 100;

/** POST /rfis/{id}/legal-hold: why the request's deletion is suspended (an investigation, a case). */
export class LegalHoldBody {
  @ApiProperty({
    example: 'Criminal proceedings opened in Vienna, case 12 St 45/26',
    maxLength: 2000,
  })
  @Transform(trimmed)
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

/**
 * rfi.titles (no route of its own): the gateway asks, as the caller, for the titles of the requests
 * its notifications point at. Titles stay in the rfi-service (events carry none), so each is shown
 * only while its request exists and the caller may see it.
 */
export class RfiTitlesQuery {
  @IsUUID('4', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(RFI_TITLES_AT_ONCE)
  rfiIds!: string[];
}

/** The answer to rfi.titles: the title of each request asked for that the caller may see. */
export interface RfiTitles {
  titles: Record<string, string>;
}

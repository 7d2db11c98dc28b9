import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PARTY_CODE, TIMESTAMP_MAX_LENGTH } from '../input-patterns';

/** A roster is replaced whole; this bounds one PUT (the notification-service checks it again). */
export const MAX_DUTY_SLOTS = 500;

export class DutySlotBody {
  @ApiProperty({ format: 'uuid', description: 'an enabled focal point account of the party' })
  @IsUUID('4')
  userId!: string;

  @ApiProperty({
    example: '2026-11-28T08:00:00Z',
    format: 'date-time',
    description: 'on duty from (inclusive)',
  })
  @IsISO8601({ strict: true })
  @MaxLength(TIMESTAMP_MAX_LENGTH)
  from!: string;

  @ApiProperty({
    example: '2026-11-28T20:00:00Z',
    format: 'date-time',
    description: 'until (exclusive); after from',
  })
  @IsISO8601({ strict: true })
  @MaxLength(TIMESTAMP_MAX_LENGTH)
  to!: string;
}

/** PUT /parties/{code}/duty: the whole roster, replacing the one before. */
export class DutyRosterBody {
  @ApiProperty({
    type: DutySlotBody,
    isArray: true,
    maxItems: MAX_DUTY_SLOTS,
    description:
      'who is on duty when; slots may not overlap (one person is paged at a time), one may end where the next starts',
  })
  @IsArray()
  @ArrayMaxSize(MAX_DUTY_SLOTS)
  @ValidateNested({ each: true })
  @Type(() => DutySlotBody)
  slots!: DutySlotBody[];

  @ApiProperty({
    format: 'uuid',
    description:
      'an enabled focal point account of the party, paged when nobody is on duty or the one on duty does not acknowledge',
  })
  @IsUUID('4')
  fallbackUserId!: string;
}

/** A person of the roster as the gateway forwards it: the account and its e-mail address, if any. */
export class DutyContactInput {
  @IsUUID('4')
  userId!: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}

export class DutySlotInput extends DutyContactInput {
  @IsISO8601({ strict: true })
  @MaxLength(TIMESTAMP_MAX_LENGTH)
  from!: string;

  @IsISO8601({ strict: true })
  @MaxLength(TIMESTAMP_MAX_LENGTH)
  to!: string;
}

/**
 * The roster the gateway forwards once it checked every account against its own database: each
 * person with the e-mail address its account had at that moment (the roster keeps the address as
 * of the PUT; a later change of the account is seen at the next PUT).
 */
export class SetDutyRosterCommand {
  @Matches(PARTY_CODE)
  party!: string;

  @IsArray()
  @ArrayMaxSize(MAX_DUTY_SLOTS)
  @ValidateNested({ each: true })
  @Type(() => DutySlotInput)
  slots!: DutySlotInput[];

  @ValidateNested()
  @Type(() => DutyContactInput)
  fallback!: DutyContactInput;
}

/** GET /parties/{code}/duty, as the gateway forwards it. */
export class PartyDutyQuery {
  @Matches(PARTY_CODE)
  party!: string;
}

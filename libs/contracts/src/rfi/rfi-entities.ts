import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  LINK_STATUSES,
  LinkStatus,
  DOCUMENT_TYPES,
  DocumentType,
  ENTITY_TYPES,
  EntityType,
  PERSON_ROLES,
  PersonRole,
  TRANSPORT_MODES,
  TransportMode,
} from '@bp/domain-kernel';
import { CALENDAR_DATE, trimmed } from '../input-patterns';
import { PageQuery } from '../commands/page-query';

/** ISO 3166-1 alpha-3: nationalities, issuers and routes reach beyond the Process's parties. */
export const COUNTRY_CODE = /^[A-Z]{3}$/;
/**
 * A document number, a plate or a hull identifier as written on it, or a phone number: letters,
 * digits, blanks, dashes, stops and slashes; a leading + for a phone.
 */
export const ENTITY_IDENTIFIER = /^\+?[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/;

/**
 * One structured entity. Which fields it has depends on its `type` (the rfi-service refuses a
 * field the type lacks and names one it needs): PERSON `names`, `role`, [`dateOfBirth`,
 * `nationality`, `minor`]; DOCUMENT `documentType`, `number`, `issuingCountry`, [`validUntil`];
 * VEHICLE and VESSEL `identifier`, [`registrationCountry`]; PHONE `number` (E.164);
 * ORGANISATION `name`; ROUTE_SEGMENT `fromCountry`, `toCountry`, `mode`.
 */
/**
 * An optional field that, when sent, must hold a value: null is not "absent" here. A null would
 * otherwise pass as present and reach the matching as the text "null".
 */
const Given = () => ValidateIf((_, value: unknown) => value !== undefined);

export class EntityBody {
  @ApiProperty({ enum: ENTITY_TYPES, example: 'PERSON' })
  @IsIn(ENTITY_TYPES)
  type!: EntityType;

  @ApiPropertyOptional({
    description: 'PERSON: every spelling known (scripts, transliterations), the first as written',
    example: ['Горан Ђорђевић', 'Goran Djordjevic'],
    maxItems: 10,
    type: [String],
  })
  @Given()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(/\S/, { each: true, message: 'each name must hold more than blanks' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  names?: string[];

  @ApiPropertyOptional({ description: 'PERSON: YYYY-MM-DD', example: '1979-04-12' })
  @Given()
  @Matches(CALENDAR_DATE)
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'PERSON: ISO 3166-1 alpha-3', example: 'SRB' })
  @Given()
  @Matches(COUNTRY_CODE)
  nationality?: string;

  @ApiPropertyOptional({
    enum: PERSON_ROLES,
    description: 'PERSON: what the person is in the case',
  })
  @Given()
  @IsIn(PERSON_ROLES)
  role?: PersonRole;

  @ApiPropertyOptional({ description: 'PERSON: under 18 (retention treats minors apart)' })
  @Given()
  @IsBoolean()
  minor?: boolean;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, description: 'DOCUMENT' })
  @Given()
  @IsIn(DOCUMENT_TYPES)
  documentType?: DocumentType;

  @ApiPropertyOptional({
    description: 'DOCUMENT: as printed; PHONE: E.164 (+ and up to 15 digits)',
    example: 'AB1234567',
  })
  @Given()
  @Transform(trimmed)
  @Matches(ENTITY_IDENTIFIER)
  number?: string;

  @ApiPropertyOptional({ description: 'DOCUMENT: ISO 3166-1 alpha-3', example: 'SRB' })
  @Given()
  @Matches(COUNTRY_CODE)
  issuingCountry?: string;

  @ApiPropertyOptional({ description: 'DOCUMENT: YYYY-MM-DD', example: '2029-03-31' })
  @Given()
  @Matches(CALENDAR_DATE)
  validUntil?: string;

  @ApiPropertyOptional({
    description: 'VEHICLE: plate or VIN; VESSEL: IMO number or name',
    example: 'IMO 9074729',
  })
  @Given()
  @Transform(trimmed)
  @Matches(ENTITY_IDENTIFIER)
  identifier?: string;

  @ApiPropertyOptional({ description: 'VEHICLE, VESSEL: ISO 3166-1 alpha-3', example: 'TUR' })
  @Given()
  @Matches(COUNTRY_CODE)
  registrationCountry?: string;

  @ApiPropertyOptional({ description: 'ORGANISATION', example: 'Balkan Express d.o.o.' })
  @Given()
  @Transform(trimmed)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'ROUTE_SEGMENT: ISO 3166-1 alpha-3', example: 'TUR' })
  @Given()
  @Matches(COUNTRY_CODE)
  fromCountry?: string;

  @ApiPropertyOptional({ description: 'ROUTE_SEGMENT: ISO 3166-1 alpha-3', example: 'BGR' })
  @Given()
  @Matches(COUNTRY_CODE)
  toCountry?: string;

  @ApiPropertyOptional({ enum: TRANSPORT_MODES, description: 'ROUTE_SEGMENT' })
  @Given()
  @IsIn(TRANSPORT_MODES)
  mode?: TransportMode;
}

export class AddEntitiesBody {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'the message they go with (its author only, while the request is routed); without it, the request itself (its requester, while a draft)',
  })
  @IsOptional()
  @IsUUID()
  messageId?: string;

  @ApiProperty({
    type: EntityBody,
    isArray: true,
    maxItems: 50,
    example: [
      {
        type: 'PERSON',
        names: ['Горан Ђорђевић', 'Goran Djordjevic'],
        dateOfBirth: '1979-04-12',
        nationality: 'SRB',
        role: 'FACILITATOR',
      },
      { type: 'DOCUMENT', documentType: 'PASSPORT', number: 'AB1234567', issuingCountry: 'SRB' },
      { type: 'PHONE', number: '+381641234567' },
    ],
  })
  @ValidateNested({ each: true })
  @Type(() => EntityBody)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  entities!: EntityBody[];
}

/** GET /possible-links: the secretariat's list, newest first, by status if asked. */
export class PossibleLinksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LINK_STATUSES, example: 'FOUND' })
  @IsOptional()
  @IsIn(LINK_STATUSES)
  status?: LinkStatus;
}

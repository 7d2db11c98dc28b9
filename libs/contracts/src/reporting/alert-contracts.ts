import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { PageQuery } from '../commands/page-query';
import { PARTY_CODE, trimmed } from '../input-patterns';

export const ALERT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** A route or region code: the reference lists (GET /routes, /regions) say which exist. */
const AREA_CODE = /^[A-Z][A-Z_]{1,60}$/;

/**
 * POST /alerts: an influx, a route shift, a new modus operandi, told to the parties it concerns.
 * It addresses the parties of the routes and regions named, and the parties named: at least one.
 */
export class RaiseAlertBody {
  @ApiProperty({ example: 'Sharp rise of arrivals at the northern border' })
  @Transform(trimmed)
  @IsString()
  @Length(3, 200)
  title!: string;

  @ApiProperty({
    example: 'Since Monday, groups of 30–50 cross at night near Horgoš; smugglers use new vans.',
  })
  @Transform(trimmed)
  @IsString()
  @Length(1, 5_000)
  summary!: string;

  @ApiProperty({ enum: ALERT_SEVERITIES, example: 'HIGH' })
  @IsIn(ALERT_SEVERITIES)
  severity!: AlertSeverity;

  @ApiPropertyOptional({ example: ['SILK_ROUTES_WESTERN_BALKANS'], description: 'route codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(AREA_CODE, { each: true })
  routes?: string[];

  @ApiPropertyOptional({ example: ['WESTERN_BALKANS'], description: 'region codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(AREA_CODE, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ example: ['HUN', 'AUT'], description: 'party codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @Matches(PARTY_CODE, { each: true })
  parties?: string[];
}

export class AlertListQuery extends PageQuery {}

export interface AlertAcknowledgement {
  party: string;
  at: string;
}

/**
 * An alert as the caller may see it. The sender's party and the secretariat see whom it reached
 * and who acknowledged; an addressed party sees the alert, how it was addressed by route and region,
 * and its own acknowledgement, never which other parties were told.
 */
export interface AlertView {
  id: string;
  title: string;
  summary: string;
  severity: AlertSeverity;
  /** null: raised by the secretariat. */
  senderParty: string | null;
  raisedAt: string;
  routes: string[];
  regions: string[];
  /** Sender and secretariat only. */
  parties?: string[];
  addressedParties?: string[];
  acknowledgements?: AlertAcknowledgement[];
  /** An addressed party: when it acknowledged, or null. */
  acknowledgedAt?: string | null;
  version: number;
}

export interface AlertPage {
  items: AlertView[];
  nextCursor: string | null;
}

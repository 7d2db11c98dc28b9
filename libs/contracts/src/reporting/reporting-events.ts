import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
} from 'class-validator';
import { defineEvent } from '../events/event-catalog';
import { Topics } from '../kafka/topics';
import { PARTY_CODE } from '../input-patterns';
import { ALERT_SEVERITIES, AlertSeverity } from './alert-contracts';
import { SIGNAL_DIMENSIONS, SignalDimension } from './early-warning-contracts';

/** A rise on a route or topic: the figures only, for the secretariat to be told. */
export class EarlyWarningRaisedData {
  @IsUUID()
  warningId!: string;

  @IsIn(SIGNAL_DIMENSIONS)
  dimension!: SignalDimension;

  @IsString()
  @Length(1, 64)
  key!: string;

  @IsInt()
  @Min(0)
  lastWeek!: number;

  @IsNumber()
  baselineMean!: number;

  @IsNumber()
  pValue!: number;

  @IsISO8601({ strict: true })
  windowFrom!: string;
}

/**
 * An alert raised or acknowledged: whom it addresses (the notification-service tells their focal
 * points), its title and severity, which every addressed party reads; never its summary.
 */
export class AlertEventData {
  @IsUUID()
  alertId!: string;

  @IsOptional()
  @Matches(PARTY_CODE)
  senderParty!: string | null;

  @IsIn(ALERT_SEVERITIES)
  severity!: AlertSeverity;

  @IsString()
  @Length(1, 200)
  title!: string;

  @ArrayMaxSize(100)
  @Matches(PARTY_CODE, { each: true })
  addressedParties!: string[];

  /** On `acknowledged`: the party that did. */
  @IsOptional()
  @Matches(PARTY_CODE)
  party?: string;
}

export const ReportingEvents = {
  earlyWarningRaised: defineEvent(
    'early-warning.raised',
    Topics.reportingEvents,
    EarlyWarningRaisedData,
  ),
  alertRaised: defineEvent('alert.raised', Topics.reportingEvents, AlertEventData),
  alertAcknowledged: defineEvent('alert.acknowledged', Topics.reportingEvents, AlertEventData),
} as const;

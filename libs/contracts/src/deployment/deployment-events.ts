import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CALENDAR_DATE, PARTY_CODE } from '../input-patterns';
import { defineEvent } from '../events/event-catalog';
import { Topics } from '../kafka/topics';
import { DEPLOYMENT_STATUSES, DeploymentStatus, END_REASONS, EndReason } from '@bp/domain-kernel';

/** Every deployment event carries the posting's whole current state, so a projection needs nothing else. */
export class DeploymentEventData {
  @IsUUID()
  deploymentId!: string;

  @IsUUID()
  officerId!: string;

  // A consumer takes nothing on trust: codes and dates of the shape the producer writes, or the
  // event is parked as poison.
  @Matches(PARTY_CODE)
  sendingParty!: string;

  @Matches(PARTY_CODE)
  hostParty!: string;

  @Matches(CALENDAR_DATE)
  startDate!: string;

  @Matches(CALENDAR_DATE)
  endDate!: string;

  @IsIn(DEPLOYMENT_STATUSES)
  status!: DeploymentStatus;

  @IsOptional()
  @IsIn(END_REASONS)
  endReason!: EndReason | null;
}

const event = (type: string) => defineEvent(type, Topics.deploymentEvents, DeploymentEventData);

export const DeploymentEvents = {
  proposed: event('deployment.proposed'),
  approved: event('deployment.approved'),
  refused: event('deployment.refused'),
  activated: event('deployment.activated'),
  ended: event('deployment.ended'),
  cancelled: event('deployment.cancelled'),
  extensionRequested: event('deployment.extension-requested'),
  extended: event('deployment.extended'),
  extensionRefused: event('deployment.extension-refused'),
} as const;

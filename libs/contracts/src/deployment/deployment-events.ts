import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { defineEvent } from '../events/event-catalog';
import { Topics } from '../kafka/topics';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  END_REASONS,
  EndReason,
} from './deployment-vocabulary';

/** Every deployment event carries the posting's whole current state, so a projection needs nothing else. */
export class DeploymentEventData {
  @IsUUID()
  deploymentId!: string;

  @IsUUID()
  officerId!: string;

  @IsString()
  sendingParty!: string;

  @IsString()
  hostParty!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startDate!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
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

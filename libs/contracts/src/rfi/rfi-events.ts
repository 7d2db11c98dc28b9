import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../events/event-catalog';
import { Topics } from '../kafka/topics';
import { PRIORITIES, Priority } from '@bp/domain-kernel';

// Event data carries routing metadata only, never a question or an answer: anyone who consumes
// the topic would otherwise read what need-to-know hides.

export class RfiEventData {
  @IsUUID()
  rfiId!: string;

  @IsString()
  reference!: string;

  @IsString()
  requesterParty!: string;

  @IsIn(PRIORITIES)
  priority!: Priority;
}

export class AssignmentEventRef {
  @IsUUID()
  assignmentId!: string;

  @IsString()
  recipientParty!: string;

  @IsOptional()
  @IsUUID()
  officerId!: string | null;

  @IsISO8601()
  dueAt!: string;
}

export class RfiRoutedData extends RfiEventData {
  @ValidateNested({ each: true })
  @Type(() => AssignmentEventRef)
  assignments!: AssignmentEventRef[];
}

export class RfiAssignmentEventData extends RfiEventData {
  @ValidateNested()
  @Type(() => AssignmentEventRef)
  assignment!: AssignmentEventRef;
}

export const ESCALATION_TARGETS = ['RECIPIENT', 'FOCAL_POINT', 'SECRETARIAT'] as const;

export class RfiOverdueData extends RfiAssignmentEventData {
  @IsInt()
  @Min(1)
  @Max(3)
  escalationLevel!: number;

  @IsIn(ESCALATION_TARGETS)
  escalateTo!: (typeof ESCALATION_TARGETS)[number];
}

export const RfiEvents = {
  submitted: defineEvent('rfi.submitted', Topics.rfiEvents, RfiEventData),
  routed: defineEvent('rfi.routed', Topics.rfiEvents, RfiRoutedData),
  acknowledged: defineEvent('rfi.acknowledged', Topics.rfiEvents, RfiAssignmentEventData),
  responded: defineEvent('rfi.responded', Topics.rfiEvents, RfiAssignmentEventData),
  declined: defineEvent('rfi.declined', Topics.rfiEvents, RfiAssignmentEventData),
  clarificationRequested: defineEvent(
    'rfi.clarification-requested',
    Topics.rfiEvents,
    RfiAssignmentEventData,
  ),
  overdue: defineEvent('rfi.overdue', Topics.rfiEvents, RfiOverdueData),
  closed: defineEvent('rfi.closed', Topics.rfiEvents, RfiEventData),
  withdrawn: defineEvent('rfi.withdrawn', Topics.rfiEvents, RfiEventData),
  rejected: defineEvent('rfi.rejected', Topics.rfiEvents, RfiEventData),
} as const;

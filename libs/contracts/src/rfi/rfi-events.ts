import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PARTY_CODE } from '../input-patterns';
import { EventTopics } from '../events/event-topics';
import { defineEvent } from '../events/event-catalog';
import { Topics } from '../kafka/topics';
import {
  CHANNELS,
  Channel,
  ENTITY_TYPES,
  EntityType,
  HANDLING_CODES,
  HandlingCode,
  MESSAGE_KINDS,
  MessageKind,
  PRIORITIES,
  Priority,
} from '@bp/domain-kernel';

// Event data carries routing metadata only, never a question, an answer or a title: anyone who
// consumes the topic would otherwise read what need-to-know hides, and the topic outlives the
// request's retention (a title may name a person).

export class RfiEventData {
  @IsUUID()
  rfiId!: string;

  @IsString()
  reference!: string;

  @IsString()
  requesterParty!: string;

  @IsIn(PRIORITIES)
  priority!: Priority;

  // Optional fields keep version 1: events written before them are still valid (docs/ADDING.md).
  /**
   * No longer written: a title may name a person, and this topic is kept for good, past the
   * request's retention. Events written before carry it; consumers do not read it.
   */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  /**
   * Parties with an assignment of their own (to the party, not to an officer): their focal points
   * are recipients and may see the request. Who may be told of it follows from this.
   */
  @IsOptional()
  @Matches(PARTY_CODE, { each: true })
  recipientParties?: string[];

  /**
   * The request's topics (codes such as DOCUMENT_FRAUD): metadata, shown to everyone who may see
   * the request (the secretariat on METADATA_ONLY too), so that figures can be kept per topic.
   */
  @EventTopics()
  topics?: string[];
}

export class AssignmentEventRef {
  @IsUUID()
  assignmentId!: string;

  @IsString()
  recipientParty!: string;

  @IsOptional()
  @IsUUID()
  officerId!: string | null;

  /**
   * The posting an officer's assignment was made under: it is the officer's only while that
   * posting lasts (the rfi-service's need to know). Optional: absent in earlier events.
   */
  @IsOptional()
  @IsUUID()
  postingId?: string | null;

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

/** The requester clarified: for one assignment, or for all that asked (assignments). */
export class RfiClarifiedData extends RfiEventData {
  @ValidateNested({ each: true })
  @Type(() => AssignmentEventRef)
  assignments!: AssignmentEventRef[];
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

/**
 * A file was attached (metadata only: never its name or bytes). `messageId` null: on the request
 * itself (the requester's draft). Who may see it follows the message it goes with: its kind and
 * assignment are given so consumers can tell without asking.
 */
export class RfiAttachmentAddedData extends RfiEventData {
  @IsUUID()
  attachmentId!: string;

  @IsOptional()
  @IsUUID()
  messageId!: string | null;

  @IsOptional()
  @IsIn(MESSAGE_KINDS)
  messageKind!: MessageKind | null;

  @IsOptional()
  @IsUUID()
  assignmentId!: string | null;

  @IsString()
  @MaxLength(200)
  contentType!: string;

  @IsInt()
  @Min(0)
  size!: number;

  @IsIn(HANDLING_CODES)
  handlingCode!: HandlingCode;
}

/**
 * The request's new entities match those of another request (a possible link): for the
 * secretariat, which may put the two requesters in contact, and for this request's requester,
 * who is told only that a link may exist. The other request's reference goes to the secretariat
 * alone; no entity's values travel.
 */
export class RfiPossibleLinkData extends RfiEventData {
  @IsUUID()
  linkId!: string;

  @IsUUID()
  linkedRfiId!: string;

  @IsString()
  @MaxLength(40)
  linkedReference!: string;

  @IsIn(ENTITY_TYPES, { each: true })
  entityTypes!: EntityType[];

  /** rfi.link-refused: whether this request's party refused (else the other request's did). */
  @IsOptional()
  @IsBoolean()
  refusedHere?: boolean;
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
  clarified: defineEvent('rfi.clarified', Topics.rfiEvents, RfiClarifiedData),
  /**
   * The assignment has used its share of time (the rfi-service's RFI_DUE_SOON_SHARE) and is still
   * open: its holder is reminded, once. Never sent for one that was already overdue.
   */
  dueSoon: defineEvent('rfi.due-soon', Topics.rfiEvents, RfiAssignmentEventData),
  overdue: defineEvent('rfi.overdue', Topics.rfiEvents, RfiOverdueData),
  /**
   * An officer's posting ended with the assignment open: it now names the party's focal point
   * (officerId null), or, where that focal point had its own, it was closed (officerId kept).
   */
  handedOver: defineEvent('rfi.handed-over', Topics.rfiEvents, RfiAssignmentEventData),
  closed: defineEvent('rfi.closed', Topics.rfiEvents, RfiEventData),
  withdrawn: defineEvent('rfi.withdrawn', Topics.rfiEvents, RfiEventData),
  rejected: defineEvent('rfi.rejected', Topics.rfiEvents, RfiEventData),
  attachmentAdded: defineEvent('rfi.attachment-added', Topics.rfiEvents, RfiAttachmentAddedData),
  possibleLinkFound: defineEvent('rfi.possible-link-found', Topics.rfiEvents, RfiPossibleLinkData),
  /** The secretariat asked this request's party whether it agrees to be put in contact. */
  linkConsentAsked: defineEvent('rfi.link-consent-asked', Topics.rfiEvents, RfiPossibleLinkData),
  /** Both parties agreed: each may now know the other request. */
  linkOpened: defineEvent('rfi.link-opened', Topics.rfiEvents, RfiPossibleLinkData),
  linkRefused: defineEvent('rfi.link-refused', Topics.rfiEvents, RfiPossibleLinkData),
  /**
   * The request's retention ended and its bodies were deleted: only the reference and the metadata
   * remain. Others keep no title or body of it (events never carried them), so this is for
   * national systems and audits to hear of the deletion.
   */
  deleted: defineEvent('rfi.deleted', Topics.rfiEvents, RfiEventData),
} as const;

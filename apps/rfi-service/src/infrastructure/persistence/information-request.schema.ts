import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { InformationRequest } from '../../domain/information-request';
import { Assignment } from '../../domain/assignment';
import { RfiMessage } from '../../domain/rfi-message';
import { RfiAttachment } from '../../domain/rfi-attachment';

// The domain classes carry no ORM decorators; these schemas map them. Property names become
// snake_case columns by MikroORM's default naming strategy.

export const InformationRequestSchema = new EntitySchema<InformationRequest>({
  class: InformationRequest,
  tableName: 'information_request',
  properties: {
    id: { type: 'uuid', primary: true },
    reference: { type: 'string', unique: true },
    requesterParty: { type: 'string' },
    createdBy: { type: 'uuid' },
    title: { type: 'text' },
    question: { type: 'text' },
    topics: { type: 'string[]' },
    priority: { type: 'string' },
    channel: { type: 'string' },
    targetParties: { type: 'string[]' },
    handlingCode: { type: 'string' },
    handlingNote: { type: 'text', nullable: true },
    secretariatAccess: { type: 'string' },
    language: { type: 'string' },
    status: { type: 'string' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    submittedAt: { type: 'datetime', nullable: true },
    routedAt: { type: 'datetime', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
    outcome: { type: 'text', nullable: true },
    rejectionReason: { type: 'text', nullable: true },
    withdrawalReason: { type: 'text', nullable: true },
    deletedAt: { type: 'datetime', nullable: true },
    version: { type: 'integer' },
    // Stored in rfi_assignment and attached by the repository.
    assignments: { type: 'json', persist: false },
  },
});

export const AssignmentSchema = new EntitySchema<Assignment>({
  class: Assignment,
  tableName: 'rfi_assignment',
  properties: {
    id: { type: 'uuid', primary: true },
    rfiId: { type: 'uuid' },
    recipientParty: { type: 'string' },
    officerId: { type: 'uuid', nullable: true },
    postingId: { type: 'uuid', nullable: true },
    ordinal: { type: 'integer' },
    status: { type: 'string' },
    assignedAt: { type: 'datetime' },
    dueAt: { type: 'datetime' },
    pausedSince: { type: 'datetime', nullable: true },
    acknowledgedAt: { type: 'datetime', nullable: true },
    respondedAt: { type: 'datetime', nullable: true },
    declinedAt: { type: 'datetime', nullable: true },
    declineReason: { type: 'text', nullable: true },
    escalationLevel: { type: 'integer' },
    dueSoonRemindedAt: { type: 'datetime', nullable: true },
    isOpen: { type: 'boolean', persist: false, getter: true },
  },
});

export const RfiMessageSchema = new EntitySchema<RfiMessage>({
  class: RfiMessage,
  tableName: 'rfi_message',
  properties: {
    id: { type: 'uuid', primary: true },
    rfiId: { type: 'uuid' },
    assignmentId: { type: 'uuid', nullable: true },
    kind: { type: 'string' },
    authorUserId: { type: 'uuid' },
    authorRole: { type: 'string' },
    authorParty: { type: 'string', nullable: true },
    body: { type: 'text' },
    handlingCode: { type: 'string' },
    handlingNote: { type: 'text', nullable: true },
    sourceReliability: { type: 'string', nullable: true },
    accuracy: { type: 'integer', nullable: true },
    releasability: { type: 'string', nullable: true },
    postedAt: { type: 'datetime' },
  },
});

export const RfiAttachmentSchema = new EntitySchema<RfiAttachment>({
  class: RfiAttachment,
  tableName: 'rfi_attachment',
  properties: {
    id: { type: 'uuid', primary: true },
    rfiId: { type: 'uuid' },
    messageId: { type: 'uuid', nullable: true },
    blobId: { type: 'uuid' },
    filename: { type: 'text' },
    contentType: { type: 'text' },
    // bigint comes back from pg as text: a file is far below 2^53 bytes.
    size: { type: new BigIntType('number') },
    sha256: { type: 'text' },
    handlingCode: { type: 'string' },
    uploadedByUserId: { type: 'uuid' },
    uploadedByRole: { type: 'string' },
    uploadedByParty: { type: 'string', nullable: true },
    uploadedAt: { type: 'datetime' },
  },
});

export const RFI_ENTITIES = [
  InformationRequestSchema,
  AssignmentSchema,
  RfiMessageSchema,
  RfiAttachmentSchema,
];

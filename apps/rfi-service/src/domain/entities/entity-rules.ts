import { ConflictError, EntityType, NotFoundError } from '@bp/domain-kernel';
import {
  ContributionRefusals,
  ContributionTarget,
  checkMayContribute,
} from '../contribution-rules';
import {
  AccessFacts,
  MessageVisibility,
  Relation,
  RfiActor,
  canReadBodies,
  messageVisibility,
} from '../need-to-know';
import { EntityErrors } from '../rfi-errors';
import { EntityValues } from './rfi-entity';

/**
 * The most entities one person adds to one request. Per person, as files are: what is left of a
 * shared quota would tell a caller of entities it may not see.
 */
export const MAX_ENTITIES_PER_PERSON = 200;

/** The message entities go with, as the rules need it; null for the request itself. */
export type EntityTarget = ContributionTarget;

const ENTITY_REFUSALS: ContributionRefusals = {
  things: 'Entities',
  notAllowed: EntityErrors.NOT_ALLOWED,
  notAuthor: EntityErrors.NOT_AUTHOR,
  draftOnly: EntityErrors.DRAFT_ONLY,
  closed: EntityErrors.CLOSED,
  messageNotFound: entityMessageNotFound,
};

/**
 * Who may add entities: as who may add anything to a request (contribution-rules.ts); a draft's
 * are matched once it is submitted. At most MAX_ENTITIES_PER_PERSON from one person.
 */
export function checkMayAddEntities(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  target: EntityTarget,
  /** Entities this caller has added to this request so far, and those it adds now. */
  count: { held: number; adding: number },
): void {
  checkMayContribute(actor, relation, rfi, target, ENTITY_REFUSALS);
  if (count.held + count.adding > MAX_ENTITIES_PER_PERSON)
    throw new ConflictError(
      EntityErrors.TOO_MANY,
      `You may add at most ${MAX_ENTITIES_PER_PERSON} entities to one request (you have added ${count.held})`,
    );
}

/**
 * What the caller may have of an entity: exactly what it may have of what it goes with, the
 * request's question or one message (need-to-know.ts). METADATA: that it exists and its type,
 * never its values (the secretariat on a METADATA_ONLY request, a response not released to it).
 */
export function entityAccess(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  target: EntityTarget,
): MessageVisibility {
  if (target === null) return canReadBodies(relation, rfi) ? 'FULL' : 'METADATA';
  return messageVisibility(actor, relation, rfi, target);
}

/**
 * Whether entities on `target` are matched against other requests (and others' against them):
 * those on the request itself and on its thread, but never a secretariat note's. A note is the
 * secretariat's alone; matching it would let the secretariat test any value against requests
 * whose values it may not read, and tell requesters that hidden entities exist.
 */
export function isMatched(target: EntityTarget): boolean {
  return target === null || target.kind !== 'NOTE';
}

export function entityMessageNotFound(id: string): NotFoundError {
  return new NotFoundError(EntityErrors.MESSAGE_NOT_FOUND, `No message ${id} on this request`);
}

/** The fields each type has: what it needs, and what it may have besides. */
const FIELDS: Record<EntityType, { required: readonly string[]; optional: readonly string[] }> = {
  PERSON: { required: ['names', 'role'], optional: ['dateOfBirth', 'nationality', 'minor'] },
  DOCUMENT: { required: ['documentType', 'number', 'issuingCountry'], optional: ['validUntil'] },
  VEHICLE: { required: ['identifier'], optional: ['registrationCountry'] },
  VESSEL: { required: ['identifier'], optional: ['registrationCountry'] },
  PHONE: { required: ['number'], optional: [] },
  ORGANISATION: { required: ['name'], optional: [] },
  ROUTE_SEGMENT: { required: ['fromCountry', 'toCountry', 'mode'], optional: [] },
};

/** E.164: a phone number as it is dialled from abroad. */
export const PHONE_NUMBER = /^\+[1-9][0-9]{6,14}$/;

export interface EntityInput {
  type: EntityType;
  [field: string]: unknown;
}

export interface ShapeFault {
  field: string;
  message: string;
}

/**
 * What is wrong with the shape of one entity as sent (the formats of the fields are checked
 * before): a field its type lacks, one its type needs, a phone number that is not E.164, a route
 * segment that goes nowhere. `at` names the entity in the faults (`entities[2]`).
 */
export function shapeFaultsOf(input: EntityInput, at: string): ShapeFault[] {
  const { required, optional } = FIELDS[input.type];
  // Null is no value: a field sent as null is as missing as one not sent (and never "null").
  const present = Object.keys(input).filter(
    (field) => field !== 'type' && input[field] !== undefined && input[field] !== null,
  );
  const faults: ShapeFault[] = [
    ...present
      .filter((field) => !required.includes(field) && !optional.includes(field))
      .map((field) => ({ field: `${at}.${field}`, message: `a ${input.type} has no ${field}` })),
    ...required
      .filter((field) => !present.includes(field))
      .map((field) => ({ field: `${at}.${field}`, message: `a ${input.type} needs ${field}` })),
  ];
  if (
    input.type === 'PHONE' &&
    typeof input.number === 'string' &&
    !PHONE_NUMBER.test(input.number)
  )
    faults.push({
      field: `${at}.number`,
      message: 'a phone number in E.164: + and up to 15 digits',
    });
  if (input.type === 'ROUTE_SEGMENT' && input.fromCountry === input.toCountry)
    faults.push({
      field: `${at}.toCountry`,
      message: 'a segment goes from one country to another',
    });
  return faults;
}

/** The values of an entity whose shape has no fault (shapeFaultsOf), trimmed and with defaults. */
export function entityValuesOf(input: EntityInput): EntityValues {
  const text = (field: string) => String(input[field]).trim();
  const optionalText = (field: string) => (input[field] == null ? null : text(field));
  switch (input.type) {
    case 'PERSON':
      return {
        type: 'PERSON',
        names: [...new Set((input.names as string[]).map((name) => name.trim()))],
        dateOfBirth: optionalText('dateOfBirth'),
        nationality: optionalText('nationality'),
        role: input.role as never,
        minor: input.minor === true,
      };
    case 'DOCUMENT':
      return {
        type: 'DOCUMENT',
        documentType: input.documentType as never,
        number: text('number'),
        issuingCountry: text('issuingCountry'),
        validUntil: optionalText('validUntil'),
      };
    case 'VEHICLE':
    case 'VESSEL':
      return {
        type: input.type,
        identifier: text('identifier'),
        registrationCountry: optionalText('registrationCountry'),
      };
    case 'PHONE':
      return { type: 'PHONE', number: text('number') };
    case 'ORGANISATION':
      return { type: 'ORGANISATION', name: text('name') };
    case 'ROUTE_SEGMENT':
      return {
        type: 'ROUTE_SEGMENT',
        fromCountry: text('fromCountry'),
        toCountry: text('toCountry'),
        mode: input.mode as never,
      };
  }
}

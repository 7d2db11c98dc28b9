import { DocumentType, EntityType, PersonRole, TransportMode } from '@bp/domain-kernel';

/** What a filer states of a person; `names` holds the spellings they know (transliterations). */
export interface PersonValues {
  names: string[];
  dateOfBirth: string | null;
  nationality: string | null;
  role: PersonRole;
  minor: boolean;
}

export interface DocumentValues {
  documentType: DocumentType;
  number: string;
  issuingCountry: string;
  validUntil: string | null;
}

/** A vehicle (plate, VIN) or a vessel (IMO number, name): found again by its identifier. */
export interface ConveyanceValues {
  identifier: string;
  registrationCountry: string | null;
}

export interface PhoneValues {
  /** E.164: + and up to 15 digits. */
  number: string;
}

export interface OrganisationValues {
  name: string;
}

export interface RouteSegmentValues {
  /** ISO 3166 alpha-3: routes cross countries that are not parties of the Process. */
  fromCountry: string;
  toCountry: string;
  mode: TransportMode;
}

export type EntityValues =
  | ({ type: 'PERSON' } & PersonValues)
  | ({ type: 'DOCUMENT' } & DocumentValues)
  | ({ type: 'VEHICLE' } & ConveyanceValues)
  | ({ type: 'VESSEL' } & ConveyanceValues)
  | ({ type: 'PHONE' } & PhoneValues)
  | ({ type: 'ORGANISATION' } & OrganisationValues)
  | ({ type: 'ROUTE_SEGMENT' } & RouteSegmentValues);

/**
 * A structured entity on a request (messageId null: seen by whoever may read the question) or on
 * one of its messages (seen by whoever may read that message). It has no handling code of its
 * own: it carries the one of what it is attached to, and goes wherever that goes, nowhere else.
 */
export interface RfiEntity {
  id: string;
  rfiId: string;
  messageId: string | null;
  values: EntityValues;
  addedByUserId: string;
  addedByParty: string | null;
  addedAt: Date;
}

export type { EntityType };

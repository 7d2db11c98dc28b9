/**
 * The words of structured entities on requests and their messages (docs/openapi.json): persons,
 * documents, conveyances, phones, organisations and route segments, as SIENA's UMF and MISP carry
 * them, so that two requests naming the same person or document can be found out.
 */
export const ENTITY_TYPES = [
  'PERSON',
  'DOCUMENT',
  'VEHICLE',
  'VESSEL',
  'PHONE',
  'ORGANISATION',
  'ROUTE_SEGMENT',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const PERSON_ROLES = ['SUSPECT', 'VICTIM', 'WITNESS', 'FACILITATOR'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const DOCUMENT_TYPES = [
  'PASSPORT',
  'ID_CARD',
  'VISA',
  'RESIDENCE_PERMIT',
  'TRAVEL_DOCUMENT',
  'OTHER',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const TRANSPORT_MODES = ['LAND', 'SEA', 'AIR', 'RAIL'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/**
 * A possible link between two requests: FOUND by the matching, ASKED by the secretariat of both
 * requesting parties, then LINKED when both agree or REFUSED when either does not.
 */
export const LINK_STATUSES = ['FOUND', 'ASKED', 'LINKED', 'REFUSED'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

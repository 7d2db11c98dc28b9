import { Actor, ENTITY_TYPES, EntityType } from '@bp/domain-kernel';
import { RfiAction, RfiChange } from '../rfi-change';
import { PossibleLink } from './link-consent';
import { matchScore } from './entity-match';
import { EntityValues, RfiEntity } from './rfi-entity';

/** An entity of another request the database proposed (it shares a match key with one added). */
export interface CandidateEntity {
  id: string;
  rfiId: string;
  values: EntityValues;
}

/** Two entities of two requests that the rule (entity-match.ts) says may be one. */
export interface EntityMatch {
  entityId: string;
  otherEntityId: string;
  type: EntityType;
  score: number;
}

/** What one request's new entities match in another: one possible link per other request. */
export interface LinkFound {
  otherRfiId: string;
  matches: EntityMatch[];
}

/** The possible links a request's newly matched entities make, one per other request. */
export function linksFound(
  added: readonly RfiEntity[],
  candidates: readonly CandidateEntity[],
): LinkFound[] {
  const byRfi = new Map<string, EntityMatch[]>();
  for (const entity of added)
    for (const candidate of candidates) {
      if (candidate.rfiId === entity.rfiId) continue;
      const score = matchScore(entity.values, candidate.values);
      if (score === null) continue;
      const matches = byRfi.get(candidate.rfiId) ?? [];
      matches.push({
        entityId: entity.id,
        otherEntityId: candidate.id,
        type: entity.values.type,
        score: Math.round(score * 1000) / 1000,
      });
      byRfi.set(candidate.rfiId, matches);
    }
  return [...byRfi]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([otherRfiId, matches]) => ({ otherRfiId, matches }));
}

/** The types that matched, each once, in the vocabulary's order: all a requester is told of them. */
export function matchedTypes(matches: readonly EntityMatch[]): EntityType[] {
  const types = new Set(matches.map((match) => match.type));
  return ENTITY_TYPES.filter((type) => types.has(type));
}

/** Details of a link line that name the other request: the secretariat's alone, until LINK_OPENED. */
export const LINKED_REQUEST_DETAILS = ['linkedRfiId', 'linkedReference'] as const;

/** The lines of a link's life, the requester's and the secretariat's to see (history-visibility.ts). */
export const LINK_ACTIONS: readonly RfiAction[] = [
  'POSSIBLE_LINK_FOUND',
  'LINK_CONSENT_ASKED',
  'LINK_CONSENT_GIVEN',
  'LINK_CONSENT_REFUSED',
  'LINK_OPENED',
];

/**
 * A step of a link's consent as a line in one of its two requests: asked (by the secretariat),
 * given or refused (by the party of the request whose line it is, or, in the other request's
 * line, by no one named: the other party's people are not this request's to know), opened.
 */
export function linkStepChange(
  action: Exclude<RfiAction, 'POSSIBLE_LINK_FOUND'>,
  link: PossibleLink,
  other: { id: string; reference: string },
  actor: Actor | null,
  at: Date,
): RfiChange {
  return {
    action,
    at,
    actor,
    details: {
      linkId: link.id,
      entityTypes: link.entityTypes,
      linkedRfiId: other.id,
      linkedReference: other.reference,
    },
  };
}

/**
 * The history line a possible link leaves in one of its two requests: the link, the types that
 * matched, the other request (which history-visibility.ts shows the secretariat only), and
 * whether this request's change found it (only that one is announced: the secretariat hears of a
 * link once). No one acted: the system found it.
 */
export function possibleLinkChange(
  link: { id: string; entityTypes: readonly EntityType[] },
  other: { id: string; reference: string },
  at: Date,
  foundHere: boolean,
): RfiChange {
  return {
    action: 'POSSIBLE_LINK_FOUND',
    at,
    actor: null,
    details: {
      linkId: link.id,
      entityTypes: [...link.entityTypes],
      linkedRfiId: other.id,
      linkedReference: other.reference,
      foundHere,
    },
  };
}

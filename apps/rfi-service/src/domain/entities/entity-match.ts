import { EntityType } from '@bp/domain-kernel';
import { foldOrganisationName, foldPersonName } from './name-folding';
import { EntityValues, PersonValues } from './rfi-entity';
import { setSimilarity, trigramSimilarity, trigramsOf } from './trigrams';

/**
 * When two entities of different requests may be one and the same (a possible link), stated once:
 *
 * - PERSON: the best trigram similarity between any spelling of the one and any of the other,
 *   both folded without particles (al, van: name-folding.ts), is at least 0.6 when both give the same date of birth, and at
 *   least 0.85 when either gives none (Ivan and Ivana Petrović are 0.81 alike). Two different dates of birth are two persons, however alike
 *   the names. A single-word name (a first name, an alias) links only with the same date of birth.
 * - DOCUMENT: the same number (letters and digits only, case ignored) from the same issuing
 *   country; the document type may differ (a passport recorded as a travel document).
 * - VEHICLE, VESSEL: the same identifier (letters and digits only, case ignored), and the same
 *   registration country when both give one.
 * - PHONE: the same E.164 number.
 * - ORGANISATION: folded names, without legal forms (d.o.o., GmbH), at least 0.8 similar.
 * - ROUTE_SEGMENT: never: the same leg of a route is common knowledge, not a link between cases.
 */
export const MATCH_THRESHOLDS = {
  personWithSameBirthDate: 0.6,
  person: 0.85,
  organisation: 0.8,
} as const;

/**
 * A key the database finds candidates by, exactly (a b-tree, no extension): each folded word of a
 * name, the number of a document, a phone or a conveyance. Two names that the rule above links
 * share at least one folded word in practice (a name 0.85 alike differs in a letter or two of
 * one word); two spellings that share none are not proposed, whatever their similarity.
 */
export interface MatchKey {
  kind: MatchKeyKind;
  key: string;
}
export type MatchKeyKind = 'NAME_WORD' | 'ORGANISATION_WORD' | 'DOCUMENT' | 'CONVEYANCE' | 'PHONE';

/** Words too short to tell names apart (initials, particles left over) are no keys. */
const SHORTEST_KEY_WORD = 3;
/**
 * The words of one spelling that become keys, at most: a name has a few, and each key is a lock
 * and a lookup when the entity is matched. Numbers are no name words.
 */
const KEY_WORDS_PER_SPELLING = 6;

function wordKeys(kind: MatchKeyKind, folded: readonly string[]): MatchKey[] {
  const words = folded.flatMap((name) =>
    name
      .split(' ')
      .filter((word) => word.length >= SHORTEST_KEY_WORD && !/\d/.test(word))
      .slice(0, KEY_WORDS_PER_SPELLING),
  );
  return [...new Set(words)].map((key) => ({ kind, key }));
}

export function matchKeysOf(values: EntityValues): MatchKey[] {
  switch (values.type) {
    case 'PERSON':
      return wordKeys('NAME_WORD', values.names.map(foldPersonName));
    case 'ORGANISATION':
      return wordKeys('ORGANISATION_WORD', [foldOrganisationName(values.name)]);
    case 'DOCUMENT':
      return [{ kind: 'DOCUMENT', key: `${values.issuingCountry}:${identifier(values.number)}` }];
    case 'VEHICLE':
    case 'VESSEL':
      return [{ kind: 'CONVEYANCE', key: `${values.type}:${identifier(values.identifier)}` }];
    case 'PHONE':
      return [{ kind: 'PHONE', key: values.number }];
    case 'ROUTE_SEGMENT':
      return [];
  }
}

/** How alike two entities are, in (0, 1], when the rule says they may be one; null otherwise. */
export function matchScore(a: EntityValues, b: EntityValues): number | null {
  if (a.type === 'PERSON' && b.type === 'PERSON') return personScore(a, b);
  if (a.type === 'ORGANISATION' && b.type === 'ORGANISATION') {
    const score = trigramSimilarity(foldOrganisationName(a.name), foldOrganisationName(b.name));
    return score >= MATCH_THRESHOLDS.organisation ? score : null;
  }
  if (a.type !== b.type || a.type === 'ROUTE_SEGMENT') return null;
  const [left, right] = [matchKeysOf(a)[0]!, matchKeysOf(b)[0]!];
  if (left.key !== right.key) return null;
  if (
    (a.type === 'VEHICLE' || a.type === 'VESSEL') &&
    (b.type === 'VEHICLE' || b.type === 'VESSEL')
  )
    if (
      a.registrationCountry &&
      b.registrationCountry &&
      a.registrationCountry !== b.registrationCountry
    )
      return null;
  return 1;
}

function personScore(a: PersonValues, b: PersonValues): number | null {
  if (a.dateOfBirth && b.dateOfBirth && a.dateOfBirth !== b.dateOfBirth) return null;
  const sameBirthDate = a.dateOfBirth !== null && a.dateOfBirth === b.dateOfBirth;
  let best = 0;
  for (const left of spellingsOf(a))
    for (const right of spellingsOf(b)) {
      if ((left.singleWord || right.singleWord) && !sameBirthDate) continue;
      best = Math.max(best, setSimilarity(left.trigrams, right.trigrams));
    }
  const threshold = sameBirthDate
    ? MATCH_THRESHOLDS.personWithSameBirthDate
    : MATCH_THRESHOLDS.person;
  return best >= threshold ? best : null;
}

interface Spelling {
  trigrams: ReadonlySet<string>;
  singleWord: boolean;
}

/**
 * A person's spellings folded and cut into trigrams once, however many candidates they meet: a
 * request's entities are weighed against hundreds, and folding is the costly part.
 */
const spellings = new WeakMap<PersonValues, Spelling[]>();

function spellingsOf(person: PersonValues): Spelling[] {
  let known = spellings.get(person);
  if (!known) {
    known = person.names.map(foldPersonName).map((folded) => ({
      trigrams: trigramsOf(folded),
      singleWord: !folded.includes(' '),
    }));
    spellings.set(person, known);
  }
  return known;
}

function identifier(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export type { EntityType };

import { LinkSide, PossibleLink } from '../domain/entities/link-consent';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function basics(link: PossibleLink) {
  return {
    id: link.id,
    status: link.status,
    entityTypes: link.entityTypes,
    foundAt: link.foundAt.toISOString(),
    askedAt: iso(link.askedAt),
    decidedAt: iso(link.decidedAt),
  };
}

/** A link as the secretariat sees it: both requests by reference, and each side's answer. */
export function overseenLinkView(link: PossibleLink, references: ReadonlyMap<string, string>) {
  const side = (id: string, consent: boolean | null) => ({
    id,
    reference: references.get(id) ?? null,
    consent,
  });
  return {
    ...basics(link),
    requests: [
      side(link.firstRfiId, link.firstConsent),
      side(link.secondRfiId, link.secondConsent),
    ],
  };
}

/**
 * A link as one of its requesters sees it: its own answer, and the other request only once both
 * agreed. The other party's answer stays its own until then.
 */
export function requesterLinkView(
  link: PossibleLink,
  side: LinkSide,
  references: ReadonlyMap<string, string>,
) {
  const other = side === 'first' ? link.secondRfiId : link.firstRfiId;
  return {
    ...basics(link),
    yourConsent: side === 'first' ? link.firstConsent : link.secondConsent,
    linkedRequest:
      link.status === 'LINKED' ? { id: other, reference: references.get(other) ?? null } : null,
  };
}

import { Actor } from '@bp/contracts';
import { PUBLIC_POSTING_STATUSES } from '../../domain/need-to-know';

/**
 * The need-to-know rule of domain/need-to-know.ts (relationToPosting, maySeePosting) as a query
 * condition, so that lists never reach a posting the caller may not see. The unit test drives both
 * with the same cases.
 */
export function visiblePostings(actor: Actor): Record<string, unknown> {
  const published = { status: { $in: [...PUBLIC_POSTING_STATUSES] } };
  switch (actor.role) {
    case 'secretariat':
      return {};
    case 'focal_point':
      if (!actor.party) return published;
      return { $or: [published, { sendingParty: actor.party }, { hostParty: actor.party }] };
    case 'liaison_officer':
      if (!actor.officerId) return published;
      return { $or: [published, { officerId: actor.officerId }] };
    default:
      return published;
  }
}

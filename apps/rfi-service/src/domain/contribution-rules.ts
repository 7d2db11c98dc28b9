import { ConflictError, ErrorCode, ForbiddenError, NotFoundError } from '@bp/domain-kernel';
import { AccessFacts, MessageFacts, Relation, RfiActor, messageVisibility } from './need-to-know';

/** The message something goes with, as the rules need it; null for the request itself. */
export type ContributionTarget = (MessageFacts & { id: string }) | null;

/** How one kind of addition (files, entities) is refused, in its own codes and words. */
export interface ContributionRefusals {
  /** Plural, capitalised: "Files", "Entities". */
  things: string;
  notAllowed: ErrorCode;
  notAuthor: ErrorCode;
  draftOnly: ErrorCode;
  closed: ErrorCode;
  messageNotFound: (id: string) => NotFoundError;
}

/**
 * Who may add to a request (files, entities): the requester to its request while it is a draft
 * (after that, additions go with a message: the record of what was asked does not change under
 * its readers); the author of a message to that message, while the request is routed. A message
 * the caller may not see does not exist for it.
 */
export function checkMayContribute(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  target: ContributionTarget,
  refusals: ContributionRefusals,
): void {
  const things = refusals.things.toLowerCase();
  if (target === null) {
    if (relation !== 'REQUESTER')
      throw new ForbiddenError(
        refusals.notAllowed,
        `Only the requester adds ${things} to the request itself; others add them to their message`,
      );
    if (rfi.status !== 'DRAFT')
      throw new ConflictError(
        refusals.draftOnly,
        `${refusals.things} go on the request itself only while it is a draft (it is ${rfi.status}); add them to a message`,
      );
    return;
  }
  if (messageVisibility(actor, relation, rfi, target) === 'HIDDEN')
    throw refusals.messageNotFound(target.id);
  if (target.authorUserId !== actor.userId)
    throw new ForbiddenError(
      refusals.notAuthor,
      `Only the author of a message adds ${things} to it`,
    );
  if (rfi.status !== 'ROUTED')
    throw new ConflictError(
      refusals.closed,
      `${refusals.things} cannot be added to a request that is ${rfi.status}`,
    );
}

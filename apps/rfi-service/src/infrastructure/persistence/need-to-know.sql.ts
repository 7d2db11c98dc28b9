import { Actor } from '@bp/contracts';
import { SqlFragment, sql } from './sql-fragment';
import { HOLD_ACTIONS, READ_ACTIONS } from '../../domain/history-visibility';
import { LINK_ACTIONS } from '../../domain/entities/possible-links';

/*
 * Need to know in SQL: the translation, and the only one, of the domain's rules for queries that
 * read many RFIs at once (lists, counts, searches, similar requests), where loading every aggregate
 * to ask the domain is not an option. The rules themselves are the domain's:
 *
 * - which RFIs a caller may see at all: relationTo in domain/need-to-know.ts;
 * - which of their assignments it may see: visibleAssignments in application/rfi-views.ts, that
 *   is InformationRequest.assignmentsOf for a recipient;
 * - which RFIs are the caller's own (the sent and received boxes): InformationRequest.isRequester
 *   and assignmentsOf;
 * - whose question a search may look into: canReadBodies in domain/need-to-know.ts;
 * - when it last saw the RFI change: visibleVersion in domain/history-visibility.ts.
 *
 * In every fragment `r` is the information_request row and `a` an rfi_assignment row of it.
 * apps/rfi-service/test/need-to-know-agreement.int-spec.ts checks, over generated RFIs and callers,
 * that these fragments and the domain agree on every pair: change the two together.
 */

/** The RFIs the caller filed for its party (InformationRequest.isRequester): a focal point's. */
export function requestedBy(actor: Actor): SqlFragment {
  return actor.role === 'focal_point' ? sql('r.requester_party = ?', actor.party) : sql('false');
}

/**
 * Whether the rfi_assignment row `alias` is one the caller answers for
 * (InformationRequest.assignmentsOf): its party's (focal point) or its own (officer). The
 * secretariat answers for no party, even one whose code its users once carried (ICMPD).
 */
export function ownAssignment(actor: Actor, alias: string): SqlFragment {
  switch (actor.role) {
    case 'focal_point':
      return sql(`${alias}.recipient_party = ? and ${alias}.officer_id is null`, actor.party);
    case 'liaison_officer':
      // Made to them under the posting they are on now (isOfficersOwn): those of an ended posting
      // are not theirs any more, even when the officer is posted again.
      return sql(
        `${alias}.officer_id = ? and ${alias}.posting_id = (select p.deployment_id from posting p where p.officer_id = ? and p.status = 'ACTIVE' limit 1)`,
        actor.officerId,
        actor.officerId,
      );
    default:
      return sql('false');
  }
}

/**
 * Whether the RFI holds an assignment of the focal point's party (some `ownAssignment` row), from
 * the column the database keeps (focal-recipients.migration.ts): it lets lists use an index.
 */
export function routedToParty(actor: Actor): SqlFragment {
  return sql('r.focal_recipients @> array[?]::text[]', actor.party);
}

/**
 * `rfi`: the RFIs the caller may see (relationTo is not null). `visibleAssignment`: which
 * assignments filters may look at: a recipient must not learn who else was asked by filtering on
 * it.
 */
export function visibility(actor: Actor): { rfi: SqlFragment; visibleAssignment: SqlFragment } {
  const requester = requestedBy(actor);
  const own = ownAssignment(actor, 'a');
  switch (actor.role) {
    case 'focal_point':
      return {
        rfi: sql(
          `(${requester.text} or (r.submitted_at is not null and ${routedToParty(actor).text}))`,
          ...requester.params,
          ...routedToParty(actor).params,
        ),
        visibleAssignment: sql(
          `(${requester.text} or (${own.text}))`,
          ...requester.params,
          ...own.params,
        ),
      };
    case 'secretariat':
      return { rfi: sql(`r.submitted_at is not null`), visibleAssignment: sql('true') };
    case 'liaison_officer':
      // Only while actively posted: the RFIs routed to the officer under that posting and those
      // between their sending and host party, where the other party's focal points were asked
      // (an officer's assignment does not make the host a recipient).
      return {
        rfi: sql(
          `r.submitted_at is not null and exists (select 1 from posting p where p.officer_id = ? and p.status = 'ACTIVE' and (
             exists (select 1 from rfi_assignment v where v.rfi_id = r.id and v.officer_id = ? and v.posting_id = p.deployment_id)
             or (r.requester_party = p.sending_party and r.focal_recipients @> array[p.host_party])
             or (r.requester_party = p.host_party and r.focal_recipients @> array[p.sending_party])))`,
          actor.officerId,
          actor.officerId,
        ),
        visibleAssignment: own,
      };
    default:
      return { rfi: sql('false'), visibleAssignment: sql('false') };
  }
}

/**
 * What a text search may look at (canReadBodies in domain/need-to-know.ts): the secretariat finds a
 * METADATA_ONLY request by its title, never by the question it may not read; everyone else who
 * sees a request may read its question.
 */
export function searchableText(actor: Actor): string {
  return actor.role === 'secretariat'
    ? `case when r.secretariat_access = 'FULL' then r.full_search else r.title_search end`
    : 'r.full_search';
}

/**
 * When the caller last saw the RFI change: the time of the last history line it may see (the rule
 * of domain/history-visibility.ts, in SQL). `r.updated_at` would tell a recipient that others acted.
 * Last by position, not the latest time: the clocks of two replicas may disagree by a little, and
 * the line written last is the change that happened last (commands on an RFI hold its row lock).
 */
/**
 * The read actions (history-visibility.ts), as SQL literals: constants, never input. Written out,
 * not bound, so that the planner can use the index of the history without its reads
 * (history-changes-index.migration.ts).
 */
export const READS = READ_ACTIONS.map((action) => `'${action}'`).join(', ');
/** The lines of links and legal holds, the requester's and the secretariat's only. */
const LINKS = [...LINK_ACTIONS, ...HOLD_ACTIONS].map((action) => `'${action}'`).join(', ');

export function visibleUpdatedAt(actor: Actor): SqlFragment {
  const lastChange = (where = '') =>
    `(select h.at from rfi_history h where h.rfi_id = r.id and h.action not in (${READS}) ${where}
      order by h.id desc limit 1)`;
  const requester = requestedBy(actor);
  const own = ownAssignment(actor, 'o');
  switch (actor.role) {
    case 'secretariat':
      return sql(lastChange());
    case 'focal_point':
    case 'liaison_officer':
      return sql(
        lastChange(`and h.action <> 'NOTE_ADDED' and h.details ->> 'messageKind' is distinct from 'NOTE' and (
           ${requester.text}
           or (h.assignment_id is null and h.action not in ('ROUTED', ${LINKS}))
           or exists (select 1 from rfi_assignment o where o.id = h.assignment_id and ${own.text})
           or (h.action = 'ROUTED' and exists (select 1 from rfi_assignment o
                 cross join jsonb_array_elements(h.details -> 'recipients') e
                 where o.rfi_id = r.id and o.id::text = e ->> 'assignmentId' and ${own.text})))`),
        ...requester.params,
        ...own.params,
        ...own.params,
      );
    default:
      return sql('null::timestamptz');
  }
}

import { Actor } from '@bp/domain-kernel';
import { AccessFacts, Relation, RfiActor, isOwnAssignment } from './need-to-know';
import { LINKED_REQUEST_DETAILS, LINK_ACTIONS } from './entities/possible-links';

/** One line of an RFI's history as stored: who did what, when, to which assignment. */
export interface HistoryEntry {
  /** Position in the history: strictly increasing, so it orders and pages the history. */
  position: number;
  at: Date;
  action: string;
  actor: { userId: string; username: string; role: string; party: string | null } | null;
  assignmentId: string | null;
  details: Record<string, unknown>;
}

/** Legal holds are the requester's and the secretariat's business (their reasons stay with them). */
export const HOLD_ACTIONS: readonly string[] = ['LEGAL_HOLD_PLACED', 'LEGAL_HOLD_RELEASED'];

/** Reads change nothing: they are history, but not versions of what a caller sees. */
export const READ_ACTIONS: readonly string[] = ['BODY_READ', 'ATTACHMENT_DOWNLOADED'];
const READS = new Set(READ_ACTIONS);

/** A line about a file of a secretariat note is as internal as the note. */
function isAboutNote(entry: Pick<HistoryEntry, 'action' | 'details'>): boolean {
  return entry.action === 'NOTE_ADDED' || entry.details.messageKind === 'NOTE';
}

/** Free text that people typed, as opposed to codes and ids the system wrote. */
const FREE_TEXT_DETAILS = ['note'] as const;

interface RoutedRecipient {
  assignmentId?: unknown;
}

/**
 * What one caller may see of one history line, or null when the line is not theirs to see.
 *
 * - How a draft was drafted is the requester's alone: everyone else's history starts at its
 *   submission (visibleHistory; the SUBMITTED line names the files that went with it).
 * - A possible link to another request is the requester's and the secretariat's: the requester
 *   learns that one may exist, of which types, and how consent goes; which request it is, only
 *   once both parties agreed (LINK_OPENED). The secretariat sees it all along.
 * - The secretariat sees every other line; on a METADATA_ONLY request it sees no free text that
 *   others wrote (its own routing notes stay its own).
 * - The requester sees every line of its request except the secretariat's internal notes (and the
 *   lines about their files) and routing notes.
 * - A recipient (focal point or officer) sees the request-level lines, the lines of its own
 *   assignments, and its own party's reads; a routing line shows only its own assignments, and a
 *   forward to others is left out entirely. Who else was asked, what they did and who read what
 *   stay with the requester and the secretariat.
 */
export function visibleHistoryEntry(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  entry: HistoryEntry,
): HistoryEntry | null {
  if (HOLD_ACTIONS.includes(entry.action))
    return relation === 'REQUESTER' || relation === 'SECRETARIAT' ? entry : null;
  if (LINK_ACTIONS.includes(entry.action as never)) {
    if (relation === 'SECRETARIAT') return entry;
    if (relation !== 'REQUESTER') return null;
    // Which request it is, once both parties agreed to be put in contact.
    return entry.action === 'LINK_OPENED' ? entry : without(entry, LINKED_REQUEST_DETAILS);
  }
  if (relation === 'SECRETARIAT') {
    // System lines (handover notes) carry no one's words; the secretariat's own notes are its own.
    const othersWrote = entry.actor !== null && entry.actor.role !== 'secretariat';
    return rfi.secretariatAccess === 'METADATA_ONLY' && othersWrote
      ? withoutFreeText(entry)
      : entry;
  }
  if (isAboutNote(entry)) return null;
  if (relation === 'REQUESTER') return entry.action === 'ROUTED' ? withoutFreeText(entry) : entry;
  const own = new Set(ownAssignmentIds(actor, relation, rfi));
  if (READS.has(entry.action)) return isOwnSide(actor, relation, entry) ? entry : null;
  if (entry.action === 'ROUTED') {
    const recipients = (entry.details.recipients as RoutedRecipient[] | undefined) ?? [];
    const mine = recipients.filter(
      (r) => typeof r.assignmentId === 'string' && own.has(r.assignmentId),
    );
    if (!mine.length) return null;
    const shown = withoutFreeText(entry);
    return { ...shown, details: { ...shown.details, recipients: mine } };
  }
  if (entry.assignmentId !== null) return own.has(entry.assignmentId) ? entry : null;
  return entry;
}

/** The caller's view of the history: only the lines it may see, each as far as it may see it. */
export function visibleHistory(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  entries: readonly HistoryEntry[],
): HistoryEntry[] {
  const drafting = relation === 'REQUESTER' ? () => false : draftingOf(entries);
  return entries.flatMap((entry) => {
    const visible = drafting(entry) ? null : visibleHistoryEntry(actor, relation, rfi, entry);
    return visible ? [visible] : [];
  });
}

/**
 * The lines of the drafting: those before the submission's line, by position (clocks of two
 * replicas may disagree; the order of lines does not). A creation at the very instant of the
 * submission (filed and submitted at once) drafted nothing, and is shown.
 */
function draftingOf(entries: readonly HistoryEntry[]): (entry: HistoryEntry) => boolean {
  const submitted = entries.find((entry) => entry.action === 'SUBMITTED');
  if (!submitted) return () => true;
  return (entry) =>
    entry.position < submitted.position &&
    !(entry.action === 'CREATED' && entry.at.getTime() === submitted.at.getTime());
}

/**
 * The version of an RFI as one caller sees it: how many changes it can see. It moves when, and
 * only when, something the caller can see changes, so neither the ETag nor `version` tells a
 * recipient that others acted; If-Match is compared with the same number.
 */
export function visibleVersion(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  entries: readonly HistoryEntry[],
): { version: number; updatedAt: Date | null } {
  const changes = visibleHistory(actor, relation, rfi, entries).filter(
    (entry) => !READS.has(entry.action),
  );
  return { version: changes.length, updatedAt: changes[changes.length - 1]?.at ?? null };
}

function ownAssignmentIds(actor: RfiActor, relation: Relation, rfi: AccessFacts): string[] {
  return rfi.assignments.filter((a) => isOwnAssignment(a, actor, relation)).map((a) => a.id);
}

/** A recipient focal point sees its party's reads; an officer its own. */
function isOwnSide(actor: Actor, relation: Relation, entry: HistoryEntry): boolean {
  if (!entry.actor) return false;
  if (entry.actor.userId === actor.userId) return true;
  return (
    relation === 'RECIPIENT' &&
    entry.actor.role === 'focal_point' &&
    entry.actor.party === actor.party
  );
}

function withoutFreeText(entry: HistoryEntry): HistoryEntry {
  return without(entry, FREE_TEXT_DETAILS);
}

function without(entry: HistoryEntry, keys: readonly string[]): HistoryEntry {
  if (!keys.some((key) => key in entry.details)) return entry;
  const details = { ...entry.details };
  for (const key of keys) delete details[key];
  return { ...entry, details };
}

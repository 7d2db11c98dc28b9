import { Actor, MessageKind, Releasability, RfiStatus, SecretariatAccess } from '@bp/domain-kernel';

/** How the caller stands to an RFI. No relation means the RFI does not exist for them (404). */
export type Relation = 'REQUESTER' | 'RECIPIENT' | 'OFFICER' | 'SECRETARIAT';

export interface AccessFacts {
  requesterParty: string;
  status: RfiStatus;
  /** Null until the requester submits: a draft, even one withdrawn unsent, is the requester's alone. */
  submittedAt: Date | null;
  secretariatAccess: SecretariatAccess;
  assignments: readonly AssignmentFacts[];
}

export interface AssignmentFacts {
  id: string;
  recipientParty: string;
  officerId: string | null;
  postingId: string | null;
}

/**
 * The caller as the rfi-service knows it: an officer also carries the posting it is on now, from
 * the projection of postings (null when not on post). The gateway cannot know it.
 */
export type RfiActor = Actor & { postingId?: string | null };

/**
 * An officer's own assignment: made to them under the posting they are on now. One made under an
 * earlier posting ended with it, even when the officer is posted again.
 */
export function isOfficersOwn(assignment: AssignmentFacts, actor: RfiActor): boolean {
  return (
    actor.role === 'liaison_officer' &&
    assignment.officerId !== null &&
    assignment.officerId === actor.officerId &&
    assignment.postingId !== null &&
    assignment.postingId === actor.postingId
  );
}

/** An officer's current posting; without one, an officer sees nothing at all. */
export interface PostedPair {
  deploymentId: string;
  sending: string;
  host: string;
}

/**
 * Need to know: the requesting party, the recipient parties (once routed to them), the secretariat
 * (once submitted: never a draft, not even a draft withdrawn unsent) may see an RFI; an officer only while actively posted, the RFIs routed to them
 * and those between their sending and host party. Nobody else, admins included.
 */
/**
 * The assignments a recipient answers for: its party's (a focal point) or its own on its current
 * posting (an officer). The requester and the secretariat answer for none, whatever party code
 * their users carry.
 */
export function isOwnAssignment(
  assignment: AssignmentFacts,
  actor: RfiActor,
  relation: Relation,
): boolean {
  if (relation === 'OFFICER') return isOfficersOwn(assignment, actor);
  return (
    relation === 'RECIPIENT' &&
    assignment.officerId === null &&
    assignment.recipientParty === actor.party
  );
}

export function relationTo(
  actor: RfiActor,
  rfi: AccessFacts,
  postedPair?: PostedPair | null,
): Relation | null {
  if (actor.role === 'focal_point' && actor.party === rfi.requesterParty) return 'REQUESTER';
  if (rfi.submittedAt === null) return null;
  if (actor.role === 'secretariat') return 'SECRETARIAT';
  if (actor.role === 'focal_point' && askedParties(rfi).some((party) => party === actor.party))
    return 'RECIPIENT';
  if (actor.role === 'liaison_officer' && actor.officerId && postedPair) {
    if (
      rfi.assignments.some((a) =>
        isOfficersOwn(a, { ...actor, postingId: postedPair.deploymentId }),
      )
    )
      return 'OFFICER';
    if (isBetween(rfi, postedPair.sending, postedPair.host)) return 'OFFICER';
  }
  return null;
}

/**
 * The parties asked: those whose focal points hold an assignment (the database keeps the same as
 * `focal_recipients`). An officer's assignment names the party where the officer is posted, but
 * that party was not asked and does not see the request.
 */
function askedParties(rfi: AccessFacts): string[] {
  return rfi.assignments.filter((a) => a.officerId === null).map((a) => a.recipientParty);
}

/** Between the officer's two parties: one filed it and the other was asked. */
function isBetween(rfi: AccessFacts, a: string, b: string): boolean {
  const asked = askedParties(rfi);
  return (
    (rfi.requesterParty === a && asked.includes(b)) ||
    (rfi.requesterParty === b && asked.includes(a))
  );
}

/** The secretariat routes and counts METADATA_ONLY requests but reads none of their bodies. */
export function canReadBodies(
  relation: Relation,
  rfi: Pick<AccessFacts, 'secretariatAccess'>,
): boolean {
  return relation !== 'SECRETARIAT' || rfi.secretariatAccess === 'FULL';
}

export interface MessageFacts {
  kind: MessageKind;
  assignmentId: string | null;
  authorParty: string | null;
  authorUserId: string;
  releasability: Releasability | null;
}

export type MessageVisibility = 'FULL' | 'METADATA' | 'HIDDEN';

/**
 * Which entries of the thread the caller sees: notes are the secretariat's own; a response reaches
 * the requester always, other recipients with ALL_RECIPIENTS or ALL_PARTIES, the secretariat with
 * ALL_PARTIES; clarifications stay between the requester, the assignment's recipient and the
 * secretariat. METADATA means "that it exists, not what it says".
 */
export function messageVisibility(
  actor: RfiActor,
  relation: Relation,
  rfi: AccessFacts,
  message: MessageFacts,
): MessageVisibility {
  const body: MessageVisibility = canReadBodies(relation, rfi) ? 'FULL' : 'METADATA';
  if (message.authorUserId === actor.userId) return 'FULL';
  // Only a recipient has assignments of its own: the secretariat never answers for a party, even
  // one whose code its users once carried (ICMPD), so it never reads a body through that party.
  const ownAssignment = (id: string | null) =>
    id !== null && rfi.assignments.some((a) => a.id === id && isOwnAssignment(a, actor, relation));
  switch (message.kind) {
    case 'NOTE':
      return relation === 'SECRETARIAT' ? 'FULL' : 'HIDDEN';
    case 'RESPONSE':
      if (relation === 'REQUESTER' || ownAssignment(message.assignmentId)) return 'FULL';
      if (relation === 'SECRETARIAT')
        return message.releasability === 'ALL_PARTIES' ? body : 'METADATA';
      return message.releasability === 'REQUESTER' ? 'HIDDEN' : 'FULL';
    case 'CLARIFICATION_REQUEST':
      if (relation === 'REQUESTER' || ownAssignment(message.assignmentId)) return 'FULL';
      return relation === 'SECRETARIAT' ? body : 'HIDDEN';
    case 'CLARIFICATION':
      if (relation === 'REQUESTER') return 'FULL';
      if (relation === 'SECRETARIAT') return body;
      return message.assignmentId === null || ownAssignment(message.assignmentId)
        ? 'FULL'
        : 'HIDDEN';
  }
}

/** The compilation of all responses is the requester's and the secretariat's; recipients see their own thread. */
export function mayCompile(relation: Relation): boolean {
  return relation === 'REQUESTER' || relation === 'SECRETARIAT';
}

/**
 * Whether the history is intact is the requester's and the secretariat's to ask: they answer for
 * the record. A recipient sees only part of the history and checks nothing with it.
 */
export function mayCheckHistory(relation: Relation): boolean {
  return relation === 'REQUESTER' || relation === 'SECRETARIAT';
}

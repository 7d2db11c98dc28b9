import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, NotFoundError } from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { InformationRequest } from '../domain/information-request';
import { RfiErrors } from '../domain/rfi-errors';
import { PostedPair, Relation, RfiActor, relationTo } from '../domain/need-to-know';
import { HistoryEntry, visibleVersion } from '../domain/history-visibility';
import { RfiChange } from '../domain/rfi-change';
import { Postings } from '../infrastructure/persistence/postings';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { SeenVersion } from './rfi-views';

/** A caller of the RFI commands, with the posting it is on now (officers only). */
export interface RfiCaller {
  /** The posting decides which officer assignments are the caller's own. */
  actor: RfiActor;
  posted: PostedPair | null;
}

/**
 * Who asks about an RFI, what it is to that RFI (need-to-know.ts), and which version of it the
 * caller was shown: the same for reads and changes.
 */
@Injectable()
export class RfiCallers {
  constructor(
    private readonly repository: RfiRepository,
    private readonly postings: Postings,
  ) {}

  async onPost(em: EntityManager, caller: Actor | null): Promise<RfiCaller> {
    const known = requireActor(caller);
    const posted = await this.postedPairOf(em, known);
    return { actor: { ...known, postingId: posted?.deploymentId ?? null }, posted };
  }

  /** The RFI with the caller and what it is to them; rfiNotFound where it does not exist for them. */
  async visible(
    em: EntityManager,
    caller: Actor | null,
    rfiId: string,
  ): Promise<{ rfi: InformationRequest; onPost: RfiCaller; relation: Relation }> {
    const onPost = await this.onPost(em, caller);
    const rfi = await this.repository.load(em, rfiId);
    return { ...this.relatedOrNotFound(onPost, rfi && { rfi }, rfiId), onPost };
  }

  /**
   * visible() and seenBy() in one read of the database: the RFI, what it is to the caller and the
   * version the caller is shown, all from one snapshot.
   */
  async visibleAndSeen(
    em: EntityManager,
    caller: Actor | null,
    rfiId: string,
  ): Promise<{
    rfi: InformationRequest;
    onPost: RfiCaller;
    relation: Relation;
    seen: SeenVersion;
  }> {
    const onPost = await this.onPost(em, caller);
    const found = await this.repository.loadWithChanges(em, rfiId);
    const { rfi, changes, relation } = this.relatedOrNotFound(onPost, found, rfiId);
    return { rfi, onPost, relation, seen: visibleVersion(onPost.actor, relation, rfi, changes) };
  }

  /** What was loaded, with what the RFI is to the caller; rfiNotFound where it is not theirs. */
  private relatedOrNotFound<T extends { rfi: InformationRequest }>(
    onPost: RfiCaller,
    found: T | null,
    rfiId: string,
  ): T & { relation: Relation } {
    const relation = found ? this.relationOf(onPost, found.rfi) : null;
    if (!found || !relation) throw rfiNotFound(rfiId);
    return { ...found, relation };
  }

  /** What the RFI is to the caller; null where it does not exist for the caller. */
  relationOf({ actor, posted }: RfiCaller, rfi: InformationRequest): Relation | null {
    return relationTo(actor, rfi, posted);
  }

  /** The RFI's version as this caller sees it (domain/history-visibility.ts). */
  async seenBy(
    em: EntityManager,
    rfi: InformationRequest,
    actor: RfiActor,
    relation: Relation,
  ): Promise<SeenVersion> {
    const changes = await this.repository.historyOf(em, rfi.id, { withReads: false });
    return visibleVersion(actor, relation, rfi, changes);
  }

  /**
   * The version of an RFI filed in this transaction: its whole history is the changes just
   * recorded, so it is counted from them without reading them back.
   */
  seenInNew(
    rfi: InformationRequest,
    actor: RfiActor,
    relation: Relation,
    changes: readonly RfiChange[],
  ): SeenVersion {
    return visibleVersion(actor, relation, rfi, changes.map(asHistoryEntry));
  }

  /** An officer's current posting, from the projection; null for others and for officers not on post. */
  private async postedPairOf(em: EntityManager, actor: Actor): Promise<PostedPair | null> {
    if (actor.role !== 'liaison_officer' || !actor.officerId) return null;
    const posting = await this.postings.activeOf(em, actor.officerId);
    return posting
      ? {
          deploymentId: posting.deploymentId,
          sending: posting.sendingParty,
          host: posting.hostParty,
        }
      : null;
  }
}

function asHistoryEntry(change: RfiChange, position: number): HistoryEntry {
  const { actor } = change;
  return {
    position,
    at: change.at,
    action: change.action,
    actor: actor
      ? { userId: actor.userId, username: actor.username, role: actor.role, party: actor.party }
      : null,
    assignmentId: change.assignmentId ?? null,
    details: change.details,
  };
}

/** The same refusal for an RFI that does not exist and for one the caller may not see. */
export function rfiNotFound(rfiId: string): NotFoundError {
  return new NotFoundError(RfiErrors.NOT_FOUND, `No request for information ${rfiId}`);
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Actor,
  LinkRef,
  PossibleLinksCommand,
  RfiCommands,
  RfiLinkRef,
  RfiRef,
} from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { NotFoundError } from '@bp/domain-kernel';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { decodeCursor, encodeCursor } from '@bp/persistence';
import {
  PossibleLink,
  answerConsent,
  askConsent,
  linesOfAnswer,
  linkNotFound,
  otherRfiOf,
  requireLinkOverseer,
  sideOf,
} from '../domain/entities/link-consent';
import { linkStepChange, possibleLinkChange } from '../domain/entities/possible-links';
import { InformationRequest } from '../domain/information-request';
import {
  linksOfRfi,
  linksPage,
  lockLink,
  markNoted,
  referencesOf,
  saveLinkConsent,
} from '../infrastructure/persistence/possible-link-rows';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';
import { RfiCallers } from './rfi-callers';
import { overseenLinkView, requesterLinkView } from './link-views';

const DEFAULT_PAGE = 20;

/**
 * The secretariat's oversight of possible links and the two requesting parties' consent to be put
 * in contact. A step locks the link first, then both requests in a fixed order, and leaves a line
 * in each (possible-links.ts linkStepChange) with its event, in one transaction.
 */
@Injectable()
export class LinkConsents {
  constructor(
    private readonly rfis: RfiRepository,
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly callers: RfiCallers,
  ) {}

  @HandlesCommand(RfiCommands.possibleLinks)
  async list(query: PossibleLinksCommand, { actor: caller, em }: CommandContext) {
    requireLinkOverseer(requireActor(caller));
    const limit = query.limit ?? DEFAULT_PAGE;
    const links = await linksPage(em, {
      status: query.status,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = links.slice(0, limit);
    const references = await referencesOf(
      em,
      page.flatMap((l) => [l.firstRfiId, l.secondRfiId]),
    );
    const last = page.at(-1);
    return {
      items: page.map((link) => overseenLinkView(link, references)),
      nextCursor: links.length > limit && last ? encodeCursor(last.foundAt, last.id) : null,
    };
  }

  /** Its requester's and the secretariat's; anyone else who may see the request gets none. */
  @HandlesCommand(RfiCommands.links)
  async ofRfi({ rfiId }: RfiRef, { actor: caller, em }: CommandContext) {
    const { rfi, relation } = await this.callers.visible(em, caller, rfiId);
    if (relation !== 'REQUESTER' && relation !== 'SECRETARIAT') return { items: [] };
    const links = await linksOfRfi(em, rfi.id);
    const references = await referencesOf(
      em,
      links.flatMap((l) => [l.firstRfiId, l.secondRfiId]),
    );
    return {
      items: links.map((link) =>
        relation === 'SECRETARIAT'
          ? overseenLinkView(link, references)
          : requesterLinkView(link, sideOf(link, rfi.id)!, references),
      ),
    };
  }

  @HandlesCommand(RfiCommands.askLinkConsent)
  async ask({ linkId }: LinkRef, { actor: caller, em }: CommandContext) {
    const actor = requireActor(caller);
    requireLinkOverseer(actor);
    const found = await lockLink(em, linkId);
    if (!found) throw linkNotFound(linkId);
    const now = new Date();
    const link = askConsent(found, now);
    await saveLinkConsent(em, link);
    const [first, second] = await this.lockBoth(em, link);
    await this.notePending(em, link, [first, second], now);
    first.noteLink(linkStepChange('LINK_CONSENT_ASKED', link, second, actor, now));
    second.noteLink(linkStepChange('LINK_CONSENT_ASKED', link, first, actor, now));
    await this.commitBoth(em, [first, second], actor);
    return overseenLinkView(link, new Map([first, second].map((r) => [r.id, r.reference])));
  }

  @HandlesCommand(RfiCommands.consentToLink)
  consent(input: RfiLinkRef, context: CommandContext) {
    return this.answer(input, context, true);
  }

  @HandlesCommand(RfiCommands.refuseLink)
  refuse(input: RfiLinkRef, context: CommandContext) {
    return this.answer(input, context, false);
  }

  /**
   * The requester of one side answers for it. Anyone else, and any link its request is not part
   * of, gets the same 404 as a link that does not exist.
   */
  private async answer({ rfiId, linkId }: RfiLinkRef, context: CommandContext, consent: boolean) {
    const { em } = context;
    // Who may answer is settled before anything is locked: to anyone else the link is absent.
    const seen = await this.callers.visible(em, context.actor, rfiId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (seen?.relation !== 'REQUESTER') throw linkNotFound(linkId);
    const { onPost } = seen;
    const found = await lockLink(em, linkId);
    const side = found ? sideOf(found, rfiId) : null;
    if (!found || !side) throw linkNotFound(linkId);
    const [first, second] = await this.lockBoth(em, found);
    const [own, other] = side === 'first' ? [first, second] : [second, first];
    const now = new Date();
    await this.notePending(em, found, [first, second], now);
    const { link, outcome } = answerConsent(found, side, consent, now);
    await saveLinkConsent(em, link);
    for (const line of linesOfAnswer(found, side, consent, outcome)) {
      const [into, about] = line.history === 'own' ? [own, other] : [other, own];
      into.noteLink(linkStepChange(line.step, link, about, line.named ? onPost.actor : null, now));
    }
    await this.unitOfWork.commit(em, own, onPost.actor);
    await this.unitOfWork.commit(em, other, null);
    return requesterLinkView(link, side, new Map([own, other].map((r) => [r.id, r.reference])));
  }

  /**
   * The other request's POSSIBLE_LINK_FOUND line, when the pass has not written it yet: every
   * later step of the link comes after it in both histories.
   */
  private async notePending(
    em: EntityManager,
    link: PossibleLink,
    rfis: InformationRequest[],
    now: Date,
  ): Promise<void> {
    if (link.otherNoted) return;
    const foundBy = rfis.find((rfi) => rfi.id === link.foundByRfiId)!;
    const other = rfis.find((rfi) => rfi.id !== link.foundByRfiId)!;
    other.noteLink(possibleLinkChange(link, foundBy, now, false));
    await markNoted(em, link.id);
  }

  /** Both requests under their row locks, in the link's fixed order (no two steps deadlock). */
  private async lockBoth(
    em: EntityManager,
    link: PossibleLink,
  ): Promise<[InformationRequest, InformationRequest]> {
    const first = await this.rfis.lock(em, link.firstRfiId);
    const second = await this.rfis.lock(em, otherRfiOf(link, 'first'));
    return [first!, second!];
  }

  private async commitBoth(em: EntityManager, rfis: InformationRequest[], actor: Actor) {
    for (const rfi of rfis) await this.unitOfWork.commit(em, rfi, actor);
  }
}

import { Injectable } from '@nestjs/common';
import {
  ForbiddenError,
  ListRfisCommand,
  RfiCommands,
  RfiPageCommand,
  RfiRef,
  RfiTitlesQuery,
} from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { CommandContext, HandlesCommand, versioned } from '@bp/messaging';
import { InformationRequest } from '../domain/information-request';
import { RfiErrors } from '../domain/rfi-errors';
import { Relation, RfiActor, mayCheckHistory, mayCompile } from '../domain/need-to-know';
import { visibleHistory } from '../domain/history-visibility';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { RfiListQuery } from '../infrastructure/persistence/rfi-list.query';
import { HistoryChainQuery } from '../infrastructure/persistence/history-chain.query';
import { SimilarRequests } from './similar-requests';
import { RfiLists } from './rfi-lists';
import { RfiCallers } from './rfi-callers';
import {
  SeenVersion,
  compilationView,
  historyCheckView,
  historyEntryView,
  rfiView,
  threadView,
} from './rfi-views';
import { historyCursorKeys, visiblePage } from './visible-page';

/**
 * The reads of requests for information: each answers 404 unless the caller may see the RFI, shows
 * what need to know lets it see, and records that it read bodies where it did.
 */
@Injectable()
export class RfiReads {
  constructor(
    private readonly repository: RfiRepository,
    private readonly listing: RfiListQuery,
    private readonly lists: RfiLists,
    private readonly callers: RfiCallers,
    private readonly chain: HistoryChainQuery,
    private readonly similarRequests: SimilarRequests,
  ) {}

  @HandlesCommand(RfiCommands.get)
  get({ rfiId }: RfiRef, context: CommandContext) {
    return this.read(rfiId, context, async (rfi, actor, relation, now, seen) => {
      const view = rfiView(rfi, actor, relation, now, seen);
      if (!view.bodyWithheld)
        await this.repository.recordBodyRead(context.em, rfi.id, actor, 'question', now);
      return versioned(view, seen.version);
    });
  }

  @HandlesCommand(RfiCommands.messages)
  messages(query: RfiPageCommand, context: CommandContext) {
    return this.read(query.rfiId, context, async (rfi, actor, relation, now, seen) => {
      const thread = threadView(
        await this.repository.messagesOf(context.em, rfi.id),
        rfi,
        actor,
        relation,
      );
      const page = visiblePage(thread, (message) => message.id, query);
      if (page.items.some((message) => !message.bodyWithheld))
        await this.repository.recordBodyRead(context.em, rfi.id, actor, 'thread', now);
      return versioned(page, seen.version);
    });
  }

  @HandlesCommand(RfiCommands.history)
  history(query: RfiPageCommand, context: CommandContext) {
    return this.read(query.rfiId, context, async (rfi, actor, relation, _now, seen) => {
      const entries = await this.repository.historyOf(context.em, rfi.id, { withReads: true });
      const visible = visibleHistory(actor, relation, rfi, entries);
      const page = visiblePage(visible, historyCursorKeys(visible), query);
      return versioned(
        {
          items: page.items.map((entry) => historyEntryView(entry, actor, relation)),
          nextCursor: page.nextCursor,
        },
        seen.version,
      );
    });
  }

  @HandlesCommand(RfiCommands.verifyHistory)
  verifyHistory({ rfiId }: RfiRef, context: CommandContext) {
    return this.read(rfiId, context, async (rfi, actor, relation) => {
      if (!mayCheckHistory(relation))
        throw new ForbiddenError(
          RfiErrors.HISTORY_CHECK_FORBIDDEN,
          'Checking the history is for the requester and the secretariat',
        );
      const verdict = await this.chain.verify(context.em, rfi.id);
      const entries = await this.repository.historyOf(context.em, rfi.id, { withReads: true });
      return historyCheckView(verdict, relation, visibleHistory(actor, relation, rfi, entries));
    });
  }

  @HandlesCommand(RfiCommands.compilation)
  compilation(query: RfiPageCommand, context: CommandContext) {
    return this.read(query.rfiId, context, async (rfi, actor, relation, now, seen) => {
      if (!mayCompile(relation))
        throw new ForbiddenError(
          RfiErrors.COMPILATION_FORBIDDEN,
          'The compilation is for the requester and the secretariat',
        );
      const view = compilationView(
        rfi,
        await this.repository.messagesOf(context.em, rfi.id),
        actor,
        relation,
        now,
      );
      const page = visiblePage(view.recipients, (recipient) => recipient.id, query);
      if (page.items.some((r) => r.responses.some((m) => !m.bodyWithheld))) {
        await this.repository.recordBodyRead(context.em, rfi.id, actor, 'thread', now);
      }
      return versioned(
        { ...view, recipients: page.items, nextCursor: page.nextCursor },
        seen.version,
      );
    });
  }

  @HandlesCommand(RfiCommands.similar)
  similar({ rfiId }: RfiRef, context: CommandContext) {
    return this.read(rfiId, context, (rfi, actor, relation, now) =>
      this.similarRequests.of(context.em, rfi, actor, relation, now),
    );
  }

  @HandlesCommand(RfiCommands.list)
  list(query: ListRfisCommand, { actor: caller, em }: CommandContext) {
    return this.lists.list(em, requireActor(caller), query, new Date());
  }

  @HandlesCommand(RfiCommands.titles)
  titles({ rfiIds }: RfiTitlesQuery, { actor: caller, em }: CommandContext) {
    return this.listing.titles(em, requireActor(caller), rfiIds);
  }

  private async read<T>(
    rfiId: string,
    { actor: caller, em }: CommandContext,
    answer: (
      rfi: InformationRequest,
      actor: RfiActor,
      relation: Relation,
      now: Date,
      seen: SeenVersion,
    ) => Promise<T>,
  ): Promise<T> {
    const { rfi, onPost, relation, seen } = await this.callers.visibleAndSeen(em, caller, rfiId);
    return answer(rfi, onPost.actor, relation, new Date(), seen);
  }
}

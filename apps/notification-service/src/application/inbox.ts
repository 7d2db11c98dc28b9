import { Injectable } from '@nestjs/common';
import {
  EmptyPayload,
  NotFoundError,
  NotificationCommands,
  NotificationIdCommand,
  NotificationListQuery,
} from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { decodeCursor } from '@bp/persistence';
import { NotificationErrors } from '../domain/notification-errors';
import { InboxOf, InboxQuery } from '../infrastructure/persistence/inbox.query';
import { notificationView } from './notification-views';
import { CallerAudiences } from './caller-audiences';

const DEFAULT_LIMIT = 20;

/**
 * The caller's inbox: the notifications addressed to its audience (its party's focal points, its
 * officer id on its current posting, the secretariat, and its own account), with its own read marks. A notification of another audience is
 * absent, exactly like one that does not exist.
 */
@Injectable()
export class Inbox {
  constructor(
    private readonly query: InboxQuery,
    private readonly audiences: CallerAudiences,
  ) {}

  @HandlesCommand(NotificationCommands.list)
  async list(input: NotificationListQuery, context: CommandContext) {
    const inbox = await this.inboxOf(context);
    if (!inbox) {
      // Nothing is ever addressed to this caller; a cursor is still one this API gave out or 400.
      if (input.cursor) decodeCursor(input.cursor);
      return { items: [], nextCursor: null };
    }
    const page = await this.query.page(context.em, inbox, {
      limit: input.limit ?? DEFAULT_LIMIT,
      cursor: input.cursor,
      unread: input.unread === 'true',
      kind: input.kind,
    });
    return { items: page.items.map(notificationView), nextCursor: page.nextCursor };
  }

  @HandlesCommand(NotificationCommands.read)
  async read({ notificationId }: NotificationIdCommand, context: CommandContext) {
    const inbox = await this.inboxOf(context);
    if (inbox) await this.query.markRead(context.em, inbox, notificationId, new Date());
    const row = inbox ? await this.query.find(context.em, inbox, notificationId) : null;
    if (!row)
      throw new NotFoundError(NotificationErrors.NOT_FOUND, `No notification ${notificationId}`);
    return notificationView(row);
  }

  @HandlesCommand(NotificationCommands.readAll)
  async readAll(_: EmptyPayload, context: CommandContext) {
    const inbox = await this.inboxOf(context);
    if (!inbox) return { marked: 0, unread: 0 };
    const marked = await this.query.markAllRead(context.em, inbox, new Date());
    return { marked, unread: await this.query.unreadCount(context.em, inbox) };
  }

  @HandlesCommand(NotificationCommands.unreadCount)
  async unreadCount(_: EmptyPayload, context: CommandContext) {
    const inbox = await this.inboxOf(context);
    return { unread: inbox ? await this.query.unreadCount(context.em, inbox) : 0 };
  }

  /** The caller's audiences as keys (domain/audience.ts); an officer's follows its current posting. */
  private async inboxOf(context: CommandContext): Promise<InboxOf | null> {
    const { keys, userId } = await this.audiences.of(context);
    return keys.length ? { keys, userId } : null;
  }
}

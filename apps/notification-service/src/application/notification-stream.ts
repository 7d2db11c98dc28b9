import { Injectable } from '@nestjs/common';
import {
  NotificationAccess,
  NotificationCommands,
  NotificationStreamBatch,
  NotificationStreamQuery,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { inboxKeyOf } from '../domain/audience';
import { OfficerPostings } from '../infrastructure/persistence/officer-postings';
import { StreamQuery } from '../infrastructure/persistence/stream.query';

const DEFAULT_BATCH = 100;

/**
 * What the gateway needs for a caller's live stream: the audience keys the caller belongs to now
 * (the domain's rule, domain/audience.ts; an officer's follows its current posting, so the gateway
 * asks again from time to time) and, to catch up after `Last-Event-ID`, the notifications of those
 * keys after that position, oldest first, one bounded batch at a time.
 */
@Injectable()
export class NotificationStream {
  constructor(
    private readonly query: StreamQuery,
    private readonly postings: OfficerPostings,
  ) {}

  @HandlesCommand(NotificationCommands.streamFrom)
  async from(
    input: NotificationStreamQuery,
    context: CommandContext,
  ): Promise<NotificationStreamBatch> {
    const audienceKeys = await this.audienceKeysOf(context);
    const items = input.after
      ? await this.query.after(context.em, audienceKeys, input.after, input.limit ?? DEFAULT_BATCH)
      : [];
    return { audienceKeys, items, head: await this.query.head(context.em) };
  }

  private async audienceKeysOf({ actor, em }: CommandContext): Promise<string[]> {
    const caller = requireRole(actor, ...NotificationAccess.inbox);
    const posting =
      caller.role === 'liaison_officer' && caller.officerId
        ? await this.postings.activeOf(em, caller.officerId)
        : null;
    const key = inboxKeyOf(caller, posting);
    return key ? [key] : [];
  }
}

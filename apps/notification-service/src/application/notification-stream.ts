import { Injectable } from '@nestjs/common';
import {
  NotificationCommands,
  NotificationStreamBatch,
  NotificationStreamQuery,
} from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { StreamQuery } from '../infrastructure/persistence/stream.query';
import { CallerAudiences } from './caller-audiences';

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
    private readonly audiences: CallerAudiences,
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

  private async audienceKeysOf(context: CommandContext): Promise<string[]> {
    return (await this.audiences.of(context)).keys;
  }
}

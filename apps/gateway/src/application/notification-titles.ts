import { Injectable, Logger } from '@nestjs/common';
import { Actor, RFI_TITLES_AT_ONCE, RfiCommands } from '@bp/contracts';
import { GatewayServiceClient } from '../infrastructure/service-client.provider';
import { QuietAfterMiss } from './quiet-after-miss';

/** What a notification shows of what it points at (NotificationSubjectData). */
interface Subject {
  type: string;
  id: string;
  title?: string;
}

/** How long a page of the inbox or a stream's event waits for titles before going without. */
const TITLES_TIMEOUT_MS = 1_000;
/** After a miss, titles are not asked for a while: a stopped rfi-service slows nothing. */
const QUIET_AFTER_MISS_MS = 10_000;

/** Who asks, and the correlation id their request or stream carries. */
export interface TitlesAsker {
  actor: Actor;
  correlationId: string;
}

/**
 * Gives notifications about requests for information their titles, asked of the rfi-service as
 * the reader: events and notifications carry none (a title may name a person and must go when the
 * request's retention ends), so a title is shown only while its request exists and its reader may
 * see it. Without an answer within a second (the rfi-service is down or slow) the notifications go
 * out without titles rather than late or not at all, and titles are not asked for the next ten
 * seconds: the reference says which request it is.
 */
@Injectable()
export class NotificationTitles {
  private readonly logger = new Logger(NotificationTitles.name);
  private readonly misses = new QuietAfterMiss(QUIET_AFTER_MISS_MS);

  constructor(private readonly services: GatewayServiceClient) {}

  async fill<T extends { subject: object }>(notifications: readonly T[], asker: TitlesAsker) {
    const subjects = notifications
      .map((notification) => notification.subject as Subject)
      .filter((subject) => subject.type === 'rfi');
    const ids = [...new Set(subjects.map((subject) => subject.id))];
    if (!ids.length) return;
    const titles = new Map<string, string>();
    for (let from = 0; from < ids.length; from += RFI_TITLES_AT_ONCE) {
      const answer = await this.titlesOf(ids.slice(from, from + RFI_TITLES_AT_ONCE), asker);
      for (const [id, title] of Object.entries(answer)) titles.set(id, title);
    }
    for (const subject of subjects) {
      const title = titles.get(subject.id);
      if (title) subject.title = title;
      else delete subject.title;
    }
  }

  private async titlesOf(rfiIds: string[], asker: TitlesAsker): Promise<Record<string, string>> {
    if (this.misses.quiet) return {};
    try {
      const reply = await this.services.request(
        'rfi',
        RfiCommands.titles,
        { rfiIds },
        asker,
        TITLES_TIMEOUT_MS,
      );
      if (reply.ok) return reply.body.titles;
      this.logger.warn(`Notifications shown without titles: ${reply.problem.detail}`);
    } catch (error) {
      this.misses.missed();
      this.logger.warn(
        `Notifications shown without titles for ${QUIET_AFTER_MISS_MS / 1000} s: ${(error as Error).message}`,
      );
    }
    return {};
  }
}

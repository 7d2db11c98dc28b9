import { Injectable } from '@nestjs/common';
import {
  NotFoundError,
  NotificationAccess,
  NotificationCommands,
  PageIdCommand,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { mayAcknowledge } from '../domain/page-escalation';
import { PageErrors } from '../domain/duty-errors';
import { DutyPages } from '../infrastructure/persistence/duty-pages';
import { dutyPageView } from './duty-views';

/**
 * "I have it": stops a page climbing. Under the page's row lock, which the escalation scan takes
 * too, so a page is either acknowledged or paged onward, never both at once.
 */
@Injectable()
export class PageAcknowledgements {
  constructor(private readonly pages: DutyPages) {}

  @HandlesCommand(NotificationCommands.acknowledgePage)
  async acknowledge({ pageId }: PageIdCommand, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...NotificationAccess.pageAcknowledge);
    const page = await this.pages.lock(em, pageId);
    if (!page || !mayAcknowledge(page, caller))
      throw new NotFoundError(PageErrors.NOT_FOUND, `No page ${pageId}`);
    if (page.acknowledgedAt) return dutyPageView(page);
    const acknowledged = {
      ...page,
      acknowledgedAt: new Date(),
      acknowledgedBy: caller.userId,
      escalateAt: null,
    };
    await this.pages.update(em, acknowledged);
    return dutyPageView(acknowledged);
  }
}

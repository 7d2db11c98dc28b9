import { Injectable } from '@nestjs/common';
import { NotificationAccess } from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext } from '@bp/messaging';
import { inboxKeyOf } from '../domain/audience';
import { OfficerPostings } from '../infrastructure/persistence/officer-postings';

/**
 * The audiences a caller belongs to now, as keys (domain/audience.ts inboxKeyOf): one rule for the
 * inbox and the live stream. An officer's follow the posting it is on at this moment.
 */
@Injectable()
export class CallerAudiences {
  constructor(private readonly postings: OfficerPostings) {}

  async of({ actor, em }: CommandContext): Promise<{ keys: string[]; userId: string }> {
    const caller = requireRole(actor, ...NotificationAccess.inbox);
    const posting =
      caller.role === 'liaison_officer' && caller.officerId
        ? await this.postings.activeOf(em, caller.officerId)
        : null;
    return { keys: inboxKeyOf(caller, posting), userId: caller.userId };
  }
}

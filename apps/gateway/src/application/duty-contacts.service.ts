import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, DutyRosterBody, SetDutyRosterCommand } from '@bp/contracts';
import { fitDutyContacts, requireOwnParty } from '../domain/duty-contacts';
import { DutyCandidatesQuery } from '../infrastructure/persistence/duty-candidates.query';

/**
 * Turns a PUT of a party's duty roster into the command the notification-service keeps: only the
 * gateway knows accounts, so it checks here that the caller keeps this party's roster and that
 * everyone named is an enabled focal point of the party, and sends each person's e-mail address
 * along. The roster keeps the address as of this PUT: changing an account's address later changes
 * the mail of pages only once the roster is set again.
 */
@Injectable()
export class DutyContacts {
  constructor(
    private readonly em: EntityManager,
    private readonly candidates: DutyCandidatesQuery,
  ) {}

  async rosterCommand(
    caller: Actor,
    party: string,
    body: DutyRosterBody,
  ): Promise<SetDutyRosterCommand> {
    requireOwnParty(caller, party);
    const named = [
      ...body.slots.map((slot, i) => ({ field: `slots.${i}.userId`, userId: slot.userId })),
      { field: 'fallbackUserId', userId: body.fallbackUserId },
    ];
    const found = await this.candidates.byIds(
      this.em.fork(),
      named.map((n) => n.userId),
    );
    const emails = fitDutyContacts(party, named, found);
    return {
      party,
      slots: body.slots.map((slot) => ({
        userId: slot.userId,
        from: slot.from,
        to: slot.to,
        email: emails.get(slot.userId) ?? null,
      })),
      fallback: { userId: body.fallbackUserId, email: emails.get(body.fallbackUserId) ?? null },
    };
  }
}

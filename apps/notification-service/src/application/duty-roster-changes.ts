import { Injectable } from '@nestjs/common';
import {
  ForbiddenError,
  NotificationAccess,
  NotificationCommands,
  PartyDutyQuery,
  SetDutyRosterCommand,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { checkDutySlots } from '../domain/duty-roster';
import { DutyErrors } from '../domain/duty-errors';
import { DutyRosters } from '../infrastructure/persistence/duty-rosters';
import { dutyRosterView } from './duty-views';

/**
 * A party's duty roster: set by its own focal points, read by them and the secretariat. The
 * gateway has already checked that every person named is an enabled focal point account of the
 * party (it alone knows accounts); here the caller's party and the slots are checked again.
 */
@Injectable()
export class DutyRosterChanges {
  constructor(private readonly rosters: DutyRosters) {}

  @HandlesCommand(NotificationCommands.setDutyRoster)
  async set(input: SetDutyRosterCommand, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...NotificationAccess.dutyKeep);
    if (caller.party !== input.party) throw notYours(input.party);
    const slots = input.slots.map((s) => ({
      userId: s.userId,
      email: s.email ?? null,
      from: new Date(s.from),
      to: new Date(s.to),
    }));
    checkDutySlots(slots);
    const now = new Date();
    await this.rosters.replace(
      em,
      {
        party: input.party,
        slots,
        fallback: { userId: input.fallback.userId, email: input.fallback.email ?? null },
      },
      caller.userId,
      now,
    );
    return dutyRosterView(input.party, await this.rosters.of(em, input.party), now);
  }

  @HandlesCommand(NotificationCommands.dutyRoster)
  async get(input: PartyDutyQuery, { actor, em }: CommandContext) {
    const caller = requireRole(actor, ...NotificationAccess.dutyRead);
    if (caller.role === 'focal_point' && caller.party !== input.party) throw notYours(input.party);
    return dutyRosterView(input.party, await this.rosters.of(em, input.party), new Date());
  }
}

/** Party codes are public (GET /parties): refusing says nothing a 404 would hide. */
const notYours = (party: string) =>
  new ForbiddenError(
    DutyErrors.NOT_YOUR_PARTY,
    `Only focal points of ${party} keep its duty roster`,
  );

import { Injectable } from '@nestjs/common';
import {
  EscalationBoard,
  EscalationBoardQuery,
  ReportingAccess,
  ReportingCommands,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { StandbyReads } from '@bp/persistence';
import { EscalationBoardQueryRunner } from '../infrastructure/persistence/escalation-board.query';

/** GET /statistics/escalations: the secretariat's board of what is overdue everywhere. */
@Injectable()
export class EscalationBoardReport {
  constructor(
    private readonly query: EscalationBoardQueryRunner,
    private readonly standby: StandbyReads,
  ) {}

  @HandlesCommand(ReportingCommands.escalations)
  board(input: EscalationBoardQuery, { actor, em }: CommandContext): Promise<EscalationBoard> {
    requireRole(actor, ...ReportingAccess.escalations);
    const filter = {
      level: input.level ?? null,
      party: input.party ?? null,
      limit: input.limit ?? 20,
      cursor: input.cursor ?? null,
      now: new Date(),
    };
    return this.standby.readSnapshot(em, (reader) => this.query.run(reader, filter));
  }
}

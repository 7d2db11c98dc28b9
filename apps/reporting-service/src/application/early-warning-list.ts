import { Injectable } from '@nestjs/common';
import {
  EarlyWarningListQuery,
  EarlyWarningPage,
  ReportingAccess,
  ReportingCommands,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { describeTest } from '../domain/early-warning';
import { EarlyWarnings } from '../infrastructure/persistence/early-warnings';

/** GET /early-warnings: the signals raised, newest first, with the figures that raised them. */
@Injectable()
export class EarlyWarningList {
  constructor(private readonly signals: EarlyWarnings) {}

  @HandlesCommand(ReportingCommands.earlyWarnings)
  list(input: EarlyWarningListQuery, { actor, em }: CommandContext): Promise<EarlyWarningPage> {
    requireRole(actor, ...ReportingAccess.earlyWarnings);
    return this.signals.page(
      em,
      {
        dimension: input.dimension ?? null,
        limit: input.limit ?? 20,
        cursor: input.cursor ?? null,
      },
      describeTest(),
    );
  }
}

import { Injectable } from '@nestjs/common';
import {
  ExchangeStatistics,
  ExchangeStatisticsQuery,
  ReportingAccess,
  ReportingCommands,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { StandbyReads } from '@bp/persistence';
import { ExchangeStatisticsQueryRunner } from '../infrastructure/persistence/exchange-statistics.query';
import { dayWindow } from './day-window';

/** GET /statistics/knowledge-exchange: the marketplace's figures, for the secretariat and chairs. */
@Injectable()
export class ExchangeStatisticsReport {
  constructor(
    private readonly query: ExchangeStatisticsQueryRunner,
    private readonly standby: StandbyReads,
  ) {}

  @HandlesCommand(ReportingCommands.knowledgeExchange)
  async report(
    input: ExchangeStatisticsQuery,
    { actor, em }: CommandContext,
  ): Promise<ExchangeStatistics> {
    requireRole(actor, ...ReportingAccess.knowledgeExchange);
    const groupBy = input.groupBy ?? 'type';
    const rows = await this.standby.read(em, (reader) =>
      this.query.run(reader, { ...dayWindow(input), groupBy }),
    );
    return { from: input.from ?? null, to: input.to ?? null, groupBy, rows };
  }
}

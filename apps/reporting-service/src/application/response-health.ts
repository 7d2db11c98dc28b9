import { Inject, Injectable } from '@nestjs/common';
import { ReportingCommands, ResponseHealthQuery, ResponseHealthReport } from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { StandbyReads } from '@bp/persistence';
import { statisticsScopeOf } from '../domain/statistics-scope';
import { histogramPercentile } from '../domain/duration-histogram';
import { ResponseHealthQueryRunner } from '../infrastructure/persistence/response-health.query';
import { HealthCellsQuery } from '../infrastructure/persistence/health-cells.query';
import { healthRow } from '../infrastructure/persistence/response-health-sql';
import {
  REPORTING_SERVICE_SETTINGS,
  ReportingServiceSettings,
} from '../config/reporting-service-settings';
import { dayWindow } from './day-window';

/**
 * GET /statistics/response-health: the figures the caller's scope may see. Counts come from the
 * monthly cells and the rows around them; the percentiles are exact while the answer holds at most
 * `statisticsExactLimit` received assignments, and read from the cells' buckets beyond.
 */
@Injectable()
export class ResponseHealth {
  constructor(
    private readonly exact: ResponseHealthQueryRunner,
    private readonly cells: HealthCellsQuery,
    private readonly standby: StandbyReads,
    @Inject(REPORTING_SERVICE_SETTINGS)
    private readonly settings: Pick<ReportingServiceSettings, 'statisticsExactLimit'>,
  ) {}

  @HandlesCommand(ReportingCommands.responseHealth)
  async report(
    input: ResponseHealthQuery,
    { actor, em }: CommandContext,
  ): Promise<ResponseHealthReport> {
    const scope = statisticsScopeOf(requireActor(actor));
    const groupBy = input.groupBy ?? 'party';
    const filter = {
      scope,
      ...dayWindow(input),
      party: input.party ?? null,
      topic: input.topic ?? null,
      groupBy,
      now: new Date(),
    };
    const answer = { from: input.from ?? null, to: input.to ?? null, groupBy };
    // One snapshot for the statements of one answer: cells, edges and rows of the same moment.
    return this.standby.readSnapshot(em, async (tx): Promise<ResponseHealthReport> => {
      const split = await this.cells.split(tx, filter);
      if ((await this.cells.receivedIn(tx, filter, split)) <= this.settings.statisticsExactLimit)
        return { ...answer, percentiles: 'exact', rows: await this.exact.run(tx, filter) };
      return {
        ...answer,
        percentiles: 'approximate',
        rows: (await this.cells.run(tx, filter, split)).map((row) =>
          healthRow(row, {
            ackMedian: histogramPercentile(row.ackHours, 0.5),
            ackP90: histogramPercentile(row.ackHours, 0.9),
            respondMedian: histogramPercentile(row.respondHours, 0.5),
            respondP90: histogramPercentile(row.respondHours, 0.9),
          }),
        ),
      };
    });
  }
}

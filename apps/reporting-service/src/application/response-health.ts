import { Injectable } from '@nestjs/common';
import { ReportingCommands, ResponseHealthQuery, ResponseHealthReport } from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { statisticsScopeOf } from '../domain/statistics-scope';
import { ResponseHealthQueryRunner } from '../infrastructure/persistence/response-health.query';
import { dayWindow } from './day-window';

/** GET /statistics/response-health: the figures the caller's scope may see. */
@Injectable()
export class ResponseHealth {
  constructor(private readonly query: ResponseHealthQueryRunner) {}

  @HandlesCommand(ReportingCommands.responseHealth)
  async report(
    input: ResponseHealthQuery,
    { actor, em }: CommandContext,
  ): Promise<ResponseHealthReport> {
    const scope = statisticsScopeOf(requireActor(actor));
    const groupBy = input.groupBy ?? 'party';
    const rows = await this.query.run(em, {
      scope,
      ...dayWindow(input),
      party: input.party ?? null,
      topic: input.topic ?? null,
      groupBy,
      now: new Date(),
    });
    return { from: input.from ?? null, to: input.to ?? null, groupBy, rows };
  }
}

import { Injectable } from '@nestjs/common';
import { ReportingCommands, ResponseHealthQuery, ResponseHealthReport } from '@bp/contracts';
import { requireActor } from '@bp/auth';
import { InputErrors, ValidationFailedError } from '@bp/domain-kernel';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { statisticsScopeOf } from '../domain/statistics-scope';
import { ResponseHealthQueryRunner } from '../infrastructure/persistence/response-health.query';

const DAY_MS = 86_400_000;

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
    if (input.from && input.to && input.from > input.to)
      throw new ValidationFailedError(InputErrors.INVALID, 'from is after to', [
        { field: 'from', message: 'must not be after to' },
      ]);
    const groupBy = input.groupBy ?? 'party';
    const rows = await this.query.run(em, {
      scope,
      from: input.from ? new Date(`${input.from}T00:00:00Z`) : null,
      // `to` is a day counted whole.
      to: input.to ? new Date(Date.parse(`${input.to}T00:00:00Z`) + DAY_MS) : null,
      party: input.party ?? null,
      topic: input.topic ?? null,
      groupBy,
      now: new Date(),
    });
    return { from: input.from ?? null, to: input.to ?? null, groupBy, rows };
  }
}

import { Injectable } from '@nestjs/common';
import {
  DeploymentStatistics,
  DeploymentStatisticsQuery,
  ReportingAccess,
  ReportingCommands,
} from '@bp/contracts';
import { requireRole } from '@bp/auth';
import { InputErrors, ValidationFailedError } from '@bp/domain-kernel';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { StandbyReads } from '@bp/persistence';
import { MIGRATION_ROUTES } from '@bp/reference';
import { ROUTE_PARTIES } from './route-parties';
import { DeploymentStatisticsQueryRunner } from '../infrastructure/persistence/deployment-statistics.query';

/** More months than this in one answer is a data export, not a figure for a report. */
const MAX_MONTHS = 60;

/** GET /statistics/deployments: officers on post per month, and the routes' uncovered parties. */
@Injectable()
export class DeploymentStatisticsReport {
  constructor(
    private readonly query: DeploymentStatisticsQueryRunner,
    private readonly standby: StandbyReads,
  ) {}

  @HandlesCommand(ReportingCommands.deployments)
  async report(
    input: DeploymentStatisticsQuery,
    { actor, em }: CommandContext,
  ): Promise<DeploymentStatistics> {
    requireRole(actor, ...ReportingAccess.deployments);
    const now = new Date();
    const to = input.to
      ? monthStart(input.to)
      : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const from = input.from
      ? monthStart(input.from)
      : new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1));
    const months =
      (to.getUTCFullYear() - from.getUTCFullYear()) * 12 +
      to.getUTCMonth() -
      from.getUTCMonth() +
      1;
    if (months < 1 || months > MAX_MONTHS)
      throw new ValidationFailedError(
        InputErrors.INVALID,
        `from..to must span 1 to ${MAX_MONTHS} months`,
        [
          {
            field: 'from',
            message: `must be at most ${MAX_MONTHS} months before to, and not after it`,
          },
        ],
      );
    const groupBy = input.groupBy ?? 'host';
    const [rows, hosts] = await this.standby.readSnapshot(em, async (reader) => [
      await this.query.officersOnPost(reader, { from, to, groupBy, routes: ROUTE_PARTIES }),
      await this.query.hostsNow(reader),
    ]);
    return {
      from: monthOf(from),
      to: monthOf(to),
      groupBy,
      rows,
      routePartiesWithoutOfficers: MIGRATION_ROUTES.map((route) => ({
        route: route.code,
        parties: route.parties.filter((party) => !hosts.has(party)),
      })),
    };
  }
}

const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`);
const monthOf = (start: Date) => start.toISOString().slice(0, 7);

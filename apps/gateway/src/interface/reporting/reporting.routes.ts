import { ReportingCommands } from '@bp/contracts';
import { commandRoutes } from '../http/command-routes';
import { REPORTING_ROUTE_EXAMPLES } from './reporting-examples';

/** Figures of the channel, built from the events (docs/openapi.json). */
export const ReportingController = commandRoutes({
  name: 'ReportingController',
  tag: 'statistics',
  commands: ReportingCommands,
  examples: REPORTING_ROUTE_EXAMPLES,
});

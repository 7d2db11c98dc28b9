import { RfiCommands } from '@bp/contracts';
import { commandRoutes } from '../http/command-routes';
import { RFI_ROUTE_EXAMPLES } from './rfi-examples';

/** Requests for information (docs/openapi.json). Need to know is decided by the rfi-service, not here. */
export const RfiController = commandRoutes({
  name: 'RfiController',
  tag: 'requests for information',
  commands: RfiCommands,
  examples: RFI_ROUTE_EXAMPLES,
});

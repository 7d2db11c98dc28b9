import { DeploymentCommands } from '@bp/contracts';
import { commandRoutes } from '../http/command-routes';
import { DEPLOYMENT_ROUTE_EXAMPLES } from './deployment-examples';

/** Liaison officers, their postings, and where along a route nobody is posted (docs/openapi.json). */
export const DeploymentController = commandRoutes({
  name: 'DeploymentController',
  tag: 'liaison officers and deployments',
  commands: DeploymentCommands,
  examples: DEPLOYMENT_ROUTE_EXAMPLES,
});

import { WebhookCommands } from '@bp/contracts';
import { commandRoutes } from '../http/command-routes';
import { WEBHOOK_ROUTE_EXAMPLES } from './webhook-examples';

/** A party's signed webhooks, their deliveries and secrets (docs/openapi.json). */
export const WebhookController = commandRoutes({
  name: 'WebhookController',
  tag: 'webhooks',
  commands: WebhookCommands,
  examples: WEBHOOK_ROUTE_EXAMPLES,
});

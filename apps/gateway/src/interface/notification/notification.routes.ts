import { NotificationCommands } from '@bp/contracts';
import { commandRoutes } from '../http/command-routes';
import { NotificationAnswers } from './notification-answers';
import { NOTIFICATION_ROUTE_EXAMPLES } from './notification-examples';

/** The caller's inbox of notifications and its read marks (docs/openapi.json). */
export const NotificationController = commandRoutes({
  name: 'NotificationController',
  tag: 'notifications',
  commands: NotificationCommands,
  examples: NOTIFICATION_ROUTE_EXAMPLES,
  finisher: NotificationAnswers,
});

import { ServiceKey } from '../kafka/services';
import { DeploymentCommands } from '../deployment/deployment-commands';
import { KnowledgeExchangeCommands } from '../knowledge-exchange/knowledge-exchange-commands';
import { RfiCommands } from '../rfi/rfi-commands';
import { NotificationCommands } from '../notification/notification-commands';
import { WebhookCommands } from '../notification/webhook-commands';
import { ReportingCommands } from '../reporting/reporting-commands';
import { CommandDefinition } from './command-definition';
import { SystemCommands } from './system-commands';

/** Every command of the system, by the key it is known under in its set (also the route's name). */
export const COMMAND_SETS = {
  rfi: RfiCommands,
  deployment: DeploymentCommands,
  knowledgeExchange: KnowledgeExchangeCommands,
  // One service, two concerns: its inbox and its parties' webhooks.
  notification: { ...NotificationCommands, ...WebhookCommands },
  reporting: ReportingCommands,
  system: SystemCommands,
} as const;

export const ALL_COMMANDS: readonly CommandDefinition[] = Object.values(COMMAND_SETS).flatMap(
  (set) => Object.values(set) as CommandDefinition[],
);

/** What one service must answer: its own commands and those every service answers. */
export function commandsOf(service: ServiceKey): CommandDefinition[] {
  return ALL_COMMANDS.filter((c) => c.service === service || c.service === 'every');
}

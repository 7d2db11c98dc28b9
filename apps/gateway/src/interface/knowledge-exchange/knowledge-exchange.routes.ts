import { KnowledgeExchangeCommands } from '@bp/contracts';
import { commandRoutes } from '../http/command-routes';
import { KNOWLEDGE_EXCHANGE_ROUTE_EXAMPLES } from './knowledge-exchange-examples';

/** Knowledge exchange: needs, offers, matching, scheduling, outcomes, and the knowledge base (docs/openapi.json). */
export const KnowledgeExchangeController = commandRoutes({
  name: 'KnowledgeExchangeController',
  tag: 'knowledge exchange',
  commands: KnowledgeExchangeCommands,
  examples: KNOWLEDGE_EXCHANGE_ROUTE_EXAMPLES,
});

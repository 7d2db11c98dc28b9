import { EventCatalog } from './event-catalog';
import { RfiEvents } from '../rfi/rfi-events';
import { DeploymentEvents } from '../deployment/deployment-events';
import { KnowledgeExchangeEvents } from '../knowledge-exchange/knowledge-exchange-events';
import { NotificationEvents } from '../notification/notification-events';
import { ReportingEvents } from '../reporting/reporting-events';

/**
 * Every integration event type of the system. Each service's events are defined beside their
 * payload classes and registered here, so a consumer validates exactly what the producer wrote.
 */
export const EVENT_CATALOG = new EventCatalog([
  ...Object.values(RfiEvents),
  ...Object.values(DeploymentEvents),
  ...Object.values(KnowledgeExchangeEvents),
  ...Object.values(NotificationEvents),
  ...Object.values(ReportingEvents),
]);

import { Role } from '../actor';

/**
 * Which roles may call each knowledge-exchange command at all (403 for any other role, before a
 * record is read). The gateway's @Roles and the knowledge-exchange-service's requireRole both read
 * this one table; what a permitted caller sees is the service's need-to-know rule.
 */
export const KnowledgeExchangeAccess = {
  /** The marketplace and the knowledge base; account managers have no business there. */
  read: ['focal_point', 'secretariat', 'liaison_officer'],
  /** Needs, standing offers and offers on needs are posted by a party's focal point. */
  post: ['focal_point'],
  offer: ['focal_point'],
  /** Match, schedule, complete, cancel: the parties' focal points or the secretariat. */
  takePart: ['focal_point', 'secretariat'],
} as const satisfies Record<string, readonly Role[]>;

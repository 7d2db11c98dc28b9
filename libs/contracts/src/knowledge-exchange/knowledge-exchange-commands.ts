import { CommandInput, defineCommand } from '../commands/command-definition';
import { EmptyPayload } from '../commands/system-commands';
import { KnowledgeExchangeAccess } from './knowledge-exchange-access';
import {
  CancelExchangeBody,
  CompleteBody,
  ExchangeListQuery,
  KnowledgeBaseQuery,
  MatchBody,
  OfferBody,
  PostExchangeBody,
  ScheduleBody,
} from './knowledge-exchange-inputs';

const EXCHANGE = { exchangeId: 'id' } as const;
const knowledgeExchange = { service: 'knowledgeExchange' } as const;

/** The knowledge-exchange-service's commands: needs, offers, their matching and the knowledge base. */
export const KnowledgeExchangeCommands = {
  post: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.post',
    payload: PostExchangeBody,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'knowledge-exchanges',
      roles: KnowledgeExchangeAccess.post,
      summary: 'Post a NEED or a standing OFFER for your party',
      description:
        'A focal point only, for its own party, which becomes the owner. Topics must be codes ' +
        'from GET /topics, and `preferredTo` not before `preferredFrom` (400). The exchange ' +
        'starts OPEN and every reader sees it: other parties offer on a NEED (POST ' +
        '/knowledge-exchanges/{id}/offers), while a standing OFFER is matched to needs by ' +
        'their owner or the secretariat and stays open for more; nobody is notified.',
    },
  }),
  list: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.list',
    payload: ExchangeListQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'knowledge-exchanges',
      roles: KnowledgeExchangeAccess.read,
      summary: 'Needs and offers, newest first',
      description:
        'Filters `kind`, `type`, `topic`, `status`, `party`, `q`; cursor pagination. Each item as the ' +
        'caller may see it (see the single exchange).',
    },
  }),
  get: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.get',
    payload: EmptyPayload,
    ids: EXCHANGE,
    mutating: false,
    http: {
      method: 'GET',
      path: 'knowledge-exchanges/:id',
      roles: KnowledgeExchangeAccess.read,
      summary: 'One need or offer',
      description:
        '`offers` only for the owner and the secretariat (all) and an offering party (its own); ' +
        '`partnerParty`, `matchedOfferId`, `matchedOfferExchangeId`, `schedule`, `cancelReason` and ' +
        "the outcome's `comment` only for the two parties and the secretariat (`partnerParty` for " +
        'everyone once COMPLETED). `version` (the ETag) and `updatedAt` count only what the caller can see.',
    },
  }),
  offer: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.offer',
    payload: OfferBody,
    ids: EXCHANGE,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'knowledge-exchanges/:id/offers',
      roles: KnowledgeExchangeAccess.offer,
      summary: "Offer on another party's open need",
      description: 'Nobody offers on their own need.',
    },
  }),
  match: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.match',
    payload: MatchBody,
    ids: EXCHANGE,
    mutating: true,
    http: {
      method: 'POST',
      path: 'knowledge-exchanges/:id/match',
      roles: KnowledgeExchangeAccess.takePart,
      summary: 'Match a need with an offer (secretariat or the need’s owner)',
      description:
        '`{ offerId }` for an offer made on the need, or `{ offerExchangeId }` for a standing OFFER.',
    },
  }),
  schedule: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.schedule',
    payload: ScheduleBody,
    ids: EXCHANGE,
    mutating: true,
    http: {
      method: 'POST',
      path: 'knowledge-exchanges/:id/schedule',
      roles: KnowledgeExchangeAccess.takePart,
      summary: 'Schedule (the two parties or the secretariat)',
      description: 'A place is needed unless it is online.',
    },
  }),
  complete: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.complete',
    payload: CompleteBody,
    ids: EXCHANGE,
    mutating: true,
    http: {
      method: 'POST',
      path: 'knowledge-exchanges/:id/complete',
      roles: KnowledgeExchangeAccess.takePart,
      summary:
        'Complete with outcome, lessons learned and an evaluation (the two parties or the secretariat)',
      description:
        'The focal points of the two parties or the secretariat (403 otherwise), once the ' +
        'exchange is SCHEDULED (else 409); `evaluation.rating` is 1 to 5. It becomes COMPLETED ' +
        'and joins GET /knowledge-base, where every reader sees the outcome, lessons learned ' +
        "and rating; the evaluation's `comment` stays with the two parties and the " +
        "secretariat. The two parties' focal points are notified (`EXCHANGE_COMPLETED`).",
    },
  }),
  cancel: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.cancel',
    payload: CancelExchangeBody,
    ids: EXCHANGE,
    mutating: true,
    http: {
      method: 'POST',
      path: 'knowledge-exchanges/:id/cancel',
      roles: KnowledgeExchangeAccess.takePart,
      summary: 'Cancel, with a reason (either side or the secretariat)',
      description:
        "The owner party's focal points, the partner's once matched, or the secretariat (403 " +
        'otherwise), while the exchange is OPEN, MATCHED or SCHEDULED (else 409). It becomes ' +
        'CANCELLED; the reason is shown to the two parties and the secretariat only. The two ' +
        "parties' focal points (an OPEN need's owner only) are notified " +
        '(`EXCHANGE_CANCELLED`), without the reason.',
    },
  }),
  knowledgeBase: defineCommand({
    ...knowledgeExchange,
    name: 'knowledge-exchange.knowledge-base',
    payload: KnowledgeBaseQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'knowledge-base',
      roles: KnowledgeExchangeAccess.read,
      summary: 'Completed exchanges and their lessons',
      description:
        'Full text with `q` (titles weigh most, then outcomes and lessons, then descriptions), filters `topic`, `type`, `party`.',
    },
  }),
} as const;

export type ExchangeIdCommand = CommandInput<typeof KnowledgeExchangeCommands.get>;
export type OfferCommand = CommandInput<typeof KnowledgeExchangeCommands.offer>;
export type MatchCommand = CommandInput<typeof KnowledgeExchangeCommands.match>;
export type ScheduleCommand = CommandInput<typeof KnowledgeExchangeCommands.schedule>;
export type CompleteCommand = CommandInput<typeof KnowledgeExchangeCommands.complete>;
export type CancelExchangeCommand = CommandInput<typeof KnowledgeExchangeCommands.cancel>;

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import {
  CancelExchangeBody,
  CompleteBody,
  ExchangeListQuery,
  KnowledgeBaseQuery,
  KnowledgeExchangeAccess,
  KnowledgeExchangeCommands,
  MatchBody,
  OfferBody,
  PostExchangeBody,
  ScheduleBody,
} from '@bp/contracts';
import { Roles } from '../auth/auth.decorators';
import { Exchange, HttpExchange, ServiceCalls } from '../http/service-call';
import { ApiAction, ApiRead } from '../http/api-docs.decorators';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));
const NOT_YOUR_ROLE = ApiForbiddenResponse({
  description: 'your role may not read this at all (application/problem+json)',
});

const EXCHANGE_EXAMPLE = {
  id: '0f8e2d4c-6b1a-4c3e-9d7f-2a5b8c1e4d60',
  kind: 'NEED',
  ownerParty: 'MKD',
  type: 'STUDY_VISIT',
  topics: ['REINTEGRATION'],
  title: 'Study visit on reintegration referral systems',
  description:
    'We would like to see how returnees are referred to health, psycho-social and job services.',
  format: 'IN_PERSON',
  preferredFrom: '2026-09-01',
  preferredTo: '2026-10-31',
  status: 'SCHEDULED',
  offers: [
    {
      id: '5c3d…',
      party: 'AUT',
      description: 'We host in Vienna',
      proposedFrom: '2026-09-14',
      proposedTo: '2026-09-16',
      status: 'ACCEPTED',
      createdAt: '2026-06-03T10:00:00.000Z',
    },
  ],
  partnerParty: 'AUT',
  matchedOfferId: '5c3d…',
  matchedOfferExchangeId: null,
  schedule: { startsOn: '2026-09-14', endsOn: '2026-09-16', location: 'Vienna', online: false },
  outcome: null,
  cancelReason: null,
  createdAt: '2026-06-01T08:00:00.000Z',
  updatedAt: '2026-06-10T09:00:00.000Z',
  version: 4,
};
const KNOWLEDGE_BASE_EXAMPLE = {
  items: [
    {
      id: EXCHANGE_EXAMPLE.id,
      title: EXCHANGE_EXAMPLE.title,
      type: 'STUDY_VISIT',
      topics: ['REINTEGRATION'],
      parties: ['MKD', 'AUT'],
      outcomeSummary:
        'The delegation saw the one-stop referral desk and the digital case file at work.',
      lessonsLearned: ['One case manager per returnee from arrival'],
      rating: 5,
      completedAt: '2026-09-17T08:00:00.000Z',
      score: 0.61,
    },
  ],
  nextCursor: null,
};

/** Knowledge exchange: needs, offers, matching, scheduling, outcomes, and the knowledge base (docs/openapi.json). */
@ApiTags('knowledge exchange')
@Controller()
export class KnowledgeExchangeController {
  constructor(private readonly services: ServiceCalls) {}

  @Post('knowledge-exchanges')
  @Roles(...KnowledgeExchangeAccess.post)
  @ApiAction('Post a NEED or a standing OFFER for your party', undefined, {
    status: 201,
    example: {
      ...EXCHANGE_EXAMPLE,
      status: 'OPEN',
      offers: [],
      partnerParty: null,
      matchedOfferId: null,
      schedule: null,
      version: 1,
    },
  })
  @ApiBody({ type: PostExchangeBody })
  post(@Body() body: PostExchangeBody, @Exchange() http: HttpExchange) {
    return this.services.call('knowledgeExchange', KnowledgeExchangeCommands.post, body, http);
  }

  @Get('knowledge-exchanges')
  @Roles(...KnowledgeExchangeAccess.read)
  @NOT_YOUR_ROLE
  @ApiRead(
    'Needs and offers, newest first',
    'Filters `kind`, `type`, `topic`, `status`, `party`, `q`; cursor pagination. Each item as the ' +
      'caller may see it (see the single exchange).',
    { items: [EXCHANGE_EXAMPLE], nextCursor: null },
  )
  list(@Query() query: ExchangeListQuery, @Exchange() http: HttpExchange) {
    return this.services.call('knowledgeExchange', KnowledgeExchangeCommands.list, query, http);
  }

  @Get('knowledge-exchanges/:id')
  @Roles(...KnowledgeExchangeAccess.read)
  @NOT_YOUR_ROLE
  @ApiRead(
    'One need or offer',
    '`offers` only for the owner and the secretariat (all) and an offering party (its own); ' +
      '`partnerParty`, `matchedOfferId`, `matchedOfferExchangeId`, `schedule`, `cancelReason` and ' +
      "the outcome's `comment` only for the two parties and the secretariat (`partnerParty` for " +
      'everyone once COMPLETED). `version` (the ETag) and `updatedAt` count only what the caller can see.',
    EXCHANGE_EXAMPLE,
  )
  get(@Id() exchangeId: string, @Exchange() http: HttpExchange) {
    return this.services.call(
      'knowledgeExchange',
      KnowledgeExchangeCommands.get,
      { exchangeId },
      http,
      exchangeId,
    );
  }

  @Post('knowledge-exchanges/:id/offers')
  @Roles(...KnowledgeExchangeAccess.offer)
  @ApiAction("Offer on another party's open need", 'Nobody offers on their own need.', {
    status: 201,
    example: { ...EXCHANGE_EXAMPLE, status: 'OPEN' },
  })
  offer(@Id() exchangeId: string, @Body() body: OfferBody, @Exchange() http: HttpExchange) {
    return this.services.call(
      'knowledgeExchange',
      KnowledgeExchangeCommands.offer,
      { ...body, exchangeId },
      http,
      exchangeId,
    );
  }

  @Post('knowledge-exchanges/:id/match')
  @Roles(...KnowledgeExchangeAccess.takePart)
  @HttpCode(200)
  @ApiAction(
    'Match a need with an offer (secretariat or the need’s owner)',
    '`{ offerId }` for an offer made on the need, or `{ offerExchangeId }` for a standing OFFER.',
    { status: 200, example: { ...EXCHANGE_EXAMPLE, status: 'MATCHED', schedule: null } },
  )
  match(@Id() exchangeId: string, @Body() body: MatchBody, @Exchange() http: HttpExchange) {
    return this.services.call(
      'knowledgeExchange',
      KnowledgeExchangeCommands.match,
      { ...body, exchangeId },
      http,
      exchangeId,
    );
  }

  @Post('knowledge-exchanges/:id/schedule')
  @Roles(...KnowledgeExchangeAccess.takePart)
  @HttpCode(200)
  @ApiAction(
    'Schedule (the two parties or the secretariat)',
    'A place is needed unless it is online.',
    { status: 200, example: EXCHANGE_EXAMPLE },
  )
  schedule(@Id() exchangeId: string, @Body() body: ScheduleBody, @Exchange() http: HttpExchange) {
    return this.services.call(
      'knowledgeExchange',
      KnowledgeExchangeCommands.schedule,
      { ...body, exchangeId },
      http,
      exchangeId,
    );
  }

  @Post('knowledge-exchanges/:id/complete')
  @Roles(...KnowledgeExchangeAccess.takePart)
  @HttpCode(200)
  @ApiAction(
    'Complete with outcome, lessons learned and an evaluation (the two parties or the secretariat)',
    undefined,
    { status: 200, example: { ...EXCHANGE_EXAMPLE, status: 'COMPLETED' } },
  )
  complete(@Id() exchangeId: string, @Body() body: CompleteBody, @Exchange() http: HttpExchange) {
    return this.services.call(
      'knowledgeExchange',
      KnowledgeExchangeCommands.complete,
      { ...body, exchangeId },
      http,
      exchangeId,
    );
  }

  @Post('knowledge-exchanges/:id/cancel')
  @Roles(...KnowledgeExchangeAccess.takePart)
  @HttpCode(200)
  @ApiAction('Cancel, with a reason (either side or the secretariat)', undefined, {
    status: 200,
    example: {
      ...EXCHANGE_EXAMPLE,
      status: 'CANCELLED',
      cancelReason: 'The visit cannot take place this year',
    },
  })
  cancel(
    @Id() exchangeId: string,
    @Body() body: CancelExchangeBody,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call(
      'knowledgeExchange',
      KnowledgeExchangeCommands.cancel,
      { ...body, exchangeId },
      http,
      exchangeId,
    );
  }

  @Get('knowledge-base')
  @Roles(...KnowledgeExchangeAccess.read)
  @NOT_YOUR_ROLE
  @ApiRead(
    'Completed exchanges and their lessons',
    'Full text with `q` (titles weigh most, then outcomes and lessons, then descriptions), filters `topic`, `type`, `party`.',
    KNOWLEDGE_BASE_EXAMPLE,
  )
  knowledgeBase(@Query() query: KnowledgeBaseQuery, @Exchange() http: HttpExchange) {
    return this.services.call(
      'knowledgeExchange',
      KnowledgeExchangeCommands.knowledgeBase,
      query,
      http,
    );
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  CloseRfiBody,
  CreateRfiBody,
  OptionalReasonBody,
  PageQuery,
  PostMessageBody,
  ReasonBody,
  RfiCommands,
  RfiListQuery,
  RouteRfiBody,
} from '@bp/contracts';
import { Roles } from '../auth/auth.decorators';
import { Exchange, HttpExchange, ServiceCalls } from '../http/service-call';
import { ApiAction, ApiRead } from '../http/api-docs.decorators';
import {
  COMPILATION_EXAMPLE,
  HISTORY_EXAMPLE,
  MESSAGES_EXAMPLE,
  POSTED_MESSAGE_EXAMPLE,
  RFI_EXAMPLE,
  RFI_LIST_EXAMPLE,
  SIMILAR_EXAMPLE,
} from './rfi-examples';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));
const AssignmentId = () => Param('aid', new ParseUUIDPipe({ version: '4' }));
const ok = (example: unknown) => ({ status: 200, example });

/** Requests for information (docs/openapi.json). Need-to-know is decided by the rfi-service, not here. */
@ApiTags('requests for information')
@Controller('rfis')
export class RfiController {
  constructor(private readonly services: ServiceCalls) {}

  @Post()
  @Roles('focal_point')
  @ApiAction(
    'File a request for information for your party',
    'Kept as DRAFT unless `submit: true`; a bilateral one is then routed at once to the target party.',
    { status: 201, example: RFI_EXAMPLE },
  )
  @ApiBody({ type: CreateRfiBody })
  create(@Body() body: CreateRfiBody, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.create, body, http);
  }

  @Get()
  @ApiRead(
    'The requests you may see',
    'Filters combine; `box=sent|received`; `overdue=true`; `q` searches titles (and questions you may read). Cursor pagination: pass `nextCursor` back as `cursor`.',
    RFI_LIST_EXAMPLE,
  )
  list(@Query() query: RfiListQuery, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.list, query, http);
  }

  @Get(':id')
  @ApiRead(
    'One request, with its assignments as far as you may see them',
    'Reading the question is recorded in the history.',
    RFI_EXAMPLE,
  )
  get(@Id() rfiId: string, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.get, { rfiId }, http, rfiId);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiAction(
    'Submit a draft (requester)',
    'A bilateral request is routed at once to the target party.',
    ok(RFI_EXAMPLE),
  )
  submit(@Id() rfiId: string, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.submit, { rfiId }, http, rfiId);
  }

  @Post(':id/route')
  @HttpCode(200)
  @Roles('secretariat')
  @ApiAction(
    'Route to recipients (secretariat); again later to forward',
    undefined,
    ok(RFI_EXAMPLE),
  )
  route(@Id() rfiId: string, @Body() body: RouteRfiBody, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.route, { ...body, rfiId }, http, rfiId);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('secretariat')
  @ApiAction(
    'Reject as out of scope (secretariat), with a reason',
    undefined,
    ok({ ...RFI_EXAMPLE, status: 'REJECTED' }),
  )
  reject(@Id() rfiId: string, @Body() body: ReasonBody, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.reject, { ...body, rfiId }, http, rfiId);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiAction('Withdraw (requester)', undefined, ok({ ...RFI_EXAMPLE, status: 'WITHDRAWN' }))
  withdraw(@Id() rfiId: string, @Body() body: OptionalReasonBody, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.withdraw, { ...body, rfiId }, http, rfiId);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiAction(
    'Close (requester or secretariat)',
    undefined,
    ok({ ...RFI_EXAMPLE, status: 'CLOSED' }),
  )
  close(@Id() rfiId: string, @Body() body: CloseRfiBody, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.close, { ...body, rfiId }, http, rfiId);
  }

  @Post(':id/assignments/:aid/acknowledge')
  @HttpCode(200)
  @ApiAction('Acknowledge your assignment (recipient)', undefined, ok(RFI_EXAMPLE))
  acknowledge(
    @Id() rfiId: string,
    @AssignmentId() assignmentId: string,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call('rfi', RfiCommands.acknowledge, { rfiId, assignmentId }, http, rfiId);
  }

  @Post(':id/assignments/:aid/decline')
  @HttpCode(200)
  @ApiAction('Decline your assignment (recipient), with a reason', undefined, ok(RFI_EXAMPLE))
  decline(
    @Id() rfiId: string,
    @AssignmentId() assignmentId: string,
    @Body() body: ReasonBody,
    @Exchange() http: HttpExchange,
  ) {
    return this.services.call(
      'rfi',
      RfiCommands.decline,
      { ...body, rfiId, assignmentId },
      http,
      rfiId,
    );
  }

  @Post(':id/messages')
  @ApiAction(
    'Add to the thread',
    'RESPONSE and CLARIFICATION_REQUEST by a recipient on its assignment (a clarification request stops its clock), CLARIFICATION by the requester (restarts it), NOTE by the secretariat (internal).',
    { status: 201, example: POSTED_MESSAGE_EXAMPLE },
  )
  @ApiBody({ type: PostMessageBody })
  postMessage(@Id() rfiId: string, @Body() body: PostMessageBody, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.postMessage, { ...body, rfiId }, http, rfiId);
  }

  @Get(':id/messages')
  @ApiRead(
    'The thread, as far as you may read it',
    'Entries you may not read are left out; withheld bodies show `bodyWithheld: true`. Oldest first, paginated with `limit` and `cursor`.',
    MESSAGES_EXAMPLE,
  )
  messages(@Id() rfiId: string, @Query() page: PageQuery, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.messages, { ...page, rfiId }, http, rfiId);
  }

  @Get(':id/history')
  @ApiRead(
    'Every change and every read of a body that you may see: who, what, when',
    "A recipient sees the request-level lines and those of its own assignment; who else was asked, and their reads, are left out. Routing notes are the secretariat's. Paginated with `limit` and `cursor`.",
    HISTORY_EXAMPLE,
  )
  history(@Id() rfiId: string, @Query() page: PageQuery, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.history, { ...page, rfiId }, http, rfiId);
  }

  @Get(':id/compilation')
  @ApiRead(
    'All responses side by side (requester, secretariat)',
    'One entry per recipient with its responses; a response whose releasability does not reach you shows `bodyWithheld: true`. Recipients are paginated with `limit` and `cursor` (`nextCursor`).',
    COMPILATION_EXAMPLE,
  )
  compilation(@Id() rfiId: string, @Query() page: PageQuery, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.compilation, { ...page, rfiId }, http, rfiId);
  }

  @Get(':id/similar')
  @ApiRead(
    'Earlier requests you may see that share topics or title words with this one',
    'Best matches first, at most 10.',
    SIMILAR_EXAMPLE,
  )
  similar(@Id() rfiId: string, @Exchange() http: HttpExchange) {
    return this.services.call('rfi', RfiCommands.similar, { rfiId }, http, rfiId);
  }
}

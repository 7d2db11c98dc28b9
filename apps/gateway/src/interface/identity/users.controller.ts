import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Actor } from '@bp/contracts';
import { AccountAdministration } from '../../application/identity-admin.service';
import { AuthenticatedRequest, CurrentActor, Roles } from '../auth/auth.decorators';
import { HashingCapacityFilter } from '../auth/hashing-capacity.filter';
import { IfMatchHeader, UuidParam } from '../http/api-docs.decorators';
import { parseIfMatch } from '../http/service-call';
import { AccountDto } from './identity.dto';
import {
  AccountPageDto,
  AuditListQuery,
  AuditPageDto,
  ChangedAccountDto,
  UpdateUserDto,
  UserListQuery,
} from './user-admin.dto';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));

/** Accounts and their audit log, for admins only (docs/openapi.json, tag identity). */
@ApiTags('identity')
@ApiBearerAuth()
@Roles('admin')
@UseFilters(HashingCapacityFilter)
@Controller()
export class UsersController {
  constructor(private readonly accounts: AccountAdministration) {}

  @Get('users')
  @ApiOperation({
    summary: 'Accounts by username (admin only)',
    description: 'Filters `role`, `party`, `disabled`; cursor pagination.',
  })
  @ApiOkResponse({ type: AccountPageDto })
  list(@Query() query: UserListQuery): Promise<AccountPageDto> {
    return this.accounts.list({
      role: query.role,
      party: query.party,
      disabled: query.disabled === undefined ? undefined : query.disabled === 'true',
      cursor: query.cursor,
      limit: query.limit ?? 20,
    });
  }

  @Get('users/:id')
  @UuidParam('id')
  @ApiOperation({
    summary: 'One account (admin only); ETag: its version',
    description:
      'Any account, disabled ones included; never a password or its hash. Send the ETag as ' +
      'If-Match on PATCH /users/{id}: a change made since then answers 412.',
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiResponse({ status: 404, description: 'no such account (application/problem+json)' })
  async get(
    @Id() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountDto> {
    const account = await this.accounts.get(id);
    void reply.header('etag', `"${account.version}"`);
    return account;
  }

  @Patch('users/:id')
  @UuidParam('id')
  @ApiOperation({
    summary:
      'Disable or enable, name a successor, change the role, reset the password, set the e-mail (admin only)',
    description:
      'Disabling, a role change and a reset end the use of every token issued before, on the next ' +
      'request. A reset answers a temporary password once; its holder must change it ' +
      '(POST /me/password) before any other route opens. Every change is in GET /audit.',
  })
  @IfMatchHeader()
  @ApiOkResponse({ type: ChangedAccountDto })
  @ApiResponse({ status: 409, description: 'an admin may not lock themselves out' })
  @ApiResponse({ status: 404, description: 'no such account' })
  @ApiResponse({ status: 412, description: 'If-Match is stale: the account changed since' })
  async change(
    @Id() id: string,
    @Body() body: UpdateUserDto,
    @CurrentActor() admin: Actor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangedAccountDto> {
    const changed = await this.accounts.change(
      id,
      {
        disabled: body.disabled,
        successorId: body.successorId,
        role: body.role,
        resetPassword: body.resetPassword,
        email: body.email,
      },
      admin,
      parseIfMatch(request.headers['if-match']),
    );
    // The answer may carry a temporary password: no cache anywhere may keep it.
    void reply.header('etag', `"${changed.version}"`).header('cache-control', 'no-store');
    return changed;
  }

  @Get('audit')
  @ApiOperation({
    summary: 'Who did what to which account, and when (admin only), newest first',
    description: 'Filters `targetUserId`, `actorId`, `action`; cursor pagination.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  audit(@Query() query: AuditListQuery): Promise<AuditPageDto> {
    return this.accounts.auditTrail({
      targetUserId: query.targetUserId,
      actorId: query.actorId,
      action: query.action,
      cursor: query.cursor,
      limit: query.limit ?? 20,
    });
  }
}

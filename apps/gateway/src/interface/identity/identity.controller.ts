import {
  Body,
  Controller,
  Get,
  HttpCode,
  Ip,
  Post,
  Req,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '@bp/contracts';
import { IdentityService } from '../../application/identity.service';
import { UnreadNotifications } from '../../application/unread-notifications';
import {
  AuthenticatedRequest,
  CurrentActor,
  OpenBeforePasswordChange,
  Public,
  Roles,
} from '../auth/auth.decorators';
import { LoginLimitsGuard } from '../auth/login-limits.guard';
import { HashingCapacityFilter } from '../auth/hashing-capacity.filter';
import { idempotencyKeyOf } from '../http/service-call';
import { correlationIdOf } from '../http/correlation-id.decorator';
import {
  AccountDto,
  ChangePasswordDto,
  CreateUserDto,
  MeDto,
  SignInDto,
  TokenDto,
} from './identity.dto';

@ApiTags('identity')
@Controller()
@UseFilters(HashingCapacityFilter)
export class IdentityController {
  constructor(
    private readonly identity: IdentityService,
    private readonly unread: UnreadNotifications,
  ) {}

  @Post('auth/token')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginLimitsGuard)
  @ApiOperation({
    summary: 'Sign in: a short-lived RS256 access token for the Authorization header',
    description:
      'Attempts are limited per address and username and per address across usernames (429 with ' +
      'Retry-After). 503 with Retry-After when too many passwords are being checked at once.',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiResponse({ status: 401, description: 'unknown username or wrong password (one answer)' })
  @ApiResponse({ status: 429, description: 'too many attempts (application/problem+json)' })
  signIn(@Body() body: SignInDto, @Ip() address: string): Promise<TokenDto> {
    return this.identity.signIn(body.username, body.password, address);
  }

  @Get('me')
  @ApiBearerAuth()
  @OpenBeforePasswordChange()
  @ApiOperation({
    summary: 'The caller: id, username, role, party and (for officers) officer id',
    description:
      '`unreadNotifications`: how many notifications of your inbox you have not read (GET /notifications); ' +
      '`null` when the notification-service does not answer within a second.',
  })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest): Promise<MeDto> {
    const [account, unreadNotifications] = await Promise.all([
      this.identity.me(actor),
      this.unread.of(actor, correlationIdOf(request)),
    ]);
    return { ...account, unreadNotifications };
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @OpenBeforePasswordChange()
  @UseGuards(LoginLimitsGuard)
  @ApiOperation({
    summary: 'Change your own password (also the way out of an admin reset)',
    description:
      'The new password has 12 to 256 characters and differs from the current one. Every token ' +
      'issued before, this one included, stops working: sign in again with the new password.',
  })
  @ApiNoContentResponse({ description: 'changed' })
  @ApiResponse({ status: 400, description: 'wrong current password, or an unfit new one' })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.identity.changeOwnPassword(actor, body.currentPassword, body.newPassword);
  }

  @Post('users')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create an account (admin only)',
    description: 'Accepts Idempotency-Key. Recorded in the audit log with the admin who did it.',
  })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiResponse({ status: 409, description: 'the username is taken' })
  createUser(
    @Body() body: CreateUserDto,
    @CurrentActor() admin: Actor,
    @Req() request: AuthenticatedRequest,
  ): Promise<AccountDto> {
    return this.identity.createAccount(
      body,
      admin,
      idempotencyKeyOf(request),
      correlationIdOf(request),
    );
  }
}

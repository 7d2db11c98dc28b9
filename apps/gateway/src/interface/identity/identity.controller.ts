import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Actor } from '@bp/contracts';
import { IdentityService } from '../../application/identity.service';
import { gatewaySettingsFromEnv } from '../../config/gateway-environment';
import { AuthenticatedRequest, CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { idempotencyKeyOf } from '../http/service-call';
import { correlationIdOf } from '../http/correlation-id.decorator';
import { LoginThrottlerGuard } from '../auth/login-throttler.guard';
import { AccountDto, CreateUserDto, SignInDto, TokenDto } from './identity.dto';

@ApiTags('identity')
@Controller()
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post('auth/token')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ login: { limit: gatewaySettingsFromEnv().loginRateLimitPerMinute, ttl: 60_000 } })
  @ApiOperation({
    summary: 'Sign in: a short-lived RS256 access token for the Authorization header',
    description: 'Attempts are limited per address and username (429 beyond the limit).',
  })
  @ApiOkResponse({ type: TokenDto })
  signIn(@Body() body: SignInDto): Promise<TokenDto> {
    return this.identity.signIn(body.username, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller: id, username, role, party and (for officers) officer id' })
  @ApiOkResponse({ type: AccountDto })
  me(@CurrentActor() actor: Actor): Promise<AccountDto> {
    return this.identity.me(actor);
  }

  @Post('users')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create an account (admin only)',
    description: 'Accepts Idempotency-Key.',
  })
  @ApiCreatedResponse({ type: AccountDto })
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

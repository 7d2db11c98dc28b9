import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@bp/auth';
import { loggerModule } from '@bp/observability';
import { mikroOrmOptions } from '@bp/persistence';
import { GatewayConfigModule } from './config/gateway-config.module';
import { GATEWAY_SETTINGS, GatewaySettings } from './config/gateway-settings';
import { GatewayServiceClient } from './infrastructure/service-client.provider';
import { PasswordHasher } from './infrastructure/password-hasher';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { IdentityService } from './application/identity.service';
import { AccountAdministration } from './application/identity-admin.service';
import { UnreadNotifications } from './application/unread-notifications';
import { WorkLimit } from './infrastructure/work-limit';
import { LoginLimits } from './interface/auth/login-limits.guard';
import { UsersController } from './interface/identity/users.controller';
import { ProblemDetailsFilter } from './interface/http/problem-details.filter';
import { HealthController } from './interface/health/health.controller';
import { ReadinessIndicators } from './interface/health/readiness.indicators';
import { AuthenticationGuard } from './interface/auth/authentication.guard';
import { IdentityController } from './interface/identity/identity.controller';
import { ReferenceController } from './interface/identity/reference.controller';
import { RfiController } from './interface/rfi/rfi.routes';
import { AttachmentTransferRoutes } from './interface/rfi/attachment-transfer.routes';
import { AttachmentTransferClient } from './infrastructure/attachment-transfer.client';
import { DeploymentController } from './interface/deployment/deployment.routes';
import { KnowledgeExchangeController } from './interface/knowledge-exchange/knowledge-exchange.routes';
import { NotificationController } from './interface/notification/notification.routes';
import { DutyRosterController } from './interface/notification/duty.controller';
import { DutyContacts } from './application/duty-contacts.service';
import { DutyCandidatesQuery } from './infrastructure/persistence/duty-candidates.query';
import { WebhookController } from './interface/notification/webhook.routes';
import { ReportingController } from './interface/reporting/reporting.routes';
import { NotificationStreamController } from './interface/notification/notification-stream.controller';
import { NotificationStreams } from './application/notification-streams';
import { NotificationFeed } from './infrastructure/notification-feed';
import { ServiceCalls } from './interface/http/service-call';
import { NotificationTitles } from './application/notification-titles';
import { NotificationAnswers } from './interface/notification/notification-answers';
import { RateLimitGuard } from './interface/http/rate-limit.guard';
import { RateLimitCounter } from './infrastructure/persistence/rate-limit-counter';
import { UserAccountRepository } from './infrastructure/persistence/user-account.repository';
import { UserAccountQuery } from './infrastructure/persistence/user-account.query';
import { StreamEventIds } from './infrastructure/stream-event-ids';
import { TokenKeys } from './infrastructure/token-keys';
import { CommandKeys } from './infrastructure/command-keys';

@Module({})
export class GatewayModule {
  /** The app with the settings main.ts loaded from the environment. */
  static forRoot(settings: GatewaySettings): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayConfigModule.forRoot(settings),
        loggerModule('gateway', settings.logLevel),
        TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }),
        MikroOrmModule.forRoot({
          ...mikroOrmOptions(ormConfig(settings.database)),
          registerRequestContext: true,
        }),
        JwtModule.registerAsync({
          inject: [GATEWAY_SETTINGS],
          useFactory: (gateway: GatewaySettings) => {
            // Keys per token, from TokenKeys: the current one signs, the one a token names checks it.
            return {
              signOptions: {
                algorithm: 'RS256',
                expiresIn: gateway.jwtTtlSeconds,
                issuer: TOKEN_ISSUER,
                audience: TOKEN_AUDIENCE,
              },
              verifyOptions: {
                algorithms: ['RS256'],
                issuer: TOKEN_ISSUER,
                audience: TOKEN_AUDIENCE,
              },
            };
          },
        }),
      ],
      controllers: [
        HealthController,
        IdentityController,
        UsersController,
        ReferenceController,
        RfiController,
        AttachmentTransferRoutes,
        DeploymentController,
        KnowledgeExchangeController,
        NotificationController,
        DutyRosterController,
        WebhookController,
        NotificationStreamController,
        ReportingController,
      ],
      providers: [
        TokenKeys,
        CommandKeys,
        StreamEventIds,
        GatewayServiceClient,
        AttachmentTransferClient,
        ServiceCalls,
        NotificationTitles,
        NotificationAnswers,
        ReadinessIndicators,
        {
          provide: PasswordHasher,
          inject: [GATEWAY_SETTINGS],
          useFactory: (gateway: GatewaySettings) =>
            new PasswordHasher(
              new WorkLimit(
                'password hashing',
                gateway.passwordHashConcurrency,
                gateway.passwordHashQueue,
              ),
            ),
        },
        {
          provide: LoginLimits,
          inject: [GATEWAY_SETTINGS],
          useFactory: (gateway: GatewaySettings) =>
            new LoginLimits({
              perAddress: gateway.loginAddressRateLimitPerMinute,
              perAccount: gateway.loginRateLimitPerMinute,
            }),
        },
        UserAccountRepository,
        UserAccountQuery,
        IdentityService,
        AccountAdministration,
        UnreadNotifications,
        DutyContacts,
        DutyCandidatesQuery,
        NotificationFeed,
        NotificationStreams,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        // After authentication (global guards run in the order given): it counts the verified user.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        RateLimitCounter,
      ],
      exports: [GatewayServiceClient],
    };
  }
}

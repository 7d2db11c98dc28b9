import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, loadOrCreateSigningKeys } from '@bp/auth';
import { loggerModule, metricsModule, validateEnvironment } from '@bp/observability';
import { mikroOrmOptions } from '@bp/persistence';
import { GatewayEnvironment, gatewaySettingsFromEnv } from './config/gateway-environment';
import { GatewayServiceClient } from './infrastructure/service-client.provider';
import { PasswordHasher } from './infrastructure/password-hasher';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { IdentityService } from './application/identity.service';
import { AccountAdministration } from './application/identity-admin.service';
import { WorkLimit } from './infrastructure/work-limit';
import { LoginLimits } from './interface/auth/login-limits.guard';
import { UsersController } from './interface/identity/users.controller';
import { ProblemDetailsFilter } from './interface/http/problem-details.filter';
import { HealthController } from './interface/health/health.controller';
import { ReadinessIndicators } from './interface/health/readiness.indicators';
import { AuthenticationGuard } from './interface/auth/authentication.guard';
import { IdentityController } from './interface/identity/identity.controller';
import { ReferenceController } from './interface/identity/reference.controller';
import { RfiController } from './interface/rfi/rfi.controller';
import { DeploymentController } from './interface/deployment/deployment.controller';
import { KnowledgeExchangeController } from './interface/knowledge-exchange/knowledge-exchange.controller';
import { ServiceCalls } from './interface/http/service-call';
import { RateLimitGuard } from './interface/http/rate-limit.guard';
import { RateLimitCounter } from './infrastructure/persistence/rate-limit-counter';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: validateEnvironment(GatewayEnvironment),
    }),
    loggerModule('gateway'),
    metricsModule('gateway'),
    TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }),
    MikroOrmModule.forRoot({ ...mikroOrmOptions(ormConfig()), registerRequestContext: true }),
    JwtModule.registerAsync({
      useFactory: () => {
        const settings = gatewaySettingsFromEnv();
        const keys = loadOrCreateSigningKeys(settings.jwtKeyDir);
        return {
          privateKey: keys.privateKey,
          publicKey: keys.publicKey,
          signOptions: {
            algorithm: 'RS256',
            expiresIn: settings.jwtTtlSeconds,
            issuer: TOKEN_ISSUER,
            audience: TOKEN_AUDIENCE,
          },
          verifyOptions: { algorithms: ['RS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
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
    DeploymentController,
    KnowledgeExchangeController,
  ],
  providers: [
    GatewayServiceClient,
    ServiceCalls,
    ReadinessIndicators,
    {
      provide: PasswordHasher,
      useFactory: () => {
        const settings = gatewaySettingsFromEnv();
        const limit = new WorkLimit(
          'password hashing',
          settings.passwordHashConcurrency,
          settings.passwordHashQueue,
        );
        return new PasswordHasher(limit);
      },
    },
    {
      provide: LoginLimits,
      useFactory: () => {
        const settings = gatewaySettingsFromEnv();
        return new LoginLimits({
          perAddress: settings.loginAddressRateLimitPerMinute,
          perAccount: settings.loginRateLimitPerMinute,
        });
      },
    },
    IdentityService,
    AccountAdministration,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    // After authentication (global guards run in the order given): it counts the verified user.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    RateLimitCounter,
  ],
  exports: [GatewayServiceClient],
})
export class GatewayModule {}

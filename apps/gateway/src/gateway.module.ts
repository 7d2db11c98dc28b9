import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { loggerModule, metricsModule, validateEnvironment } from '@bp/observability';
import { GatewayEnvironment } from './config/gateway-environment';
import { GatewayServiceClient } from './infrastructure/service-client.provider';
import { ProblemDetailsFilter } from './interface/http/problem-details.filter';
import { HealthController } from './interface/health/health.controller';
import { ReadinessIndicators } from './interface/health/readiness.indicators';

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
  ],
  controllers: [HealthController],
  providers: [
    GatewayServiceClient,
    ReadinessIndicators,
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
  exports: [GatewayServiceClient],
})
export class GatewayModule {}

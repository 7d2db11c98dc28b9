import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { randomUUID } from 'node:crypto';
import { Admin } from 'kafkajs';
import { MikroORM } from '@mikro-orm/core';
import { SERVICES, ServiceKey, SystemCommands } from '@bp/contracts';
import { createKafka } from '@bp/messaging';
import { GATEWAY_SETTINGS, GatewaySettings } from '../../config/gateway-settings';
import { GatewayServiceClient } from '../../infrastructure/service-client.provider';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The checks behind /health/ready: this gateway's own dependencies (its database, the broker)
 * decide whether it can take traffic; each service and its database are reported beside them.
 */
@Injectable()
export class ReadinessIndicators implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadinessIndicators.name);
  private admin?: Admin;

  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly services: GatewayServiceClient,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly orm: MikroORM,
  ) {}

  /** Sign-in and the admission of every request read this database. */
  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(`database:${this.settings.database.name}`);
    try {
      await withTimeout(
        this.orm.em.getConnection().execute('select 1'),
        CHECK_TIMEOUT_MS,
        'The gateway database',
      );
      return check.up();
    } catch (error) {
      // The route is public: the driver's message (hosts, user names) goes to the log only.
      this.logger.warn(`Gateway database check failed: ${(error as Error).message}`);
      return check.down({ message: 'unavailable' });
    }
  }

  async kafka(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('kafka');
    try {
      this.admin ??= createKafka('bp-gateway-health', this.settings.kafka).admin();
      await withTimeout(this.admin.connect(), CHECK_TIMEOUT_MS, 'Kafka');
      const cluster = await withTimeout(this.admin.describeCluster(), CHECK_TIMEOUT_MS, 'Kafka');
      return check.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
      this.logger.warn(`Kafka check failed: ${(error as Error).message}`);
      return check.down({ message: 'unavailable' });
    }
  }

  /** One result for the service and one for its database, each under its own name. */
  async service(key: ServiceKey): Promise<HealthIndicatorResult> {
    const name = SERVICES[key].name;
    const service = this.indicator.check(name);
    try {
      const reply = await this.services.request(
        key,
        SystemCommands.health,
        {},
        { correlationId: randomUUID() },
        CHECK_TIMEOUT_MS,
      );
      if (!reply.ok) return service.down({ message: reply.problem.title });
      const health = reply.body;
      const database = this.indicator.check(`database:${health.databaseName}`);
      const databaseResult =
        health.database === 'up'
          ? database.up({ service: name })
          : database.down({ service: name });
      const serviceResult =
        health.database === 'up'
          ? service.up({ outboxBacklog: health.outboxBacklog })
          : service.down({ message: 'database unavailable' });
      return { ...serviceResult, ...databaseResult };
    } catch (error) {
      return service.down({ message: (error as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

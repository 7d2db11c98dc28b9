import {
  Controller,
  Get,
  NotFoundException,
  Param,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { FastifyReply } from 'fastify';
import { SERVICES, SERVICE_KEYS, ServiceHealth, SystemCommands } from '@bp/contracts';
import { BrokenParts } from '@bp/observability';
import { GatewayServiceClient } from '../../infrastructure/service-client.provider';
import { ServiceProblem } from '../../infrastructure/service-problem';
import { CorrelationId } from '../http/correlation-id.decorator';
import { ReadinessIndicators } from './readiness.indicators';
import { Public } from '../auth/auth.decorators';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: ReadinessIndicators,
    private readonly services: GatewayServiceClient,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness: the gateway process answers and its reply consumer runs (else 503)',
    description:
      'No sign-in. 503 `{ "status": "failing" }` once the Kafka consumer that reads the ' +
      "services' replies has crashed in a way KafkaJS does not restart, so that the process is " +
      'restarted; 200 again if it rejoins its group. It does not check the database or Kafka: ' +
      'GET /health/ready does.',
  })
  @ApiResponse({
    status: 200,
    description: 'the process is live',
    content: { 'application/json': { example: { status: 'ok' } } },
  })
  @ApiResponse({ status: 503, description: 'a part of the process has stopped: restart it' })
  live(): { status: 'ok' } {
    if (BrokenParts.names().length) throw new ServiceUnavailableException({ status: 'failing' });
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: 200 when this gateway can take traffic (its database and Kafka answer)',
    description:
      "The body names each dependency with `up` or `down`. Only the gateway's own database and " +
      'Kafka decide the status (503 when either is down): a stopped service makes its routes ' +
      'answer 504, but must not take every gateway instance, and sign-in, out of a load ' +
      'balancer. Each service and its database are listed under `services`.',
  })
  @ApiResponse({
    status: 200,
    description: 'ready: every dependency named, with `up` or `down`',
    content: {
      'application/json': {
        example: {
          status: 'ok',
          info: { database: { status: 'up' }, kafka: { status: 'up', brokers: 1, controller: 1 } },
          error: {},
          details: {
            database: { status: 'up' },
            kafka: { status: 'up', brokers: 1, controller: 1 },
          },
          services: {
            'rfi-service': { status: 'up', outboxBacklog: 0 },
            'database:bp_rfi': { status: 'up', service: 'rfi-service' },
          },
        },
      },
    },
  })
  @ApiResponse({
    status: 503,
    description: 'not ready: the same body, with what is down (application/json)',
    content: {
      'application/json': {
        schema: { type: 'object', properties: { status: { type: 'string', enum: ['error'] } } },
        example: { status: 'error', error: { kafka: { status: 'down' } }, services: {} },
      },
    },
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const services = Object.assign(
      {},
      ...(await Promise.all(SERVICE_KEYS.map((key) => this.indicators.service(key)))),
    ) as HealthIndicatorResult;
    try {
      const own = await this.health.check([
        () => this.indicators.database(),
        () => this.indicators.kafka(),
      ]);
      return { ...own, services };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return { ...(error.getResponse() as object), services };
    }
  }

  @Get('services/:name')
  @ApiOperation({
    summary: "One service's own health, asked over Kafka like any API request",
    description:
      'A stopped or slow service answers 504 after the gateway timeout, as every API route does.',
  })
  @ApiParam({ name: 'name', enum: SERVICE_KEYS.map((key) => SERVICES[key].name) })
  @ApiResponse({
    status: 200,
    description: "the service's own health",
    content: {
      'application/json': {
        example: {
          service: 'rfi-service',
          database: 'up',
          databaseName: 'bp_rfi',
          outboxBacklog: 0,
        },
      },
    },
  })
  @ApiResponse({ status: 404, description: 'no service of that name' })
  @ApiResponse({
    status: 503,
    description: 'the service cannot be reached, or says it is not well',
  })
  @ApiResponse({ status: 504, description: 'the service did not answer in time' })
  async service(
    @Param('name') name: string,
    @CorrelationId() correlationId: string,
  ): Promise<ServiceHealth> {
    const key = SERVICE_KEYS.find((candidate) => SERVICES[candidate].name === name);
    if (!key) throw new NotFoundException(`No service named ${name}`);
    const reply = await this.services.request(key, SystemCommands.health, {}, { correlationId });
    if (!reply.ok) throw new ServiceProblem(reply.problem);
    return reply.body;
  }
}

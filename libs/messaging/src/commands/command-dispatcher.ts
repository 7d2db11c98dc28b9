import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  CommandDefinition,
  CommandErrors,
  commandsOf,
  CommandMessageDto,
  CommandReply,
  InputErrors,
  ProblemTypes,
  RoleErrors,
  problem,
  readsDirect,
  validateCommandInput,
  validatePlain,
} from '@bp/contracts';
import { CommandAssertionVerifier, requestDigest } from '@bp/auth';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { runInCorrelationScope, sanitizeCorrelationId, sharedHistogram } from '@bp/observability';
import { HANDLES_COMMAND_METADATA } from './handles-command.decorator';
import { CommandContext, CommandHandlerFn, Versioned } from './command-context';
import {
  SERVICE_MESSAGING_OPTIONS,
  ServiceMessagingOptions,
} from '../service/service-messaging.options';
import { idempotencyKeyOf, requestHash } from './idempotency';
import { SuccessReply, idempotentTransaction } from './idempotent-transaction';
import { CommandDeadlinePassed } from './command-deadline';
import { failureProblem } from './failure-problem';
import { UsedAssertions } from './used-assertions';

/** How a command reached the service: from its Kafka topic, or a read sent straight over HTTP. */
export type CommandRoad = 'kafka' | 'http';

interface RegisteredHandler {
  definition: CommandDefinition;
  handle: CommandHandlerFn;
}

/** Said only when nothing was applied, so a retry, with or without a key, is safe. */
const DEADLINE_PASSED =
  'The request expired before it could be completed; nothing was applied, it is safe to retry';

const durations = sharedHistogram({
  name: 'bp_command_duration_seconds',
  help: 'Time to handle a command, by command, outcome and road (kafka, or http for direct reads)',
  labelNames: ['command', 'outcome', 'road'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/**
 * Takes every message of the service's command topic: checks it, finds the handler, runs it (in one
 * transaction with the idempotency record when it changes state) and always answers with a reply,
 * never a thrown error, so the gateway can map every outcome to HTTP.
 */
@Injectable()
export class CommandDispatcher implements OnModuleInit {
  private readonly logger = new Logger(CommandDispatcher.name);
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly usedOverHttp = new UsedAssertions();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly orm: MikroORM,
    private readonly assertions: CommandAssertionVerifier,
    @Optional()
    @Inject(SERVICE_MESSAGING_OPTIONS)
    private readonly options?: ServiceMessagingOptions,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as CommandHandlerFn;
        const definition = Reflect.getMetadata(HANDLES_COMMAND_METADATA, fn) as
          | CommandDefinition
          | undefined;
        if (!definition) continue;
        if (this.handlers.has(definition.name))
          throw new Error(`Two handlers for ${definition.name}`);
        this.handlers.set(definition.name, { definition, handle: fn.bind(instance) });
      }
    }
    this.checkAgainstContracts();
  }

  /** A service answers exactly the commands libs/contracts gives it: none missing, none extra. */
  private checkAgainstContracts(): void {
    if (!this.options) {
      this.logger.warn('No service options: handlers are not checked against libs/contracts');
      return;
    }
    const service = this.options.service;
    const expected = new Set(commandsOf(service.key).map((c) => c.name));
    const missing = [...expected].filter((name) => !this.handlers.has(name));
    const foreign = [...this.handlers.keys()].filter((name) => !expected.has(name));
    if (missing.length || foreign.length)
      throw new Error(
        `${service.name} does not match its commands in libs/contracts: ` +
          `missing handlers for [${missing.join(', ')}], handlers of others' commands [${foreign.join(', ')}]`,
      );
  }

  handledCommands(): string[] {
    return [...this.handlers.keys()];
  }

  async dispatch(raw: unknown, road: CommandRoad = 'kafka'): Promise<CommandReply> {
    const message = validatePlain(CommandMessageDto, raw);
    if (!message.ok) {
      this.logger.warn(`Malformed command message: ${JSON.stringify(message.errors)}`);
      return fail(
        400,
        ProblemTypes.validation,
        'Malformed command',
        undefined,
        message.errors,
        CommandErrors.MALFORMED,
      );
    }
    const { name, meta } = message.value;
    const correlationId = sanitizeCorrelationId(meta.correlationId);
    return runInCorrelationScope({ correlationId }, async () => {
      // Only names this service handles become series: the label set stays bounded.
      const stop = durations.startTimer({
        command: this.handlers.has(name) ? name : 'unknown',
        road,
      });
      const reply = await this.run(message.value, correlationId, road);
      stop({ outcome: reply.ok ? 'ok' : String(reply.problem.status) });
      describeSpan(name, reply, this.handlers.has(name), road);
      this.logger.debug(
        `Command ${name} answered ${reply.ok ? reply.status : reply.problem.status}`,
      );
      return reply;
    });
  }

  private async run(
    message: CommandMessageDto,
    correlationId: string,
    road: CommandRoad,
  ): Promise<CommandReply> {
    const { name, meta } = message;
    const handler = this.handlers.get(name);
    // A change not yet applied is checked against the deadline in its transaction, after the
    // lookup of its reply: a redelivered command that did commit is answered with what it did.
    if (!handler?.definition.mutating && Date.parse(meta.deadline) < Date.now()) {
      this.logger.warn(`Command ${name} arrived after its deadline ${meta.deadline}; not started`);
      return fail(504, ProblemTypes.gatewayTimeout, 'Gateway timeout', DEADLINE_PASSED);
    }
    if (!handler) {
      this.logger.error(`No handler for command ${name}`);
      return fail(
        400,
        ProblemTypes.validation,
        'Unknown command',
        `This service does not handle ${name}`,
        undefined,
        CommandErrors.UNKNOWN,
      );
    }
    if (road === 'http' && !readsDirect(handler.definition)) {
      this.logger.warn(`Command ${name} sent over HTTP; only reads by a user may be`);
      return fail(
        400,
        ProblemTypes.validation,
        'Wrong road',
        `${name} is taken from Kafka only`,
        undefined,
        CommandErrors.WRONG_ROAD,
      );
    }
    const asserted = this.assertions.check(meta.assertion, {
      command: name,
      messageId: meta.messageId ?? '',
      deadline: meta.deadline,
      request: requestDigest({
        name,
        payload: message.payload,
        idempotencyKey: meta.idempotencyKey,
        ifMatch: meta.ifMatch,
        road: road === 'http' ? 'http' : undefined,
      }),
    });
    // A replay is told no more than a forgery.
    const refusal = !asserted.ok
      ? asserted.reason
      : road === 'http' && !this.usedOverHttp.use(meta.messageId ?? '', asserted.validUntil)
        ? `message ${meta.messageId} was already answered`
        : undefined;
    if (!asserted.ok || refusal) {
      this.logger.warn(`Command ${name} refused: ${refusal}`);
      return fail(
        403,
        ProblemTypes.forbidden,
        'Forbidden',
        'The caller of this command could not be verified',
        undefined,
        CommandErrors.UNVERIFIED,
      );
    }
    const actor = asserted.actor;
    if (!handler.definition.anonymous && !actor) {
      this.logger.warn(`Command ${name} without an actor; refused`);
      return fail(
        403,
        ProblemTypes.forbidden,
        'Forbidden',
        'This action needs an authenticated user',
        undefined,
        RoleErrors.UNAUTHENTICATED,
      );
    }
    const payload = validateCommandInput(handler.definition, message.payload);
    if (!payload.ok) {
      return fail(
        400,
        ProblemTypes.validation,
        'Invalid input',
        'The request has invalid fields',
        payload.errors,
        InputErrors.INVALID,
      );
    }
    const context = {
      actor,
      correlationId,
      idempotencyKey: meta.idempotencyKey,
      ifMatch: meta.ifMatch,
    };
    try {
      if (!handler.definition.mutating) {
        const em = this.orm.em.fork() as EntityManager;
        return toReply(handler.definition, await handler.handle(payload.value, { ...context, em }));
      }
      return await this.runMutating(handler, payload.value, message, context);
    } catch (error) {
      return await this.failure(name, error);
    }
  }

  private runMutating(
    handler: RegisteredHandler,
    payload: object,
    message: CommandMessageDto,
    context: Omit<CommandContext, 'em'>,
  ): Promise<CommandReply> {
    const scope = {
      actorKey: context.actor?.userId ?? 'anonymous',
      key: idempotencyKeyOf(message.meta),
      command: message.name,
      requestHash: requestHash(message.name, message.payload),
      shownOnce: handler.definition.shownOnce,
      deadline: Date.parse(message.meta.deadline),
    };
    return idempotentTransaction(this.orm.em.fork() as EntityManager, scope, async (tx) =>
      toReply(handler.definition, await handler.handle(payload, { ...context, em: tx })),
    );
  }

  private async failure(name: string, error: unknown): Promise<CommandReply> {
    if (error instanceof CommandDeadlinePassed) {
      this.logger.warn(`Command ${name} not applied: its deadline passed before it could commit`);
      return fail(504, ProblemTypes.gatewayTimeout, 'Gateway timeout', DEADLINE_PASSED);
    }
    return {
      ok: false,
      problem: await failureProblem(error, this.orm.em.fork(), this.logger, `Command ${name}`),
    };
  }
}

/** The use case's answer as the transport gives it: the definition's status, the version as ETag. */
function toReply(definition: CommandDefinition, result: unknown): SuccessReply {
  if (result instanceof Versioned)
    return {
      ok: true,
      status: definition.status,
      body: result.value,
      etag: String(result.version),
    };
  return { ok: true, status: definition.status, body: result };
}

/**
 * The span the command is handled in (its road's: the Kafka record's, or the HTTP request's) says
 * which command it was and how it ended. A Kafka record's is named after the command when this
 * service knows it (so span names stay few); an HTTP request's keeps its route.
 */
function describeSpan(name: string, reply: CommandReply, known: boolean, road: CommandRoad): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  if (known && road === 'kafka') span.updateName(`process ${name}`);
  span.setAttribute('bp.command', known ? name : 'unknown');
  span.setAttribute('bp.reply.status', reply.ok ? reply.status : reply.problem.status);
  if (!reply.ok && reply.problem.status >= 500)
    span.setStatus({ code: SpanStatusCode.ERROR, message: reply.problem.title });
}

function fail(...args: Parameters<typeof problem>): CommandReply {
  return { ok: false, problem: problem(...args) };
}

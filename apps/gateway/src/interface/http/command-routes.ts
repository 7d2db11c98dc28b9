import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Type,
} from '@nestjs/common';
import { ApiBody, ApiForbiddenResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CommandDefinition,
  CommandInput,
  EmptyPayload,
  InputErrors,
  ROLES,
  Role,
  ValidationFailedError,
} from '@bp/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiAction, ApiRead, UuidParam } from './api-docs.decorators';
import { Exchange, HttpExchange, ServiceCalls } from './service-call';
import { offeredTypes, represent } from './representations';

type Decorator = MethodDecorator;

export interface CommandRoutesOptions<S extends Record<string, CommandDefinition>> {
  /** The controller's name: it names the OpenAPI operations (`<name>_<command key>`). */
  name: string;
  tag: string;
  commands: S;
  /** Success examples for the API documentation, by command key. */
  examples: { [K in keyof S]?: unknown };
  /** Completes a service's answer before it goes out (a provider of the gateway's module). */
  finisher?: Type<AnswerFinisher>;
}

/** What completes answers with what only the gateway can add (e.g. notification-titles.ts). */
export interface AnswerFinisher {
  finish(command: CommandDefinition, answer: unknown, exchange: HttpExchange): Promise<unknown>;
}

/**
 * The gateway's routes for one service, derived from the command definitions in libs/contracts:
 * path, method, roles, success status, path ids (version 4 UUIDs), body or query class and the
 * documentation. Each route forwards its validated input to the service that owns the command.
 */
export function commandRoutes<S extends Record<string, CommandDefinition>>(
  options: CommandRoutesOptions<S>,
): Type<unknown> {
  class Routes {
    constructor(
      readonly services: ServiceCalls,
      readonly finisher?: AnswerFinisher,
    ) {}
  }
  Object.defineProperty(Routes, 'name', { value: options.name });
  Inject(ServiceCalls)(Routes, undefined as never, 0);
  if (options.finisher) Inject(options.finisher)(Routes, undefined as never, 1);
  for (const [key, definition] of Object.entries(options.commands)) {
    if (definition.http) addRoute(Routes.prototype, key, definition, options.examples[key]);
  }
  Controller()(Routes);
  ApiTags(options.tag)(Routes);
  return Routes;
}

function addRoute(
  prototype: object,
  key: string,
  definition: CommandDefinition,
  example: unknown,
): void {
  const idFields = Object.keys(definition.ids);
  const hasInput = definition.payload !== EmptyPayload;
  async function forward(
    this: { services: ServiceCalls; finisher?: AnswerFinisher },
    ...args: unknown[]
  ): Promise<unknown> {
    const ids = Object.fromEntries(idFields.map((field, i) => [field, args[i]]));
    const input = hasInput ? (args[idFields.length] as object) : {};
    const exchange = args[args.length - 1] as HttpExchange;
    if (!hasInput) refuseBody(exchange.request.body);
    const answer = await this.services.call(
      definition,
      { ...input, ...ids } as CommandInput<CommandDefinition>,
      exchange,
    );
    const finished = this.finisher
      ? await this.finisher.finish(definition, answer, exchange)
      : answer;
    return represent(finished, definition.http, exchange);
  }
  // Named after the command: Nest and Swagger find a route's metadata by the method's name.
  Object.defineProperty(forward, 'name', { value: key });
  Object.defineProperty(prototype, key, { value: forward, writable: true, configurable: true });
  const paramTypes = [
    ...idFields.map(() => String),
    ...(hasInput ? [definition.payload] : []),
    Object,
  ];
  Reflect.defineMetadata('design:paramtypes', paramTypes, prototype, key);
  Reflect.defineMetadata('design:returntype', Promise, prototype, key);
  // In the order TypeScript applies written decorators: the last parameter first.
  Exchange()(prototype, key, paramTypes.length - 1);
  if (hasInput)
    (definition.http!.method === 'GET' ? Query() : Body())(prototype, key, idFields.length);
  for (let i = idFields.length - 1; i >= 0; i--)
    Param(definition.ids[idFields[i]!]!, new ParseUUIDPipe({ version: '4' }))(prototype, key, i);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key)!;
  for (const decorate of routeDecorators(definition, example).reverse())
    decorate(prototype, key, descriptor);
}

/**
 * An action documented without a body refuses one that says anything, rather than ignore what a
 * client believes it sent (a reason, a note). An absent body, or `{}`, is no body.
 */
export function refuseBody(body: unknown): void {
  const empty =
    body === undefined ||
    body === null ||
    (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
  if (!empty)
    throw new ValidationFailedError(InputErrors.INVALID, 'This action takes no request body', [
      { field: 'body', message: 'must be absent or {}' },
    ]);
}

/** The decorators a hand-written route would carry, top to bottom. */
function routeDecorators(definition: CommandDefinition, example: unknown): Decorator[] {
  const http = definition.http!;
  const roles = http.roles ? [Roles(...http.roles)] : [];
  const ids = Object.values(definition.ids).map((name) => UuidParam(name));
  const produced = offeredTypes(http);
  if (http.method === 'GET')
    return [
      Get(http.path),
      ...roles,
      ...(excludesSomeRole(http.roles) ? [NOT_YOUR_ROLE] : []),
      ApiRead(http.summary, http.description, example),
      ...ids,
      ...(produced.length > 1 ? [ApiProduces(...produced)] : []),
    ];
  return [
    (http.method === 'DELETE' ? Delete : Post)(http.path),
    ...(definition.status === 201 ? [] : [HttpCode(definition.status)]),
    ...roles,
    ApiAction(http.summary, http.description, { status: definition.status, example }),
    ...ids,
    ...(definition.payload === EmptyPayload ? [] : [ApiBody({ type: definition.payload })]),
  ];
}

function excludesSomeRole(roles: readonly Role[] | undefined): boolean {
  return !!roles && ROLES.some((role) => !roles.includes(role));
}

const NOT_YOUR_ROLE = ApiForbiddenResponse({
  description: 'your role may not read this at all (application/problem+json)',
});

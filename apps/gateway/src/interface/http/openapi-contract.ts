import { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_BASE } from '@bp/contracts';
import { ERROR_CODE_PATTERN } from '@bp/domain-kernel';
import { RATE_LIMIT_POLICY_NAME } from '../../domain/rate-limit';
import { API_PREFIX } from '../auth/auth.decorators';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';
import { withImpliedLength } from './validator-limits';

type Schema = Record<string, unknown>;
type Operation = {
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  tags?: string[];
  responses: Record<string, Schema>;
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

// What every route may answer besides its own outcomes. The routes' decorators state what is
// particular to each (a 409 of a state machine, a 412 of If-Match); the answers below come from
// the gateway's guards, pipes and filter, the same for every route they guard, so they are stated
// here once instead of on some 150 operations.
const COMMON_ANSWERS = {
  400: 'invalid input: a parameter, header or body the route refuses, with field errors',
  401: 'no valid bearer token: missing, expired, revoked, or its account disabled',
  403: 'your role may not do this, or your password must be changed first (POST /me/password)',
  413: 'the body is larger than BODY_LIMIT_BYTES',
  415: 'the body is not application/json',
  429: 'over the rate limit: wait Retry-After seconds',
  500: 'an unexpected fault; the answer says nothing of it, the log has the cause',
  503: 'the gateway cannot reach its database or the service now; retry shortly',
};

// Relative: the paths are on whichever gateway serves the document. Public, not internal: this
// is the API national systems use (the services' own ports are not in it).
const SERVERS = [
  {
    url: '/',
    description: 'the gateway serving this document: production, staging or local alike',
    'x-internal': false,
  },
];

const TAG_DESCRIPTIONS: Record<string, string> = {
  identity: 'Signing in, tokens, your account, and the secretariat’s administration of accounts.',
  reference: 'The parties, topics and routes every request refers to.',
  'requests for information':
    'Requests for information between parties: filing, triage and routing by the secretariat, ' +
    'answers, history and attachments. Need to know is decided by the rfi-service.',
  'liaison officers and deployments': 'Liaison officers, their postings and deployments.',
  'knowledge exchange': 'Study visits, capacity building and case studies between parties.',
  notifications: 'Your notifications, their live stream, and the duty roster that pages.',
  webhooks: 'Signed deliveries of events to a party’s own system (Standard Webhooks).',
  statistics: 'Figures for the secretariat and the parties, and early-warning alerts.',
  operations: 'Liveness and readiness for the orchestrator; not part of the API.',
};

export const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      maxLength: 200,
      example: `${PROBLEM_BASE}validation-error`,
    },
    title: { type: 'string', maxLength: 200, example: 'Invalid input' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: {
      type: 'string',
      maxLength: 2000,
      example: 'title must be shorter than 200 characters',
    },
    instance: {
      type: 'string',
      // The request's path and query as sent, which need not be a valid URI reference; Node
      // refuses a request line and headers over 16 KiB.
      maxLength: 16_384,
      example: '/api/v1/rfis',
    },
    code: {
      type: 'string',
      pattern: ERROR_CODE_PATTERN.source,
      maxLength: 100,
      description: 'a domain refusal as AREA.REASON, for clients to branch on',
      example: 'RFI.NOT_FOUND',
    },
    errors: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', maxLength: 200, example: 'title' },
          message: { type: 'string', maxLength: 1000, example: 'title must not be empty' },
        },
      },
    },
  },
};

const POLICY = `"${RATE_LIMIT_POLICY_NAME}"`;

const RATE_LIMIT_HEADERS: Record<string, Schema> = {
  RateLimit: {
    description:
      `the quota left: \`${POLICY};r=<remaining>;t=<seconds to reset>\` (IETF RateLimit fields). ` +
      'Absent when the request was refused before it was counted (401), or could not be counted.',
    schema: { type: 'string', maxLength: 100, pattern: `^${POLICY};r=\\d+;t=\\d+$` },
  },
  'RateLimit-Policy': {
    description: `the quota: \`${POLICY};q=<requests>;w=<window seconds>\``,
    schema: { type: 'string', maxLength: 100, pattern: `^${POLICY};q=\\d+;w=\\d+$` },
  },
};

// Stated on every API answer that states headers at all, as the OWASP rules ask: CORS is a
// decision, and this is where it is written down.
const ALLOW_ORIGIN: Schema = {
  description:
    "the caller's Origin, only when it is one of CORS_ALLOWED_ORIGINS (none by default): other " +
    "origins' scripts may not read the answer",
  schema: { type: 'string', format: 'uri', maxLength: 2048 },
};

const RETRY_AFTER: Schema = {
  description: 'seconds to wait before retrying',
  schema: { type: 'integer', minimum: 1, maximum: 86400 },
};

/**
 * Completes the document Swagger made from the routes: the answers every route shares, as
 * problem+json with the Problem schema; the rate-limit fields on every API answer; the tags
 * described. Pure: the same routes always give the same document (docs/openapi.json).
 */
export function completeContract(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, Problem: PROBLEM_SCHEMA };
  const bearer = components.securitySchemes?.bearer as Schema | undefined;
  if (bearer)
    bearer.description =
      'A JWT from POST /api/v1/auth/token, signed with RS256 under a key named by `kid`, and ' +
      'checked as RFC8725 (JSON Web Token Best Current Practices) advises: one algorithm ' +
      'allowed, issuer, audience and expiry required, and the account read again on every request.';
  Object.assign(document, { servers: SERVERS });
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      for (const tag of operation.tags ?? []) tags.add(tag);
      completeOperation(path, operation);
    }
  }
  visitSchemas(document, (schema) => {
    statedIntegerFormat(schema);
    if (schema.type === 'string') Object.assign(schema, withImpliedLength(schema));
  });
  document.tags = [...tags].sort().map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? name,
  }));
  return document;
}

function takesJson(operation: Operation): boolean {
  const content = (operation.requestBody as { content?: Record<string, unknown> } | undefined)
    ?.content;
  return content?.['application/json'] !== undefined;
}

function completeOperation(path: string, operation: Operation): void {
  const api = path.startsWith(`/${API_PREFIX}/`);
  const responses = operation.responses;
  const add = (status: keyof typeof COMMON_ANSWERS) =>
    (responses[status] ??= { description: COMMON_ANSWERS[status] });
  if (operation.parameters?.length || operation.requestBody) add(400);
  if (operation.security?.length) {
    add(401);
    add(403);
  }
  if (takesJson(operation)) {
    add(413);
    add(415);
  }
  if (api) {
    add(429).headers = { 'Retry-After': RETRY_AFTER };
    add(503);
  }
  add(500);
  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status);
    if (code >= 400 && !response.content)
      response.content = {
        [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } },
      };
    if (api && (status.startsWith('2') || status.startsWith('4')))
      response.headers = {
        ...RATE_LIMIT_HEADERS,
        'Access-Control-Allow-Origin': ALLOW_ORIGIN,
        ...(response.headers as Schema | undefined),
      };
  }
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * int32 where the stated range fits it, int64 where none is stated: a client that reads an
 * integer into 64 bits is never wrong here.
 */
function statedIntegerFormat(schema: Schema): void {
  if (schema.type !== 'integer' || schema.format) return;
  const fits =
    typeof schema.maximum === 'number' &&
    schema.maximum <= INT32_MAX &&
    (typeof schema.minimum !== 'number' || schema.minimum >= -INT32_MAX - 1);
  schema.format = fits ? 'int32' : 'int64';
}

/** Calls `visit` on every object in the document that is, or may be, a schema. */
function visitSchemas(node: unknown, visit: (schema: Schema) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitSchemas(item, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  visit(node as Schema);
  for (const [key, value] of Object.entries(node))
    if (key !== 'example') visitSchemas(value, visit);
}

import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Issue 16: every answer an end-to-end test gets from the gateway is checked against the API
// contract kept in docs/openapi.json (the API9 suite checks that the gateway serves that very
// document). An answer whose status, media type or body the document does not describe fails the
// test that got it: the document is what national systems build their clients from.

const ROOT = path.resolve(__dirname, '../..');
const DOCUMENT_FILE = path.join(ROOT, 'docs', 'openapi.json');

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface Response {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Fewer parameters first: `/rfis/inbox` is itself before it is `/rfis/{id}`. */
  parameters: number;
  operations: Record<string, Operation>;
}

/** The test profile's gateway instances listen on 3300, 3310, 3320...; its services elsewhere. */
const isGateway = (url: URL) => /^33\d\d$/.test(url.port);

/** Paths the document does not describe on purpose: the documents themselves (API9). */
const UNDESCRIBED = [/^\/api\/docs/, /^\/api\/asyncapi\.json$/];

let contract: { routes: Route[]; ajv: Ajv; validators: Map<Schema, ValidateFunction> } | undefined;

function load(): NonNullable<typeof contract> {
  if (contract) return contract;
  const document = JSON.parse(fs.readFileSync(DOCUMENT_FILE, 'utf8')) as Document;
  // OpenAPI 3.0 schemas are JSON Schema with extras: `nullable` becomes what it means, and strict
  // mode off lets Ajv pass over the annotations it does not know (example, x-...).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: asJsonSchema(document.components) });
  const routes = Object.entries(document.paths)
    .map(([template, operations]) => {
      const parameters = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      return { template, pattern: new RegExp(`^${source}$`), parameters, operations };
    })
    .sort((a, b) => a.parameters - b.parameters);
  contract = { routes, ajv, validators: new Map() };
  return contract;
}

/** The schema as Ajv reads it: the document's own references resolved in the document. */
function validatorFor(schema: Schema): ValidateFunction {
  const { ajv, validators } = load();
  let validate = validators.get(schema);
  if (!validate) {
    const rebased = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'),
    ) as Schema;
    validate = ajv.compile(asJsonSchema(rebased) as Schema);
    validators.set(schema, validate);
  }
  return validate;
}

/**
 * OpenAPI 3.0's `nullable: true` admits null whatever else the schema says, also beside `allOf`
 * with a reference (how Swagger writes a nullable object); JSON Schema says it as `anyOf`.
 */
function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const converted = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'example' ? value : asJsonSchema(value),
    ]),
  );
  if (converted.nullable !== true) return converted;
  const { nullable: _nullable, ...rest } = converted;
  return { anyOf: [{ type: 'null' }, rest] };
}

export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

/**
 * What the document does not describe of one answer: an undocumented status, a media type the
 * status does not list, or a JSON body its schema refuses. Empty for a path the document does not
 * have (the API9 and API2 suites deal with those) and for what is not the gateway's.
 */
export function contractViolations(answer: Answer): string[] {
  const url = new URL(answer.url);
  if (!isGateway(url)) return [];
  if (UNDESCRIBED.some((pattern) => pattern.test(url.pathname))) return [];
  const method = answer.method.toLowerCase();
  const route = load().routes.find(
    (candidate) => candidate.pattern.test(url.pathname) && candidate.operations[method],
  );
  if (!route) return [];
  const where = `${answer.method} ${route.template} answered ${answer.status}`;
  const responses = route.operations[method]!.responses;
  const response =
    responses[String(answer.status)] ??
    responses[`${String(answer.status)[0]}XX`] ??
    responses.default;
  if (!response) return [`${where}: the document lists ${Object.keys(responses).join(', ')}`];
  const mediaType = answer.contentType?.split(';')[0]!.trim().toLowerCase();
  if (!mediaType || !response.content) return [];
  const documented = response.content[mediaType];
  if (!documented)
    return [
      `${where} as ${mediaType}: the document has ${Object.keys(response.content).join(', ')}`,
    ];
  if (!documented.schema || !mediaType.endsWith('json')) return [];
  const validate = validatorFor(documented.schema);
  if (validate(answer.body)) return [];
  return (validate.errors ?? []).map(
    (error) => `${where}: body${error.instancePath} ${error.message ?? 'is refused'}`,
  );
}

const VIOLATIONS_FILE = path.join(ROOT, '.run', 'test', 'contract-violations.jsonl');

/**
 * Fails on an answer the document does not describe. BP_CONTRACT_CHECK=report writes them to
 * .run/test/contract-violations.jsonl instead (to survey a whole run), =off skips the check.
 */
export function checkAnswer(answer: Answer): void {
  const mode = process.env.BP_CONTRACT_CHECK ?? 'fail';
  if (mode === 'off') return;
  const violations = contractViolations(answer);
  if (!violations.length) return;
  if (mode === 'report') {
    fs.mkdirSync(path.dirname(VIOLATIONS_FILE), { recursive: true });
    fs.appendFileSync(
      VIOLATIONS_FILE,
      violations
        .map(
          (violation) =>
            `${JSON.stringify({ violation, test: expect.getState().currentTestName })}\n`,
        )
        .join(''),
    );
    return;
  }
  throw new Error(`The answer is not what docs/openapi.json describes:\n${violations.join('\n')}`);
}

import { randomUUID } from 'node:crypto';
import { GATEWAY_PORT } from './test-env';
import { http } from './http';

/** One method on one path of the gateway's OpenAPI document, with its parameters filled in. */
export interface DocumentedOperation {
  method: string;
  /** As documented, e.g. `/api/v1/rfis/{id}`. */
  template: string;
  /** A concrete path to call, e.g. `/api/v1/rfis/6f1c...`. */
  path: string;
  parameters: { name: string; in: string; required?: boolean }[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: DocumentedOperation['parameters'] }>>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Values that pass a path parameter's own shape check, so a refusal is about the caller. */
const SAMPLE_PARAMETERS: Record<string, () => string> = {
  code: () => 'SRB',
  name: () => 'rfi-service',
};

/**
 * Every operation the running gateway documents at /api/docs-json. Tests that must cover "every
 * route" take their list from here, so a route added later is covered without editing them.
 */
export async function documentedOperations(
  base = `http://127.0.0.1:${GATEWAY_PORT}`,
): Promise<DocumentedOperation[]> {
  const document = await http<OpenApiDocument>(`${base}/api/docs-json`);
  if (document.status !== 200) throw new Error(`No OpenAPI document: ${document.status}`);
  return Object.entries(document.body.paths).flatMap(([template, operations]) =>
    METHODS.filter((method) => operations[method] !== undefined).map((method) => ({
      method: method.toUpperCase(),
      template,
      path: template.replace(/\{([^}]+)\}/g, (_, name: string) =>
        (SAMPLE_PARAMETERS[name] ?? randomUUID)(),
      ),
      parameters: operations[method]?.parameters ?? [],
    })),
  );
}

export const describeOperation = (operation: DocumentedOperation) =>
  `${operation.method} ${operation.template}`;

/** The routes open without a token, by design (docs/openapi.json): sign-in and health. */
export const PUBLIC_OPERATIONS = [
  'GET /health',
  'GET /health/ready',
  'GET /health/services/{name}',
  'POST /api/v1/auth/token',
];

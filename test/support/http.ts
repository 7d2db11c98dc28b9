import { checkAnswer } from './openapi-conformance';

/**
 * A small HTTP client for end-to-end tests: status, headers and parsed body, never a throw on
 * 4xx/5xx; but a throw on a gateway answer that docs/openapi.json does not describe.
 */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  elapsedMs: number;
}

export async function http<T = unknown>(
  url: string,
  init: RequestInit & { json?: unknown; timeoutMs?: number } = {},
): Promise<HttpResult<T>> {
  const { json, timeoutMs = 30_000, headers, ...rest } = init;
  const started = Date.now();
  const response = await fetch(url, {
    ...rest,
    headers: {
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(headers ?? {}),
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text)
    body = JSON.parse(text);
  checkAnswer({
    method: rest.method ?? 'GET',
    url,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: body as T,
    elapsedMs: Date.now() - started,
  };
}

import Fastify, { FastifyInstance } from 'fastify';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { activeTraceIds, readTracingSettings, startTracing } from '@bp/observability';
import { TRACE_RESPONSE_HEADER, registerRequestTracing } from './request-tracing';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER = `00-${CALLER_TRACE}-00f067aa0ba902b7-01`;

describe('the span of each request the gateway answers', () => {
  const exported = new InMemorySpanExporter();
  let app: FastifyInstance;
  /** What the handler saw as the active trace, after its body was read. */
  let seen: ReturnType<typeof activeTraceIds>;
  let base: string;

  beforeAll(async () => {
    startTracing('gateway', readTracingSettings({}), exported);
    app = Fastify();
    registerRequestTracing(app);
    app.post('/api/v1/things/:id', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen = activeTraceIds();
      return request.body;
    });
    // A real socket: a body read from one arrives outside the request's context.
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    exported.reset();
    seen = undefined;
  });

  async function post(headers: Record<string, string> = {}) {
    const response = await fetch(`${base}/api/v1/things/7`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ a: 1 }),
    });
    await response.text();
    // The span ends as the answer is sent: after fetch has it, at times.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { statusCode: response.status, headers: Object.fromEntries(response.headers) };
  }

  it('is a root of its own, active in the handler after the body is read, and named in traceresponse', async () => {
    const answer = await post();
    expect(answer.statusCode).toBe(200);
    const [span] = exported.getFinishedSpans();
    expect(span).toMatchObject({ name: 'POST /api/v1/things/:id', parentSpanContext: undefined });
    expect(span!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/api/v1/things/:id',
      'http.response.status_code': 200,
    });
    const { traceId, spanId } = span!.spanContext();
    expect(seen).toEqual({ trace_id: traceId, span_id: spanId });
    expect(answer.headers[TRACE_RESPONSE_HEADER]).toBe(`00-${traceId}-${spanId}-01`);
  });

  it("keeps a caller's trace context as a link, not as its parent", async () => {
    await post({ traceparent: CALLER });
    const [span] = exported.getFinishedSpans();
    expect(span!.spanContext().traceId).not.toBe(CALLER_TRACE);
    expect(span!.parentSpanContext).toBeUndefined();
    expect(span!.links.map((link) => link.context.traceId)).toEqual([CALLER_TRACE]);
  });

  it.each([
    'garbage',
    `ff-${CALLER_TRACE}-00f067aa0ba902b7-01`,
    `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
    `${CALLER}${'0'.repeat(5_000)}`,
  ])('answers a request with a malformed traceparent as any other (%#)', async (traceparent) => {
    const answer = await post({ traceparent });
    expect(answer.statusCode).toBe(200);
    const [span] = exported.getFinishedSpans();
    expect(span!.links).toEqual([]);
    expect(answer.headers[TRACE_RESPONSE_HEADER]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});

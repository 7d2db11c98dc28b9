import { Link, ROOT_CONTEXT, Span, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { FastifyInstance, FastifyRequest } from 'fastify';
import {
  SpanKind,
  TRACEPARENT,
  extractTraceContext,
  isExportingTraces,
  tracer,
} from '@bp/observability';
import { correlationIdOf } from './correlation-id.decorator';

/** W3C Trace Context Level 2: the trace an answer belongs to, for a caller to quote. */
export const TRACE_RESPONSE_HEADER = 'traceresponse';

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A caller's traceparent, as a link to the request's own trace, or nothing when it is missing or
 * malformed. The gateway is the public edge: a trace id chosen outside would let a caller join
 * requests to traces of its own choosing and decide what is sampled here (a flood of "sampled"
 * requests is a flood of exported spans), so every request starts a trace of our own and the
 * caller's context is kept only as a link, for whoever can see both sides.
 */
export function callerLink(headers: Record<string, unknown>): Link | undefined {
  if (headers[TRACEPARENT] === undefined) return undefined;
  const caller = trace.getSpanContext(extractTraceContext({ traceparent: headers[TRACEPARENT] }));
  if (!caller || !trace.isSpanContextValid(caller)) return undefined;
  return { context: caller, attributes: { 'bp.link': 'caller' } };
}

/** `00-<trace id>-<span id>-<flags>` of a span, as traceparent and traceresponse write it. */
export function traceResponseOf(span: Span): string | undefined {
  const { traceId, spanId, traceFlags } = span.spanContext();
  if (!trace.isSpanContextValid(span.spanContext())) return undefined;
  return `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/**
 * The span of each HTTP request the gateway answers, the root of its trace: started when the
 * request arrives, active while its hooks and handler run (so the commands and reads it sends,
 * and the log lines it writes, belong to it), ended when the answer is sent. Its trace id is
 * given back in `traceresponse`.
 */
export function registerRequestTracing(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions?.url;
    const link = isExportingTraces() ? callerLink(request.headers) : undefined;
    const span = tracer().startSpan(
      route ? `${request.method} ${route}` : request.method,
      { kind: SpanKind.SERVER, root: true, links: link ? [link] : undefined },
      ROOT_CONTEXT,
    );
    if (span.isRecording())
      span.setAttributes({
        'http.request.method': request.method,
        ...(route ? { 'http.route': route } : {}),
        'url.scheme': request.protocol,
        'bp.correlation_id': correlationIdOf(request),
      });
    spans.set(request, span);
    context.with(trace.setSpan(ROOT_CONTEXT, span), done);
  });
  // Active again for the handler, whatever ran since (body parsers, other plugins' hooks) may
  // have done to the async context.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const span = spans.get(request);
    if (span) context.with(trace.setSpan(ROOT_CONTEXT, span), done);
    else done();
  });
  fastify.addHook('onSend', async (request, reply) => {
    const span = spans.get(request);
    const value = span && traceResponseOf(span);
    if (value) reply.header(TRACE_RESPONSE_HEADER, value);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (!span) return;
    spans.delete(request);
    if (span.isRecording()) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  });
  fastify.addHook('onRequestAbort', async (request) => {
    const span = spans.get(request);
    spans.delete(request);
    if (span?.isRecording()) span.setStatus({ code: SpanStatusCode.ERROR, message: 'aborted' });
    span?.end();
  });
}

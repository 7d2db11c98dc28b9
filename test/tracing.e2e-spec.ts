import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Topics } from '@bp/contracts';
import { ROOT, apps, eventually } from './support/test-env';
import { as } from './support/api';
import { RfiBody, newRfi } from './support/rfi-fixtures';
import { ReceivedSpan, SpanKinds, startOtlpReceiver } from './support/otlp-receiver';

jest.setTimeout(120_000);

const TRACED = ['rfi-service', 'notification-service', 'reporting-service', 'gateway'];

/** The JSON lines of an app's log (test profile) that belong to one request's correlation id. */
function logLinesOf(app: string, correlationId: string): Record<string, unknown>[] {
  const file = path.join(ROOT, '.run/test/logs', `${app}.log`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes(correlationId))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    })
    .filter((entry) => entry.correlationId === correlationId);
}

/** The trace id in a traceresponse header (`00-<trace id>-<span id>-<flags>`). */
function traceIdOf(traceresponse: string | null): string {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(traceresponse ?? '');
  if (!match) throw new Error(`No traceresponse in the answer: ${traceresponse}`);
  return match[1]!;
}

function one(spans: ReceivedSpan[], what: string, test: (span: ReceivedSpan) => boolean) {
  const found = spans.filter(test);
  if (!found.length)
    throw new Error(
      `No ${what} among ${spans.map((s) => `${s.service}:${s.name}(kind ${s.kind}, ${s.spanId} under ${s.parentSpanId || 'none'})`).join(', ')}`,
    );
  return found[0]!;
}

describe('one trace across every hop', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // The production road: each app exports over OTLP/HTTP to the receiver, a batch every 200 ms.
    await apps.startWith(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
        // The rfi-service's answer to each command is a debug line: the log of the request.
        LOG_LEVEL: 'debug',
      },
      ...TRACED,
    );
  });
  afterAll(async () => {
    await apps.release(...TRACED);
    await receiver.close();
  });

  it('follows an RFI submission from the HTTP request through the command, the database, the outbox and a consumer', async () => {
    // A caller's own trace context is kept as a link, never as the parent.
    const callerTraceId = randomBytes(16).toString('hex');
    const created = await as<RfiBody>('fp-pak', 'POST', '/rfis', {
      json: newRfi(),
      headers: { traceparent: `00-${callerTraceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(created.status).toBe(201);
    const traceId = traceIdOf(created.headers.get('traceresponse'));
    expect(traceId).not.toBe(callerTraceId);
    const correlationId = created.headers.get('x-correlation-id')!;

    const spans = await eventually(
      'the consumers to export their handling of the event',
      async () => {
        const all = receiver.spansOf(traceId);
        return all.some(
          (s) =>
            ['notification-service', 'reporting-service'].includes(s.service) &&
            s.kind === SpanKinds.consumer,
        ) && all.some((s) => s.service === 'gateway' && s.kind === SpanKinds.server)
          ? all
          : undefined;
      },
      60_000,
      250,
    );
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const inRfiService = (s: ReceivedSpan): boolean => {
      for (let at: ReceivedSpan | undefined = s; at; at = byId.get(at.parentSpanId))
        if (at.service !== 'rfi-service') return false;
        else if (at.kind === SpanKinds.consumer) return true;
      return false;
    };

    // The gateway's HTTP span is the root, linked to the caller's context.
    const request = one(
      spans,
      "the gateway's HTTP span",
      (s) => s.service === 'gateway' && s.kind === SpanKinds.server,
    );
    expect(request).toMatchObject({ name: 'POST /api/v1/rfis', parentSpanId: '' });
    expect(request.links.map((l) => l.traceId)).toEqual([callerTraceId]);

    // The command sent over Kafka, under the request.
    const send = one(
      spans,
      "the gateway's command",
      (s) =>
        s.service === 'gateway' &&
        s.kind === SpanKinds.producer &&
        s.parentSpanId === request.spanId,
    );
    expect(send.attributes['messaging.destination.name']).toBe(Topics.rfiCommands);

    // The rfi-service handles it as a child of the gateway's send: one trace across processes.
    const handling = one(
      spans,
      "the rfi-service's handling of the command",
      (s) =>
        s.service === 'rfi-service' &&
        s.kind === SpanKinds.consumer &&
        s.parentSpanId === send.spanId,
    );
    expect(handling.name).toBe(`process ${String(send.attributes['bp.command'])}`);

    // Its database work, inside its handling.
    one(
      spans,
      'a database span of the rfi-service',
      (s) =>
        s.service === 'rfi-service' &&
        inRfiService(s) &&
        ('db.system.name' in s.attributes || 'db.system' in s.attributes),
    );

    // The reply back to the gateway, under the service's handling.
    one(
      spans,
      "the gateway's receipt of the reply",
      (s) =>
        s.service === 'gateway' &&
        s.kind === SpanKinds.consumer &&
        s.parentSpanId === handling.spanId,
    );

    // The outbox relay's publish continues the trace the event was written in.
    const publish = one(
      spans,
      "the relay's publish of the event",
      (s) =>
        s.service === 'rfi-service' &&
        s.kind === SpanKinds.producer &&
        s.attributes['messaging.destination.name'] === Topics.rfiEvents &&
        byId.get(s.parentSpanId) !== undefined &&
        inRfiService(byId.get(s.parentSpanId)!),
    );

    // And a consumer's handling of the event is its child.
    const consumed = one(
      spans,
      "a consumer's handling of the event",
      (s) =>
        ['notification-service', 'reporting-service'].includes(s.service) &&
        s.kind === SpanKinds.consumer &&
        s.parentSpanId === publish.spanId,
    );
    expect(consumed.attributes['bp.event.type']).toEqual(expect.stringMatching(/^rfi\./));

    // Spans carry statements with placeholders, never what was asked.
    const question = String(newRfi().question);
    expect(JSON.stringify(spans)).not.toContain(question.slice(0, 40));

    // The logs of the request, in the gateway and in the rfi-service, carry the trace id.
    for (const app of ['gateway', 'rfi-service']) {
      const lines = await eventually(`${app}'s log lines of the request`, async () => {
        const found = logLinesOf(app, correlationId);
        return found.length ? found : undefined;
      });
      for (const line of lines) expect(line).toMatchObject({ trace_id: traceId });
    }
  });

  it("traces a user's read sent straight to the service over HTTP, and ignores a malformed traceparent", async () => {
    const read = await as('fp-pak', 'GET', '/rfis?limit=1', {
      headers: { traceparent: '00-not-a-trace-context-at-all-01' },
    });
    expect(read.status).toBe(200);
    const traceId = traceIdOf(read.headers.get('traceresponse'));
    const spans = await eventually('the read to be exported', async () => {
      const all = receiver.spansOf(traceId);
      return all.some((s) => s.service === 'rfi-service' && s.kind === SpanKinds.server) &&
        all.some((s) => s.service === 'gateway' && s.kind === SpanKinds.server)
        ? all
        : undefined;
    });
    const request = one(
      spans,
      "the gateway's HTTP span",
      (s) => s.service === 'gateway' && s.kind === SpanKinds.server,
    );
    expect(request.links).toEqual([]);
    const client = one(
      spans,
      "the gateway's direct read",
      (s) =>
        s.service === 'gateway' &&
        s.name === 'POST /internal/reads' &&
        s.parentSpanId === request.spanId,
    );
    one(
      spans,
      "the rfi-service's answer to the read",
      (s) =>
        s.service === 'rfi-service' &&
        s.kind === SpanKinds.server &&
        s.parentSpanId === client.spanId,
    );
  });
});

// `npm run bench:stream`: issue 11's figure, against a started system. The recipient watches its
// live stream (GET /api/v1/notifications/stream) while the requester files URGENT bilateral RFIs
// at a fixed rate (open loop: one every 1/rate s, whatever the answers take); for each RFI it
// measures "submission answered (201) → the recipient's RFI_ROUTED event" and prints p50, p99 and
// max, with the submissions' own latency beside. README.md here says how to run it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs, TextDecoder } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Api, rfiBody } from './lib/api.mjs';
import { RESULTS_DIR, machine, writeResult } from './lib/report.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    rate: { type: 'string', default: '20' },
    duration: { type: 'string', default: '20' },
    requester: { type: 'string', default: 'fp-pak' },
    recipient: { type: 'string', default: 'fp-srb' },
    password: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(
    'usage: npm run bench:stream -- [--url http://127.0.0.1:3000] [--rate 20] [--duration 20]\n' +
      '  [--requester fp-pak] [--recipient fp-srb] [--password ...] [--out file.json]',
  );
  process.exit(0);
}
const options = {
  url: values.url.replace(/\/$/, ''),
  rate: Number(values.rate),
  duration: Number(values.duration),
  requester: values.requester,
  recipient: values.recipient,
};
const log = (line) =>
  console.log(`[bench:stream ${new Date().toISOString().slice(11, 19)}] ${line}`);
const api = new Api(
  options.url,
  values.password ?? process.env.DEMO_PASSWORD ?? 'bp-demo-password',
);

/** The recipient's stream: calls `onRouted(rfiId, at)` for each RFI_ROUTED event as it arrives. */
async function watch(token, onRouted) {
  const response = await fetch(`${api.base}/notifications/stream`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200)
    throw new Error(`The stream answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  let ready;
  const live = new Promise((resolve) => (ready = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = {};
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop();
        for (const line of lines) {
          if (line === ': ready') ready();
          else if (line.startsWith('event: ')) event.kind = line.slice(7);
          else if (line.startsWith('data: ')) event.data = line.slice(6);
          else if (line === '') {
            if (event.kind === 'RFI_ROUTED')
              onRouted(JSON.parse(event.data).subject.id, performance.now());
            event = {};
          }
        }
      }
    } catch {
      // closed by the bench
    }
  })();
  await live;
  return () => reader.cancel().catch(() => undefined);
}

const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
    : null;
const ms = (value) => (value === null ? '-' : `${value.toFixed(1)} ms`);

const health = await fetch(`${options.url}/health/ready`).catch((error) => ({
  ok: false,
  status: error.message,
}));
if (!health.ok) {
  console.error(`The system at ${options.url} is not ready (${health.status}): start it first`);
  process.exit(1);
}
const requesterToken = await api.token(options.requester);
const recipientToken = await api.token(options.recipient);
const recipientParty = api.me(options.recipient).party;

const filings = new Map(); // rfi id → { sentAt, answeredAt }
const routedAt = new Map(); // rfi id → when its event arrived
const close = await watch(recipientToken, (rfiId, at) => {
  if (!routedAt.has(rfiId)) routedAt.set(rfiId, at);
});
log(
  `${options.recipient}'s stream is live; filing ${options.rate} URGENT RFIs/s to ${recipientParty} for ${options.duration} s`,
);

const total = Math.round(options.rate * options.duration);
const intervalMs = 1000 / options.rate;
const started = performance.now();
let failures = 0;
const pending = [];
for (let n = 0; n < total; n++) {
  const due = started + n * intervalMs;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const sentAt = performance.now();
  pending.push(
    api
      .call('POST', '/rfis', {
        token: requesterToken,
        headers: { 'idempotency-key': randomUUID() },
        body: { ...rfiBody(recipientParty, `stream ${n}`), priority: 'URGENT' },
      })
      .then(({ json }) => filings.set(json.id, { sentAt, answeredAt: performance.now() }))
      .catch((error) => {
        failures += 1;
        log(`filing ${n} failed: ${error.message}`);
      }),
  );
}
await Promise.all(pending);
const filedFor = (performance.now() - started) / 1000;
const deadline = performance.now() + 15_000;
while (performance.now() < deadline && [...filings.keys()].some((id) => !routedAt.has(id)))
  await new Promise((resolve) => setTimeout(resolve, 50));
close();

const latencies = [...filings]
  .filter(([id]) => routedAt.has(id))
  .map(([id, f]) => routedAt.get(id) - f.answeredAt);
const submissions = [...filings.values()].map((f) => f.answeredAt - f.sentAt);
latencies.sort((a, b) => a - b);
submissions.sort((a, b) => a - b);
const missing = [...filings.keys()].filter((id) => !routedAt.has(id)).length;
const summary = {
  filed: filings.size,
  failed: failures,
  missing,
  achievedRate: Math.round((filings.size / filedFor) * 10) / 10,
  submitAnsweredToEvent: {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? null,
    eventBeforeAnswer: latencies.filter((l) => l < 0).length,
  },
  submission: { p50: percentile(submissions, 50), p99: percentile(submissions, 99) },
};
log(
  `filed ${summary.filed} (${summary.achievedRate}/s), ${failures} failed, ${missing} events missing`,
);
log(
  `submission answered → recipient's SSE event: p50 ${ms(summary.submitAnsweredToEvent.p50)}, ` +
    `p99 ${ms(summary.submitAnsweredToEvent.p99)}, max ${ms(summary.submitAnsweredToEvent.max)} ` +
    `(${summary.submitAnsweredToEvent.eventBeforeAnswer} events came before their 201)`,
);
log(`submission itself: p50 ${ms(summary.submission.p50)}, p99 ${ms(summary.submission.p99)}`);
const file = writeResult(
  values.out ??
    path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-stream.json`),
  { startedAt: new Date().toISOString(), machine: machine(), options, summary },
);
log(`wrote ${path.relative(process.cwd(), file)}`);
process.exit(missing || failures ? 1 : 0);

// `npm run bench:attachments`: issue 15's figure, against a started system. Uploads a 50 MB PDF
// to a draft through the gateway and downloads it again, several rounds, and prints the
// throughput of each (MB/s, 1 MB = 10^6 bytes) and the gateway's RSS sampled every 20 ms while it
// ran: the bytes are streamed, so the gateway's memory stays flat whatever the file's size.
// README.md here says how to run it.
import { Buffer } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { loadSettings } from '../../infra/scripts/lib/settings.mjs';
import { readPid } from '../../infra/scripts/lib/processes.mjs';
import { Api, rfiBody } from './lib/api.mjs';
import { RESULTS_DIR, machine, writeResult } from './lib/report.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    size: { type: 'string', default: '50000000' },
    rounds: { type: 'string', default: '3' },
    requester: { type: 'string', default: 'fp-pak' },
    password: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(
    'usage: npm run bench:attachments -- [--url http://127.0.0.1:3000] [--size 50000000]\n' +
      '  [--rounds 3] [--requester fp-pak] [--password ...] [--out file.json]',
  );
  process.exit(0);
}
const settings = loadSettings();
const gateway = settings.apps.find((app) => app.name === 'gateway');
const url = (values.url ?? `http://127.0.0.1:${gateway.port}`).replace(/\/$/, '');
const size = Number(values.size);
const rounds = Number(values.rounds);
const api = new Api(url, values.password ?? process.env.DEMO_PASSWORD ?? 'bp-demo-password');

/** The gateway's resident memory now, MiB (VmRSS of the pid `npm start` keeps). */
function gatewayRssMiB() {
  const pid = readPid(settings.runDir, 'gateway');
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(text)[1]) / 1024;
}

/** Runs `work` while sampling the gateway's RSS; answers its seconds and the RSS before and at most. */
async function measured(work) {
  const before = gatewayRssMiB();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, gatewayRssMiB())), 20);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return { seconds: (performance.now() - started) / 1000, rssBeforeMiB: before, rssPeakMiB: peak };
}

const head = Buffer.from('%PDF-1.7\n% benchmark annex\n');
const file = Buffer.concat([head, randomBytes(size - head.length)]);
const digest = `sha-256=:${createHash('sha256').update(file).digest('base64')}:`;
const token = await api.token(values.requester);
const runs = [];
for (let round = 1; round <= rounds; round += 1) {
  const draft = (
    await api.call('POST', '/rfis', {
      token,
      body: { ...rfiBody('SRB', `attachment ${round}`), submit: false },
    })
  ).json;
  let attachmentId;
  const upload = await measured(async () => {
    const response = await fetch(
      `${url}/api/v1/rfis/${draft.id}/attachments?filename=annex.pdf&handlingCode=H1`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/pdf',
          'content-digest': digest,
        },
        body: file,
      },
    );
    const body = await response.json();
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${body.detail}`);
    attachmentId = body.id;
  });
  const download = await measured(async () => {
    const response = await fetch(`${url}/api/v1/rfis/${draft.id}/attachments/${attachmentId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const hash = createHash('sha256');
    let received = 0;
    for await (const chunk of response.body) {
      hash.update(chunk);
      received += chunk.length;
    }
    if (response.status !== 200 || received !== size) throw new Error('download incomplete');
    if (`sha-256=:${hash.digest('base64')}:` !== digest) throw new Error('download corrupted');
  });
  await api.call('DELETE', `/rfis/${draft.id}/attachments/${attachmentId}`, { token });
  const line = (what, m) =>
    `${what.padEnd(9)} ${(size / 1e6 / m.seconds).toFixed(1).padStart(6)} MB/s  ` +
    `${m.seconds.toFixed(2)} s  gateway RSS ${m.rssBeforeMiB.toFixed(0)} → peak ${m.rssPeakMiB.toFixed(0)} MiB`;
  console.log(`round ${round}: ${line('upload', upload)}`);
  console.log(`round ${round}: ${line('download', download)}`);
  runs.push({ round, upload, download });
}
const target = writeResult(
  values.out ??
    path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-attachments.json`),
  { machine: machine(), options: { url, size, rounds }, runs },
);
console.log(`\nWritten to ${target}`);

// The floor of a read's path: the bare server behind one HTTP hop and nothing else. A read goes
// from the gateway to the service that owns the data over HTTP (keep-alive, node:http, as the
// gateway's DirectReadClient), and the service writes the read's history line; here a front
// (Fastify) forwards each request to the bare server, whose one insert stands for that line. No
// authentication, need to know or JSON mapping: what a read costs above this is the project's.
import { Buffer } from 'node:buffer';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { exitOnStop, forkReady } from './child.mjs';

/** Starts the front as a child process in front of the bare server at `barePort`. */
export async function startHttpFloor({ port, barePort }) {
  const front = await forkReady(fileURLToPath(import.meta.url), {
    env: { FLOOR_PORT: String(port), FLOOR_BARE_PORT: String(barePort) },
    name: 'http floor',
  });
  return { pids: { 'http floor': front.pid }, stop: () => front.stop() };
}

function forward(agent, barePort, body) {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port: barePort,
        method: 'POST',
        path: '/rows',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (incoming) => {
        const chunks = [];
        incoming.on('data', (chunk) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode, body: Buffer.concat(chunks) }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function serve() {
  const { default: Fastify } = await import('fastify');
  const barePort = Number(process.env.FLOOR_BARE_PORT);
  const agent = new Agent({ keepAlive: true });
  const app = Fastify({ logger: false });
  app.post('/rows', async (req, res) => {
    const answer = await forward(agent, barePort, Buffer.from(JSON.stringify(req.body ?? {})));
    res.code(answer.status).header('content-type', 'application/json');
    return answer.body;
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.FLOOR_PORT) });
  exitOnStop(
    () => app.close(),
    () => agent.destroy(),
  );
  process.send?.('listening');
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  serve().catch((error) => {
    console.error(`http floor: ${error.message}`);
    process.exit(1);
  });

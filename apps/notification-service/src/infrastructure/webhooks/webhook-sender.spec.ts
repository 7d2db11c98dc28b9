import http from 'node:http';
import { AddressInfo } from 'node:net';
import { WebhookSender, delivered } from './webhook-sender';

/** A real local server whose answer each test chooses; it records the Host each request named. */
async function receiver(answer: (response: http.ServerResponse) => void) {
  const hosts: string[] = [];
  const server = http.createServer((request, response) => {
    hosts.push(request.headers.host ?? '');
    request.resume();
    request.on('end', () => answer(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hosts,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sender = new WebhookSender();
const post = (url: string, timeoutMs = 2_000) =>
  sender.post({ url: new URL(url), address: '127.0.0.1', family: 4 }, '{}', {}, timeoutMs);

describe('sending one webhook attempt', () => {
  it('goes to the vetted address, whatever the name would resolve to now (no DNS rebinding)', async () => {
    const server = await receiver((response) => response.writeHead(204).end());
    try {
      const outcome = await post(`http://rebinding.example.invalid:${server.port}/hook`);
      expect(outcome).toMatchObject({ status: 204, error: null });
      expect(delivered(outcome)).toBe(true);
      expect(server.hosts).toEqual([`rebinding.example.invalid:${server.port}`]);
    } finally {
      await server.close();
    }
  });

  it('does not follow a redirect: it is a failure', async () => {
    const server = await receiver((response) =>
      response.writeHead(302, { location: 'http://169.254.169.254/' }).end(),
    );
    try {
      const outcome = await post(`http://127.0.0.1:${server.port}/`);
      expect(outcome.status).toBe(302);
      expect(delivered(outcome)).toBe(false);
      expect(server.hosts).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('keeps only the start of a long answer', async () => {
    const server = await receiver((response) => response.writeHead(500).end('x'.repeat(100_000)));
    try {
      const outcome = await post(`http://127.0.0.1:${server.port}/`);
      expect(outcome.status).toBe(500);
      expect(outcome.answer).toBe('x'.repeat(256));
    } finally {
      await server.close();
    }
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const server = await receiver(() => undefined);
    try {
      const outcome = await post(`http://127.0.0.1:${server.port}/`, 300);
      expect(outcome).toMatchObject({
        status: null,
        error: 'no answer within 300 ms',
        answer: null,
      });
    } finally {
      await server.close();
    }
  });

  it('says why when nothing listens', async () => {
    const server = await receiver(() => undefined);
    await server.close();
    const outcome = await post(`http://127.0.0.1:${server.port}/`);
    expect(outcome).toMatchObject({ status: null, error: 'ECONNREFUSED' });
  });
});

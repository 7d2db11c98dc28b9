import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { CommandMessage } from '@bp/contracts';
import {
  DirectReadClient,
  DirectReadFailed,
  DirectReadTimeout,
  NOT_DELIVERED,
} from './direct-read-client';

const message: CommandMessage = {
  name: 'rfi.get',
  payload: { rfiId: 'c1d2' },
  meta: { correlationId: 'corr-1', messageId: 'm-1', deadline: new Date().toISOString() },
};

/** A local HTTP server answering every request as `answer` says; its base URL. */
async function serve(
  answer: (body: string, respond: (status: number, body: string) => void) => void,
): Promise<{ url: string; server: Server; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(`${request.method} ${request.url} ${request.headers['x-correlation-id']}`);
      answer(body, (status, text) => response.writeHead(status).end(text));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, received };
}

describe('DirectReadClient', () => {
  const client = new DirectReadClient();
  const servers: Server[] = [];
  afterAll(() => {
    client.close();
    for (const server of servers) server.close();
  });

  it("posts the message to the service's read path and gives back its reply", async () => {
    const { url, server, received } = await serve((body, respond) =>
      respond(200, JSON.stringify({ ok: true, status: 200, body: JSON.parse(body) })),
    );
    servers.push(server);
    await expect(client.read(url, message, 1_000)).resolves.toEqual({
      ok: true,
      status: 200,
      body: message,
    });
    expect(received).toEqual(['POST /internal/reads corr-1']);
  });

  it('says a read was not delivered where nothing listens, or where the path is unknown', async () => {
    const { url, server } = await serve((_body, respond) => respond(200, '{}'));
    await new Promise((resolve) => server.close(resolve));
    await expect(client.read(url, message, 1_000)).resolves.toBe(NOT_DELIVERED);

    const older = await serve((_body, respond) => respond(404, 'Not Found'));
    servers.push(older.server);
    await expect(client.read(older.url, message, 1_000)).resolves.toBe(NOT_DELIVERED);
  });

  it('fails a delivered read that got no answer in time, or an answer that is not a reply', async () => {
    const silent = await serve(() => undefined);
    servers.push(silent.server);
    await expect(client.read(silent.url, message, 200)).rejects.toBeInstanceOf(DirectReadTimeout);

    for (const [status, body] of [
      [500, 'boom'],
      [200, '{}'],
      [200, 'null'],
      [200, '{"ok":true}'],
      [200, 'not json'],
    ] as const) {
      const broken = await serve((_body, respond) => respond(status, body));
      servers.push(broken.server);
      const failure = await client.read(broken.url, message, 1_000).catch((error) => error);
      expect(failure).toBeInstanceOf(DirectReadFailed);
      // What a public caller may be shown names neither the service's address nor its answer.
      expect((failure as Error).message).not.toContain(broken.url);
      expect((failure as Error).message).not.toContain(body);
    }
  });
});

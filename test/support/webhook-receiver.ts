import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request a webhook receiver got: its path, headers and the exact body bytes. */
export interface ReceivedCall {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 for webhook deliveries: each path answers as its script says
 * (`answers(path, n)`: the status of the n-th call to it, from 1), and every call is kept.
 */
export async function startWebhookReceiver(answers: (path: string, n: number) => number) {
  const calls: ReceivedCall[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      calls.push({
        path,
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = answers(path, calls.filter((call) => call.path === path).length);
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status < 300 ? '' : `receiver says no (${status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** The calls to one path whose payload is about the given record (its subject id). */
    callsAbout: (path: string, subjectId: string) =>
      calls.filter(
        (call) =>
          call.path === path &&
          (JSON.parse(call.body) as { data: { subject: { id: string } } }).data.subject.id ===
            subjectId,
      ),
    calls: (path: string) => calls.filter((call) => call.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

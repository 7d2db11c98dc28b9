import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { Options, pinoHttp } from 'pino-http';
import { loggerOptions } from './logger';

/** One request through the real pino-http logger with the services' options; the JSON lines it wrote. */
function logOneRequest(url: string, headers: Record<string, string>): Record<string, unknown>[] {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = pinoHttp({ ...(loggerOptions('probe').pinoHttp as Options), stream });
  const request = new IncomingMessage(new Socket());
  request.method = 'GET';
  request.url = url;
  request.headers = headers;
  log(request, new ServerResponse(request));
  request.log.error('something failed');
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('loggerOptions', () => {
  it("logs the path of a request, without its query string, credentials, the gateway's assertion or cookies", () => {
    const [entry] = logOneRequest('/api/v1/rfis?q=name%20of%20an%20informant&limit=5', {
      authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret.signature',
      cookie: 'session=secret-cookie',
      'x-bp-assertion': 'eyJhbGciOiJFUzI1NiJ9.secret-assertion.signature',
      'x-bp-transfer': Buffer.from('{"filename":"secret-informant-list.pdf"}').toString(
        'base64url',
      ),
      'x-correlation-id': 'probe-correlation-0001',
    });
    const req = entry!.req as { url: string; headers: Record<string, string> };
    expect(entry!.msg).toBe('something failed');
    expect(req.url).toBe('/api/v1/rfis');
    expect(req.headers.authorization).toBe('[redacted]');
    expect(req.headers.cookie).toBe('[redacted]');
    expect(req.headers['x-bp-assertion']).toBe('[redacted]');
    expect(req.headers['x-bp-transfer']).toBe('[redacted]');
    const text = JSON.stringify(entry);
    expect(text).not.toContain('informant');
    expect(text).not.toContain('secret');
  });
});

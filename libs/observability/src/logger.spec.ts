import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { Options, pinoHttp } from 'pino-http';
import { loggerOptions } from './logger';

/**
 * One request through the real pino-http logger with the services' options, answered with
 * `responseHeaders`; the JSON lines it wrote (an error logged while handling it, then the
 * completion line).
 */
function logOneRequest(
  url: string,
  headers: Record<string, string>,
  responseHeaders: Record<string, string> = {},
): Record<string, unknown>[] {
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
  const response = new ServerResponse(request);
  log(request, response);
  request.log.error('something failed');
  for (const [name, value] of Object.entries(responseHeaders)) response.setHeader(name, value);
  response.emit('close');
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

const CREDENTIALS = {
  authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret.signature',
  cookie: 'session=secret-cookie',
  'x-bp-assertion': 'eyJhbGciOiJFUzI1NiJ9.secret-assertion.signature',
  'x-bp-transfer': Buffer.from('{"filename":"secret-informant-list.pdf"}').toString('base64url'),
};

describe('loggerOptions', () => {
  it("logs the path of a request, without its query string, credentials, the gateway's assertion or cookies", () => {
    const [entry] = logOneRequest('/api/v1/rfis?q=name%20of%20an%20informant&limit=5', {
      ...CREDENTIALS,
      'user-agent': 'probe-client/1.0',
      'x-correlation-id': 'probe-correlation-0001',
    });
    const req = entry!.req as { url: string; method: string; headers: Record<string, string> };
    expect(entry!.msg).toBe('something failed');
    expect(req.url).toBe('/api/v1/rfis');
    expect(req.method).toBe('GET');
    expect(req.headers).toEqual({
      'user-agent': 'probe-client/1.0',
      'x-correlation-id': 'probe-correlation-0001',
    });
    const text = JSON.stringify(entry);
    expect(text).not.toContain('informant');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('authorization');
  });

  it("logs a response's status and plain headers, never a file's name or a cookie it sets", () => {
    const lines = logOneRequest('/api/v1/rfis/1/attachments/2', CREDENTIALS, {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="secret-informant-list.pdf"',
      'x-bp-filename': 'secret-informant-list.pdf',
      'set-cookie': 'session=secret-cookie',
    });
    const completed = lines.find((line) => line.res !== undefined)!;
    expect(completed).toBeDefined();
    expect((completed.res as { headers: unknown }).headers).toEqual({
      'content-type': 'application/pdf',
    });
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('informant');
  });
});

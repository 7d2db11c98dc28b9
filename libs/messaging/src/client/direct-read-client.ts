import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Logger } from '@nestjs/common';
import { CommandMessage, CommandReply, DIRECT_READ_PATH, MessageHeaders } from '@bp/contracts';
import { injectTraceContext } from '@bp/observability';

/** The read never reached the service (nothing listens there, or no such road yet): try Kafka. */
export const NOT_DELIVERED = Symbol('not delivered');

/** The service took the read but did not answer in time. */
export class DirectReadTimeout extends Error {}

/** The service answered with something that is not a reply (the details stay in the log). */
export class DirectReadFailed extends Error {}

/** Errors that say the connection was never made, so the read never reached a service. */
const UNREACHED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const WARN_EVERY_MS = 10_000;
/** Below the services' keep-alive (Fastify: 72 s), so an idle socket is closed here first. */
const IDLE_SOCKET_MS = 30_000;
/** Far above any page or compilation a read answers with: a bigger answer is not a reply. */
const MAX_REPLY_BYTES = 32 * 1024 * 1024;

/**
 * Reads sent straight to a service's HTTP port (contracts direct-reads.ts), over kept-alive
 * connections. A read whose connection could not be made (the instance is down) or that an older
 * service has no path for (404) is reported as NOT_DELIVERED, and the caller sends it through
 * Kafka instead, where any live instance takes it. A read that may have reached the service is
 * never sent again (it may have been recorded, e.g. a body read in an RFI's history): its caller
 * gets 503 or 504.
 */
export class DirectReadClient {
  private readonly logger = new Logger(DirectReadClient.name);
  private readonly http = new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  private readonly https = new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  private readonly lastWarned = new Map<string, number>();

  /** `baseUrl`: the service's HTTP address, e.g. http://rfi-service:3101. */
  async read(
    baseUrl: string,
    message: CommandMessage,
    timeoutMs: number,
  ): Promise<CommandReply | typeof NOT_DELIVERED> {
    let answer: { status: number; body: string };
    try {
      answer = await this.post(`${baseUrl}/${DIRECT_READ_PATH}`, message, timeoutMs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code && UNREACHED.has(code)) return this.notDelivered(baseUrl, (error as Error).message);
      throw error;
    }
    if (answer.status === 404) return this.notDelivered(baseUrl, 'no direct road there (404)');
    const reply = answer.status === 200 ? replyIn(answer.body) : undefined;
    if (reply) return reply;
    this.logger.error(
      `${baseUrl} answered a read with HTTP ${answer.status} and no reply: ${answer.body.slice(0, 200)}`,
    );
    throw new DirectReadFailed('the service answered a read with no reply');
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  private post(
    url: string,
    message: CommandMessage,
    timeoutMs: number,
  ): Promise<{ status: number; body: string }> {
    const body = JSON.stringify(message);
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        agent: secure ? this.https : this.http,
        headers: injectTraceContext({
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          [MessageHeaders.correlationId]: message.meta.correlationId,
        }),
      });
      const timer = setTimeout(
        () => request.destroy(new DirectReadTimeout(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      request.once('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
          else request.destroy(new DirectReadFailed('the answer to a read is too large'));
        });
        response.once('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
        });
        response.once('error', reject);
      });
      request.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }

  private notDelivered(baseUrl: string, reason: string): typeof NOT_DELIVERED {
    const now = Date.now();
    if (now - (this.lastWarned.get(baseUrl) ?? 0) >= WARN_EVERY_MS) {
      this.lastWarned.set(baseUrl, now);
      this.logger.warn(`Reads to ${baseUrl} go through Kafka for now: ${reason}`);
    }
    return NOT_DELIVERED;
  }
}

/** The CommandReply in an answer's body; undefined for anything else. */
function replyIn(text: string): CommandReply | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const reply = value as Partial<CommandReply> | null;
  if (!reply || typeof reply !== 'object') return undefined;
  if (reply.ok === true && typeof reply.status === 'number') return reply as CommandReply;
  if (reply.ok === false && typeof reply.problem?.status === 'number') return reply as CommandReply;
  return undefined;
}

import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Logger } from '@nestjs/common';
import { CommandMessage, CommandReply, DIRECT_READ_PATH, MessageHeaders } from '@bp/contracts';

/** The read never reached the service (nothing listens there, or no such road yet): try Kafka. */
export const NOT_DELIVERED = Symbol('not delivered');

/** The service took the read but did not answer in time. */
export class DirectReadTimeout extends Error {}

/** Errors that say the request was never handed to a service. */
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

/**
 * Reads sent straight to a service's HTTP port (contracts direct-reads.ts), over kept-alive
 * connections. A read that could not be delivered (the instance is down, or an older service has
 * no such path) is reported as NOT_DELIVERED and the caller sends it through Kafka instead, where
 * any live instance takes it; a read that was delivered is never sent twice.
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
    const body = JSON.stringify(message);
    try {
      const response = await this.post(`${baseUrl}/${DIRECT_READ_PATH}`, body, message, timeoutMs);
      if (response.status === 404) return this.notDelivered(baseUrl, 'no direct road (404)');
      if (response.status !== 200)
        throw new Error(`${baseUrl} answered a read with HTTP ${response.status}`);
      return JSON.parse(response.body) as CommandReply;
    } catch (error) {
      if (isUndelivered(error)) return this.notDelivered(baseUrl, (error as Error).message);
      throw error;
    }
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  private post(
    url: string,
    body: string,
    message: CommandMessage,
    timeoutMs: number,
  ): Promise<{ status: number; body: string }> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        agent: secure ? this.https : this.http,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          [MessageHeaders.correlationId]: message.meta.correlationId,
        },
      });
      const timer = setTimeout(
        () => request.destroy(new DirectReadTimeout(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      request.once('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
        });
        response.once('error', reject);
      });
      request.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A kept-alive socket the service closed as this request left on it: nothing was read.
        if (request.reusedSocket && error.code === 'ECONNRESET')
          (error as Undelivered).undelivered = true;
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

type Undelivered = NodeJS.ErrnoException & { undelivered?: boolean };

function isUndelivered(error: unknown): boolean {
  const failure = error as Undelivered;
  return Boolean(failure?.undelivered || (failure?.code && UNREACHED.has(failure.code)));
}

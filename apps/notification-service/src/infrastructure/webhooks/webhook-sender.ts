import { Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import { LookupFunction } from 'node:net';
import { VettedTarget } from './webhook-targets';

/** What one attempt came to: an HTTP status, or an error that kept it from one. */
export interface AttemptOutcome {
  status: number | null;
  error: string | null;
  /** The first characters of the answer, for the owner to see why. */
  answer: string | null;
  durationMs: number;
}

/** Enough of an answer to tell its owner why it failed; the rest is not read. */
const ANSWER_BYTES = 1_024;
const ANSWER_CHARS = 256;

/** 2xx is a delivery; anything else, a redirect included (never followed), is a failure. */
export const delivered = (outcome: AttemptOutcome): boolean =>
  outcome.status !== null && outcome.status >= 200 && outcome.status < 300;

/**
 * POSTs one signed payload to a vetted target: to the address it was vetted at (the name is not
 * resolved again), within a timeout for the whole exchange, following no redirect and reading no
 * more than the start of the answer.
 */
@Injectable()
export class WebhookSender {
  post(
    target: VettedTarget,
    payload: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    const started = performance.now();
    const duration = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      const client = target.url.protocol === 'https:' ? https : http;
      const request = client.request(target.url, {
        method: 'POST',
        agent: false,
        lookup: pinnedTo(target),
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'user-agent': 'bp-cooperation-channel-webhooks',
        },
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () =>
          resolve({
            status: response.statusCode ?? null,
            error: null,
            answer: Buffer.concat(chunks).toString('utf8').slice(0, ANSWER_CHARS),
            durationMs: duration(),
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= ANSWER_BYTES) {
            response.destroy();
            finish();
          }
        });
        // Cut off by the timeout or the size cap: what came so far is the answer.
        response.on('end', finish);
        response.on('error', finish);
        response.on('close', finish);
      });
      request.on('error', (error: Error & { code?: string }) =>
        resolve({
          status: null,
          error:
            error.name === 'TimeoutError' || error.name === 'AbortError'
              ? `no answer within ${timeoutMs} ms`
              : (error.code ?? error.message),
          answer: null,
          durationMs: duration(),
        }),
      );
      request.end(payload);
    });
  }
}

/** A DNS lookup that always answers the vetted address, whatever the name resolves to now. */
function pinnedTo(target: VettedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
}

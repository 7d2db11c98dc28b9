import { randomUUID } from 'node:crypto';
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  AttachmentTransfers,
  DownloadTransfer,
  SERVICES,
  TRANSFER_PATHS,
  TransferHeaders,
  UploadTransfer,
} from '@bp/contracts';
import { CommandAssertionSigner, requestDigest } from '@bp/auth';
import { CORRELATION_HEADER } from '@bp/observability';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';
import { CommandKeys } from './command-keys';

/**
 * How long one transfer may take. An assertion lives at most 10 minutes (libs/auth
 * command-assertion.ts) and the rfi-service frees an unfinished upload's bytes after 15: a 50 MB
 * file needs about 0.7 Mbit/s to arrive in time.
 */
const TRANSFER_LIFETIME_MS = 590_000;

/** The rfi-service's answer: status, headers, and the body as it streams in. */
export type Upstream = IncomingMessage;

/** A download's assertion is checked as the request arrives, so it need not live long. */
const DOWNLOAD_ASSERTION_MS = 30_000;

/** Who asks, and how the request is traced. */
export interface TransferCaller {
  actor: Actor | null;
  correlationId: string;
  idempotencyKey?: string;
}

/**
 * Attachments' bytes between the gateway and the rfi-service's HTTP port (never through Kafka),
 * streamed both ways. Each transfer carries the gateway's signed assertion of who asks, bound to
 * the transfer, exactly as a command's is: the rfi-service decides need to know.
 */
@Injectable()
export class AttachmentTransferClient {
  private readonly signer: CommandAssertionSigner;

  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    commandKeys: CommandKeys,
  ) {
    this.signer = new CommandAssertionSigner(commandKeys);
  }

  /**
   * Streams the client's bytes to the rfi-service and resolves with its answer as soon as it
   * comes, even while bytes are still being sent (a refusal before the file is read): the client's
   * stream is then let go, never destroyed, so the client still gets the answer.
   */
  upload(caller: TransferCaller, transfer: UploadTransfer, bytes: Readable): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const upstream = this.request('POST', this.url(TRANSFER_PATHS.upload, transfer.rfiId), {
        ...this.headers(AttachmentTransfers.upload, transfer, caller),
        'content-type': 'application/octet-stream',
        ...(transfer.contentLength !== undefined
          ? { 'content-length': String(transfer.contentLength) }
          : { 'transfer-encoding': 'chunked' }),
      });
      upstream.once('response', (response) => {
        // Answered before the whole file was sent (a refusal): the rest is read and dropped, so
        // the client gets the answer, and this connection, unfinished, is not used again.
        bytes.unpipe(upstream);
        bytes.resume();
        response.once('end', () => {
          if (!upstream.writableFinished) upstream.destroy();
        });
        resolve(response);
      });
      upstream.on('error', (error) => {
        bytes.unpipe(upstream);
        bytes.resume();
        reject(error);
      });
      // A client that goes away mid-file: the rfi-service sees the upload end unfinished.
      bytes.once('aborted', () => upstream.destroy(new Error('the client went away')));
      bytes.once('error', () => upstream.destroy(new Error('the client went away')));
      bytes.pipe(upstream);
    });
  }

  download(caller: TransferCaller, transfer: DownloadTransfer): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const upstream = this.request(
        'GET',
        this.url(TRANSFER_PATHS.download, transfer.rfiId, transfer.attachmentId),
        // Checked when the request arrives: a short life leaves little to replay.
        this.headers(AttachmentTransfers.download, transfer, caller, DOWNLOAD_ASSERTION_MS),
      );
      upstream.once('response', resolve);
      upstream.once('error', reject);
      upstream.end();
    });
  }

  private request(method: string, url: string, headers: Record<string, string>): ClientRequest {
    const target = new URL(url);
    const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method,
      headers,
    });
    upstream.setTimeout(TRANSFER_LIFETIME_MS, () =>
      upstream.destroy(new Error('the transfer took longer than it may')),
    );
    return upstream;
  }

  private url(path: string, rfiId: string, attachmentId = ''): string {
    const resolved = path
      .replace(':id', encodeURIComponent(rfiId))
      .replace(':aid', encodeURIComponent(attachmentId));
    return `${this.settings.serviceUrls.rfi}/${resolved}`;
  }

  private headers(
    name: string,
    transfer: object,
    caller: TransferCaller,
    lifetimeMs = TRANSFER_LIFETIME_MS,
  ): Record<string, string> {
    const messageId = randomUUID();
    const payload = JSON.parse(JSON.stringify(transfer)) as unknown;
    const assertion = this.signer.sign(caller.actor, {
      service: SERVICES.rfi.name,
      command: name,
      messageId,
      deadline: new Date(Date.now() + lifetimeMs).toISOString(),
      request: requestDigest({ name, payload, idempotencyKey: caller.idempotencyKey }),
    });
    return {
      [TransferHeaders.assertion]: assertion,
      [TransferHeaders.messageId]: messageId,
      [TransferHeaders.request]: Buffer.from(JSON.stringify(payload)).toString('base64url'),
      [CORRELATION_HEADER]: caller.correlationId,
      ...(caller.idempotencyKey ? { 'idempotency-key': caller.idempotencyKey } : {}),
    };
  }
}

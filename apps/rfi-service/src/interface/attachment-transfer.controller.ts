import { Readable } from 'node:stream';
import { Controller, Get, Logger, Post, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Actor,
  AttachmentTransfers,
  DownloadTransfer,
  FILENAME_HEADER,
  ProblemDetails,
  ProblemTypes,
  RangeNotSatisfiableError,
  TRANSFER_PATHS,
  TransferHeaders,
  UploadTransfer,
  problem,
  validatePlain,
} from '@bp/contracts';
import { CommandAssertionVerifier, requestDigest } from '@bp/auth';
import { failureProblem, idempotencyKeyOf } from '@bp/messaging';
import { ClassConstructor } from 'class-transformer';
import { AttachmentUploads, UploadTooSlow } from '../application/attachment-uploads';
import { RfiAttachments } from '../application/rfi-attachments';
import { digestHeaders } from '../domain/content-digest';

/** A transfer as the gateway sent it, checked: who asks, and what. */
interface VerifiedTransfer<T> {
  actor: Actor | null;
  transfer: T;
  messageId: string;
}

/**
 * Attachments' bytes between the gateway and this service, on the service's own HTTP port (never
 * through Kafka, never public). Each request carries the gateway's signed assertion of who asks,
 * bound to this transfer exactly as a command's is (libs/auth command-assertion.ts): nothing else
 * on the network can upload or download as a user. Need to know is decided here, as for commands.
 */
@Controller()
export class AttachmentTransferController {
  private readonly logger = new Logger(AttachmentTransferController.name);

  constructor(
    private readonly uploads: AttachmentUploads,
    private readonly attachments: RfiAttachments,
    private readonly assertions: CommandAssertionVerifier,
    private readonly orm: MikroORM,
  ) {}

  @Post(TRANSFER_PATHS.upload)
  async upload(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const { actor, transfer, messageId } = this.verify(
        request,
        AttachmentTransfers.upload,
        UploadTransfer,
      );
      const answer = await this.uploads.upload({
        actor,
        transfer,
        idempotencyKey: idempotencyKeyOf({
          idempotencyKey: header(request, 'idempotency-key'),
          messageId,
        }),
        // A store that stops reading (a refusal half-way) must not destroy the connection: the
        // refusal is still to be sent on it.
        bytes: request.raw.iterator({ destroyOnReturn: false }),
      });
      if (!answer.ok) return this.refuse(reply, answer.problem);
      void reply.status(answer.status).send(answer.body);
    } catch (error) {
      // The sender went away mid-file: nothing was kept (the store rolled back), nobody to answer.
      if (request.raw.destroyed && !request.raw.complete) {
        this.logger.log(`Upload to ${request.url} ended unfinished by its sender; nothing kept`);
        return;
      }
      await this.fail(reply, error, 'upload');
    }
  }

  @Get(TRANSFER_PATHS.download)
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const { actor, transfer } = this.verify(
        request,
        AttachmentTransfers.download,
        DownloadTransfer,
      );
      const { attachment, range, bytes } = await this.attachments.download(actor, transfer);
      const size = Number(attachment.size);
      const digests = digestHeaders(attachment.sha256);
      void reply.headers({
        'content-type': attachment.contentType,
        'accept-ranges': 'bytes',
        'repr-digest': digests.reprDigest,
        digest: digests.digest,
        etag: `"${attachment.sha256}"`,
        [FILENAME_HEADER]: encodeURIComponent(attachment.filename),
      });
      if (range.kind === 'partial') {
        void reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .header('content-length', range.end - range.start + 1);
      } else {
        void reply
          .status(200)
          .header('content-digest', digests.reprDigest)
          .header('content-length', size);
      }
      void reply.send(Readable.from(bytes));
    } catch (error) {
      await this.fail(reply, error, 'download');
    }
  }

  /** The assertion, bound to this transfer (its message id and request), and the transfer itself. */
  private verify<T extends object>(
    request: FastifyRequest,
    name: string,
    type: ClassConstructor<T>,
  ): VerifiedTransfer<T> {
    const messageId = header(request, TransferHeaders.messageId) ?? '';
    const payload = decodeTransfer(header(request, TransferHeaders.request));
    const asserted = this.assertions.check(header(request, TransferHeaders.assertion), {
      command: name,
      messageId,
      request: requestDigest({
        name,
        payload,
        idempotencyKey: header(request, 'idempotency-key'),
      }),
    });
    if (!asserted.ok) {
      this.logger.warn(`Transfer ${name} refused: ${asserted.reason}`);
      throw new TransferRefused(403, 'The caller of this transfer could not be verified');
    }
    const transfer = validatePlain(type, payload);
    const params = request.params as Record<string, string>;
    const described = transfer.ok
      ? (transfer.value as { rfiId?: string; attachmentId?: string })
      : {};
    if (
      !transfer.ok ||
      described.rfiId !== params.id ||
      (params.aid !== undefined && described.attachmentId !== params.aid)
    )
      throw new TransferRefused(400, 'The transfer does not describe this request');
    return { actor: asserted.actor, transfer: transfer.value, messageId };
  }

  private async fail(reply: FastifyReply, error: unknown, what: string): Promise<void> {
    if (error instanceof TransferRefused)
      return this.refuse(
        reply,
        problem(
          error.status,
          error.status === 403 ? ProblemTypes.forbidden : ProblemTypes.validation,
          error.status === 403 ? 'Forbidden' : 'Invalid input',
          error.message,
        ),
      );
    if (error instanceof UploadTooSlow)
      return this.refuse(
        reply,
        problem(408, ProblemTypes.requestTimeout, 'Request timeout', error.message),
      );
    if (error instanceof RangeNotSatisfiableError)
      void reply.header('content-range', `bytes */${error.size}`);
    const em = this.orm.em.fork() as EntityManager;
    this.refuse(reply, await failureProblem(error, em, this.logger, `Attachment ${what}`));
  }

  /**
   * A refusal may come before the file is read, or half-way: what is left of it is read and
   * dropped, so the gateway gets the answer while it is still sending (it stops once it has it).
   */
  private refuse(reply: FastifyReply, details: ProblemDetails): void {
    if (reply.sent) {
      reply.raw.destroy();
      return;
    }
    reply.request.raw.resume();
    void reply
      .status(details.status)
      .header('content-type', 'application/problem+json')
      .send(details);
  }
}

class TransferRefused extends Error {
  constructor(
    readonly status: 400 | 403,
    message: string,
  ) {
    super(message);
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The transfer request: base64url JSON; anything else is no request at all. */
function decodeTransfer(encoded: string | undefined): unknown {
  if (!encoded) return null;
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

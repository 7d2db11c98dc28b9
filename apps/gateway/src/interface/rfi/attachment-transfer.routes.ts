import { Readable } from 'node:stream';
import contentDisposition from 'content-disposition';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ATTACHMENT_EXAMPLE } from './rfi-examples';
import {
  ATTACHMENT_DEFAULT_MAX_BYTES,
  AttachmentView,
  DIGEST_HEADER_MAX_LENGTH,
  DOWNLOAD_HEADERS,
  FILENAME_HEADER,
  ProblemDetails,
  ProblemTypes,
  RANGE_HEADER_MAX_LENGTH,
  UploadAttachmentQuery,
  problem,
} from '@bp/contracts';
import {
  AttachmentTransferClient,
  TransferCaller,
  Upstream,
} from '../../infrastructure/attachment-transfer.client';
import { ServiceProblem } from '../../infrastructure/service-problem';
import { Roles } from '../auth/auth.decorators';
import { Exchange, HttpExchange, idempotencyKeyOf } from '../http/service-call';
import { correlationIdOf } from '../http/correlation-id.decorator';
import { ATTACHMENT_MEDIA_TYPES } from '@bp/domain-kernel';
import { UPLOAD_MEDIA_TYPES } from '../http/upload-bodies';
import { IdempotencyKeyHeader, UuidParam } from '../http/api-docs.decorators';

/** A file's bytes: at most ATTACHMENT_MAX_BYTES, stated with its default. */
const FILE = {
  type: 'string' as const,
  format: 'binary',
  maxLength: ATTACHMENT_DEFAULT_MAX_BYTES,
  description: `at most ATTACHMENT_MAX_BYTES bytes (default ${ATTACHMENT_DEFAULT_MAX_BYTES})`,
};

/** A download is served as the type the rfi-service detected on upload. */
const AS_STORED = Object.fromEntries(
  ATTACHMENT_MEDIA_TYPES.map((type) => [type, { schema: FILE }]),
);

const UUID_V4 = new ParseUUIDPipe({ version: '4' });

const problemResponse = (status: number, description: string) =>
  ApiResponse({ status, description: `${description} (application/problem+json)` });

/**
 * Attachments' bytes (issue 15): streamed from the client to the rfi-service and back, never held
 * whole here and never through Kafka. The rfi-service decides need to know, the type, the limits
 * and the digest; listing and removing files are commands (rfi.routes.ts).
 */
@ApiTags('requests for information')
@ApiBearerAuth()
@Controller()
export class AttachmentTransferRoutes {
  constructor(private readonly transfers: AttachmentTransferClient) {}

  @Post('rfis/:id/attachments')
  @HttpCode(201)
  // Account managers and chairs author no message: only the roles that work on requests attach.
  @Roles('secretariat', 'focal_point', 'liaison_officer')
  @ApiOperation({
    summary: 'Attach a file to your draft, or to a message you posted',
    description:
      'The body is the file itself (not multipart), with its Content-Type; `filename` and `handlingCode` go in the query, `messageId` for a file that goes with a message. The type is decided from the bytes: PDF, images (PNG, JPEG, GIF, TIFF, WebP), Word, Excel, PowerPoint and OpenDocument files, plain text and CSV are accepted, and must be what Content-Type says (or `application/octet-stream`). Send `Content-Digest: sha-256=:<base64>:` (or `Digest: SHA-256=<base64>`) to have the bytes checked. At most ATTACHMENT_MAX_BYTES (50 MB by default) per file, and ATTACHMENT_MAX_TOTAL_BYTES and ATTACHMENT_MAX_COUNT for all the files one person attaches to one request (a shared quota would tell of files you may not see). The file is seen exactly as what it goes with.',
  })
  @ApiConsumes(...UPLOAD_MEDIA_TYPES)
  @ApiBody({ schema: FILE })
  @UuidParam('id')
  @ApiHeader({
    name: 'Content-Digest',
    required: false,
    description: 'sha-256=:<base64>:',
    schema: { type: 'string', maxLength: DIGEST_HEADER_MAX_LENGTH },
  })
  @IdempotencyKeyHeader('replays the first answer')
  @ApiResponse({
    status: 201,
    description: 'the file as kept',
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(AttachmentView) },
        example: ATTACHMENT_EXAMPLE,
      },
    },
  })
  @ApiExtraModels(AttachmentView)
  @problemResponse(400, 'invalid query, digest that does not match, or no file')
  @problemResponse(403, 'not yours to attach to')
  @problemResponse(404, 'no such request or message, or not yours to see')
  @problemResponse(409, 'the request is no longer a draft (attach to a message) or is closed')
  @problemResponse(413, 'larger than a file or the request may be')
  @problemResponse(415, 'a type that is not accepted, or not the one declared')
  @problemResponse(408, 'the upload took longer than 10 minutes; nothing was kept')
  @problemResponse(429, 'too many uploads at once on this instance; try again')
  @problemResponse(503, 'attachments cannot be reached now; nothing was kept')
  async upload(
    @Param('id', UUID_V4) rfiId: string,
    @Query() query: UploadAttachmentQuery,
    @Exchange() exchange: HttpExchange,
  ): Promise<unknown> {
    const { request, reply } = exchange;
    const bytes = request.body;
    if (!(bytes instanceof Readable))
      throw new ServiceProblem(
        problem(
          415,
          ProblemTypes.unsupportedMediaType,
          'Unsupported media type',
          'Send the file itself as the body, with its Content-Type',
        ),
      );
    const response = await reach(() =>
      this.transfers.upload(
        this.callerOf(exchange, true),
        {
          rfiId,
          ...query,
          contentType: header(request.headers['content-type']),
          contentLength: contentLengthOf(request.headers['content-length']),
          contentDigest: header(request.headers['content-digest']),
          digest: header(request.headers.digest),
        },
        bytes,
      ),
    );
    if (!succeeded(response)) throw new ServiceProblem(await problemOf(response));
    void reply.status(response.statusCode!);
    return JSON.parse((await text(response)) || 'null') as unknown;
  }

  @Get('rfis/:id/attachments/:aid')
  @ApiOperation({
    summary: 'Download a file (streamed)',
    description:
      'Recorded in the history as a read. `Range: bytes=a-b` (one range) answers 206 with Content-Range. `Repr-Digest` and `Digest` give the SHA-256 of the whole file, `Content-Digest` that of a whole answer. The secretariat on a METADATA_ONLY request, and anyone a response is not released to, may see the file in the list but get 403 here (or 404 where the message is hidden).',
  })
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @UuidParam('id')
  @UuidParam('aid')
  @ApiHeader({
    name: 'Range',
    required: false,
    description: 'one range: bytes=0-1023',
    schema: { type: 'string', maxLength: RANGE_HEADER_MAX_LENGTH },
  })
  @ApiResponse({
    status: 200,
    description: 'the file, as the type it was detected as',
    content: AS_STORED,
  })
  @ApiResponse({
    status: 206,
    description: 'the range asked for',
    content: AS_STORED,
  })
  @problemResponse(403, 'you may know of the file but not read it')
  @problemResponse(404, 'absent, or not yours to see')
  @problemResponse(416, 'the range lies outside the file')
  @problemResponse(503, 'attachments cannot be reached now')
  async download(
    @Param('id', UUID_V4) rfiId: string,
    @Param('aid', UUID_V4) attachmentId: string,
    @Exchange() exchange: HttpExchange,
  ): Promise<unknown> {
    const { request, reply } = exchange;
    const response = await reach(() =>
      this.transfers.download(this.callerOf(exchange, false), {
        rfiId,
        attachmentId,
        range: header(request.headers.range),
      }),
    );
    if (!succeeded(response)) {
      const range = header(response.headers['content-range']);
      if (response.statusCode === 416 && range) void reply.header('content-range', range);
      throw new ServiceProblem(await problemOf(response));
    }
    for (const name of DOWNLOAD_HEADERS) {
      const value = header(response.headers[name]);
      if (value !== undefined && name !== FILENAME_HEADER) void reply.header(name, value);
    }
    const filename = decodeURIComponent(header(response.headers[FILENAME_HEADER]) ?? 'attachment');
    void reply.header('content-disposition', contentDisposition(filename, { type: 'attachment' }));
    void reply.status(response.statusCode!);
    return response;
  }

  private callerOf({ request }: HttpExchange, change: boolean): TransferCaller {
    return {
      actor: request.actor ?? null,
      correlationId: correlationIdOf(request),
      idempotencyKey: change ? idempotencyKeyOf(request) : undefined,
    };
  }
}

/** The rfi-service's answer; 503 when it cannot be reached (nothing was applied). */
async function reach(send: () => Promise<Upstream>): Promise<Upstream> {
  try {
    return await send();
  } catch {
    throw new ServiceProblem(
      problem(
        503,
        ProblemTypes.serviceUnavailable,
        'Service unavailable',
        'Attachments cannot be reached now; retry later',
      ),
    );
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function contentLengthOf(value: string | string[] | undefined): number | undefined {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function succeeded(response: Upstream): boolean {
  return response.statusCode !== undefined && response.statusCode < 300;
}

/** An answer's body, whole: small answers only (a file's row, a problem), never a file. */
async function text(response: Upstream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of response) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** The rfi-service's problem, or a plain one when its answer is not one (never its raw text). */
async function problemOf(response: Upstream): Promise<ProblemDetails> {
  try {
    const body = JSON.parse(await text(response)) as ProblemDetails;
    if (typeof body?.status === 'number' && typeof body.title === 'string') return body;
  } catch {
    // not JSON: answered below
  }
  return problem(502, ProblemTypes.internal, 'Bad gateway', 'The rfi-service gave no answer');
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { S3RVER_CREDENTIALS, S3Server } from './support/s3-server';
import { API, as, tokenFor } from './support/api';
import { appsForFile } from './support/apps-for-file';
import { fileRfi } from './support/rfi-fixtures';
import { GATEWAY_PORT, apps, eventually, sleep } from './support/test-env';
import { activePosting } from './support/deployment-fixtures';
import { officerAccount, postingSeen, rfiDatabase } from './support/officer-fixtures';

jest.setTimeout(180_000);

const MB = 1_000_000;

interface Attachment {
  id: string;
  rfiId: string;
  messageId: string | null;
  filename: string;
  size: number;
  contentType: string;
  sha256: string;
  handlingCode: string;
  contentWithheld: boolean;
}

/** A file that is a PDF to anyone who looks at its bytes: the signature, then `size` bytes in all. */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
const contentDigest = (bytes: Buffer) => `sha-256=:${sha256(bytes).toString('base64')}:`;

interface Sent {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** An upload as a client sends it: the file as the body, its name and handling code in the query. */
async function upload(
  username: string,
  rfiId: string,
  bytes: Buffer,
  options: {
    type?: string;
    filename?: string;
    messageId?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Sent> {
  const query = new URLSearchParams({
    filename: options.filename ?? 'annex-facilitators.pdf',
    handlingCode: 'H2',
    ...(options.messageId ? { messageId: options.messageId } : {}),
  });
  const response = await fetch(`${API}/rfis/${rfiId}/attachments?${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenFor(username)}`,
      'content-type': options.type ?? 'application/pdf',
      ...options.headers,
    },
    body: bytes,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

interface Fetched {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function download(
  username: string,
  rfiId: string,
  attachmentId: string,
  headers: Record<string, string> = {},
): Promise<Fetched> {
  const response = await fetch(`${API}/rfis/${rfiId}/attachments/${attachmentId}`, {
    headers: { authorization: `Bearer ${await tokenFor(username)}`, ...headers },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

const problemOf = (fetched: Fetched) => JSON.parse(fetched.bytes.toString()) as { code?: string };

async function listed(username: string, rfiId: string) {
  return as<{ items: Attachment[] }>(username, 'GET', `/rfis/${rfiId}/attachments`);
}

/** An upload that sends `sent` of `declared` bytes and then waits; `cut()` ends it unfinished. */
async function hanging(
  token: string,
  rfiId: string,
  declared: number,
  sent: number,
): Promise<{ cut: () => void }> {
  const request = httpRequest({
    host: '127.0.0.1',
    port: GATEWAY_PORT,
    method: 'POST',
    path: `/api/v1/rfis/${rfiId}/attachments?filename=slow.pdf&handlingCode=H1`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/pdf',
      'content-length': String(declared),
    },
  });
  request.on('error', () => undefined);
  await new Promise<void>((resolve) => request.write(pdf(sent), () => resolve()));
  return { cut: () => request.destroy() };
}

/** How many things the rfi-service keeps for attachments: file rows, blobs and orphans. */
interface Held {
  files: number;
  blobs: number;
  orphans: number;
}

async function databaseCounts(): Promise<Omit<Held, 'blobs'> & { pgBlobs: number }> {
  const { rows } = await rfiDatabase((client) =>
    client.query<{ files: string; orphans: string; blobs: string }>(
      `select (select count(*) from rfi_attachment) as files,
              (select count(*) from attachment_orphan) as orphans,
              (select count(*) from attachment_blob) + (select count(*) from attachment_chunk) as blobs`,
    ),
  );
  return {
    files: Number(rows[0]!.files),
    orphans: Number(rows[0]!.orphans),
    pgBlobs: Number(rows[0]!.blobs),
  };
}

async function eventsOf(rfiId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await rfiDatabase((client) =>
    client.query<{ envelope: { data: Record<string, unknown> } }>(
      `select envelope from outbox_message
       where message_key = $1 and event_type = 'rfi.attachment-added' order by position`,
      [rfiId],
    ),
  );
  return rows.map((row) => row.envelope.data);
}

/** Where the bytes are: in the rfi-service's database, or in the bucket the test started. */
interface StoreUnderTest {
  name: string;
  /** Settings of the rfi-service that uses this store (none: the test profile's PostgreSQL). */
  env?: Record<string, string>;
  blobs(): Promise<number>;
}

const s3 = new S3Server('bp-attachments');

const STORES: StoreUnderTest[] = [
  { name: 'PostgreSQL', blobs: async () => (await databaseCounts()).pgBlobs },
  {
    name: 'S3-compatible (s3rver)',
    env: {
      ATTACHMENT_STORE: 's3',
      ATTACHMENT_S3_BUCKET: s3.bucket,
      ATTACHMENT_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    blobs: () => s3.objects(),
  },
];

async function held(store: StoreUnderTest): Promise<Held> {
  const counts = await databaseCounts();
  return { files: counts.files, orphans: counts.orphans, blobs: await store.blobs() };
}

/**
 * Attachments on requests and answers (issue 15), through the gateway to the rfi-service and its
 * store and back: limits, checksums, types from the bytes, ranges, and need to know on contents.
 * The same tests run on both stores.
 */
describe('attachments (real gateway, rfi-service, PostgreSQL, Kafka; S3 on s3rver)', () => {
  appsForFile('rfi-service', 'deployment-service');

  beforeAll(async () => {
    await s3.start();
    STORES[1]!.env!.ATTACHMENT_S3_ENDPOINT = s3.endpoint;
  });

  afterAll(() => s3.stop());

  describe.each(STORES)('on the $name store', (store) => {
    if (store.env) {
      // The one rfi-service instance uses this store while these tests run; the shared one after.
      beforeAll(async () => {
        await apps.stop('rfi-service');
        await apps.startWith(store.env!, 'rfi-service');
      });
      afterAll(async () => {
        await apps.stop('rfi-service');
        await apps.start('rfi-service');
      });
    }

    it('keeps a 20 MB PDF with its digest and gives it back whole to the recipient, recording the download', async () => {
      const draft = await fileRfi('fp-pak', { submit: false });
      const file = pdf(20 * MB);
      const sent = await upload('fp-pak', draft.id, file, {
        filename: '../../Annex: facilitators.pdf',
        headers: { 'content-digest': contentDigest(file) },
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        rfiId: draft.id,
        messageId: null,
        filename: 'Annex facilitators.pdf',
        size: file.length,
        contentType: 'application/pdf',
        sha256: sha256(file).toString('hex'),
        handlingCode: 'H2',
        contentWithheld: false,
      });
      expect((await as('fp-pak', 'POST', `/rfis/${draft.id}/submit`)).status).toBe(200);

      const got = await download('fp-srb', draft.id, sent.body.id as string);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(file)).toBe(true);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-length')).toBe(String(file.length));
      expect(got.headers.get('content-disposition')).toBe(
        'attachment; filename="Annex facilitators.pdf"',
      );
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('repr-digest')).toBe(contentDigest(file));
      expect(got.headers.get('content-digest')).toBe(contentDigest(file));
      expect(got.headers.get('accept-ranges')).toBe('bytes');

      const history = await as<{ items: { action: string; actor: { party: string } }[] }>(
        'fp-pak',
        'GET',
        `/rfis/${draft.id}/history`,
      );
      const lines = history.body.items.map((line) => `${line.action} ${line.actor?.party}`);
      expect(lines).toEqual(
        expect.arrayContaining(['ATTACHMENT_ADDED PAK', 'ATTACHMENT_DOWNLOADED SRB']),
      );
      // Announced when the draft is submitted (a draft is the requester's alone), never by name.
      const events = await eventsOf(draft.id);
      expect(events).toEqual([
        expect.objectContaining({
          rfiId: draft.id,
          attachmentId: sent.body.id,
          messageId: null,
          contentType: 'application/pdf',
          size: file.length,
          handlingCode: 'H2',
        }),
      ]);
      expect(JSON.stringify(events)).not.toContain('Annex');
    });

    it('serves one range of bytes, a suffix, and refuses a range outside the file', async () => {
      const draft = await fileRfi('fp-pak', { submit: false });
      const file = pdf(300_000);
      const sent = await upload('fp-pak', draft.id, file);
      const id = sent.body.id as string;

      const middle = await download('fp-pak', draft.id, id, { range: 'bytes=262140-262200' });
      expect(middle.status).toBe(206);
      expect(middle.headers.get('content-range')).toBe(`bytes 262140-262200/${file.length}`);
      expect(middle.bytes.equals(file.subarray(262_140, 262_201))).toBe(true);
      expect(middle.headers.get('repr-digest')).toBe(contentDigest(file));

      const tail = await download('fp-pak', draft.id, id, { range: 'bytes=-7' });
      expect(tail.status).toBe(206);
      expect(tail.bytes.toString()).toBe('\n%%EOF\n');

      const outside = await download('fp-pak', draft.id, id, { range: `bytes=${file.length}-` });
      expect(outside.status).toBe(416);
      expect(outside.headers.get('content-range')).toBe(`bytes */${file.length}`);
      expect(outside.headers.get('content-type')).toContain('application/problem+json');
    });

    it('refuses a 51 MB file with 413 and keeps nothing, whether it says its length or not', async () => {
      const draft = await fileRfi('fp-pak', { submit: false });
      const before = await held(store);
      const file = pdf(51 * MB);
      const declared = await upload('fp-pak', draft.id, file);
      expect(declared.status).toBe(413);
      expect(declared.body).toMatchObject({ status: 413, code: 'ATTACHMENT.FILE_TOO_LARGE' });

      // Without Content-Length (chunked): refused once the 50 MB are passed.
      const response = await fetch(
        `${API}/rfis/${draft.id}/attachments?filename=a.pdf&handlingCode=H1`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await tokenFor('fp-pak')}`,
            'content-type': 'application/pdf',
          },
          body: new Blob([file]).stream(),
          duplex: 'half',
        } as RequestInit,
      );
      expect(response.status).toBe(413);
      await eventually('nothing kept of the refused uploads', async () => {
        const now = await held(store);
        return now.files === before.files && now.blobs === before.blobs && now.orphans === 0;
      });
      expect((await listed('fp-pak', draft.id)).body.items).toEqual([]);
    });

    it('refuses an executable renamed .pdf, and a PNG sent as a PDF, with 415', async () => {
      const draft = await fileRfi('fp-pak', { submit: false });
      const before = await held(store);
      const executable = Buffer.concat([
        Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
        randomBytes(5_000),
      ]);
      const exe = await upload('fp-pak', draft.id, executable, { filename: 'annex.pdf' });
      expect(exe.status).toBe(415);
      expect(exe.headers.get('content-type')).toContain('application/problem+json');
      expect(exe.body).toMatchObject({ code: 'ATTACHMENT.TYPE_NOT_ACCEPTED' });

      // A PNG's signature, header chunk and end chunk: a picture to anyone who reads the bytes.
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        Buffer.from('IHDR'),
        Buffer.alloc(17),
        Buffer.from([0, 0, 0, 0]),
        Buffer.from('IEND'),
        Buffer.alloc(4),
      ]);
      const mismatch = await upload('fp-pak', draft.id, png, { type: 'application/pdf' });
      expect(mismatch.status).toBe(415);
      expect(mismatch.body).toMatchObject({ code: 'ATTACHMENT.TYPE_MISMATCH' });

      const csv = await upload('fp-pak', draft.id, Buffer.from('name;route\nA;Balkans\n'), {
        type: 'text/csv',
        filename: 'names.csv',
      });
      expect(csv.status).toBe(201);
      expect(csv.body).toMatchObject({ contentType: 'text/csv' });
      await eventually('only the CSV kept', async () => {
        const now = await held(store);
        return now.files === before.files + 1 && now.orphans === 0;
      });
    });

    it('refuses bytes that do not match the digest the client gave, keeping nothing', async () => {
      const draft = await fileRfi('fp-pak', { submit: false });
      const before = await held(store);
      const file = pdf(600_000);
      const wrong = await upload('fp-pak', draft.id, file, {
        headers: { 'content-digest': contentDigest(pdf(1_000)) },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ code: 'ATTACHMENT.DIGEST_MISMATCH' });
      const unreadable = await upload('fp-pak', draft.id, file, {
        headers: { 'content-digest': 'md5=:AAAA:' },
      });
      expect(unreadable.status).toBe(400);
      expect(unreadable.body).toMatchObject({ code: 'ATTACHMENT.DIGEST_INVALID' });
      const legacy = await upload('fp-pak', draft.id, file, {
        headers: { digest: `SHA-256=${sha256(file).toString('base64')}` },
      });
      expect(legacy.status).toBe(201);
      await eventually('only the file with the right digest kept', async () => {
        const now = await held(store);
        return now.files === before.files + 1 && now.blobs > before.blobs && now.orphans === 0;
      });
    });

    it('keeps nothing of an upload cut off half-way', async () => {
      const draft = await fileRfi('fp-pak', { submit: false });
      const before = await held(store);
      // Past the 5 MB of a first S3 part, and under way in the store, before it is cut.
      const upload = await hanging(await tokenFor('fp-pak'), draft.id, 8 * MB, 6 * MB);
      await eventually('the upload under way', async () =>
        (await held(store)).orphans > before.orphans ? true : undefined,
      );
      await sleep(1_000);
      upload.cut();
      await eventually('nothing kept of the cut-off upload', async () => {
        const now = await held(store);
        return now.files === before.files && now.blobs === before.blobs && now.orphans === 0;
      });
      expect((await listed('fp-pak', draft.id)).body.items).toEqual([]);
    });

    it("frees a draft's file when the requester removes it; after submission files stay", async () => {
      const draft = await fileRfi('fp-pak', { submit: false });
      const kept = await upload('fp-pak', draft.id, pdf(400_000));
      const before = await held(store);
      const removed = await upload('fp-pak', draft.id, pdf(400_000));
      const gone = await as(
        'fp-pak',
        'DELETE',
        `/rfis/${draft.id}/attachments/${removed.body.id as string}`,
      );
      expect(gone.status).toBe(200);
      await eventually('the removed file freed, its bytes too', async () => {
        const now = await held(store);
        return now.files === before.files && now.blobs === before.blobs && now.orphans === 0;
      });
      expect((await listed('fp-pak', draft.id)).body.items.map((a) => a.id)).toEqual([
        kept.body.id,
      ]);
      expect((await download('fp-pak', draft.id, removed.body.id as string)).status).toBe(404);

      await as('fp-pak', 'POST', `/rfis/${draft.id}/submit`);
      const late = await as<{ code: string }>(
        'fp-pak',
        'DELETE',
        `/rfis/${draft.id}/attachments/${kept.body.id as string}`,
      );
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('ATTACHMENT.DRAFT_ONLY');
      const afterSubmit = await upload('fp-pak', draft.id, pdf(1_000));
      expect(afterSubmit.status).toBe(409);
      expect(afterSubmit.body).toMatchObject({ code: 'ATTACHMENT.DRAFT_ONLY' });
    });
  });

  it('takes 4 uploads at once per instance and asks a fifth to try again (429), keeping nothing of those cut off', async () => {
    const draft = await fileRfi('fp-pak', { submit: false });
    const token = await tokenFor('fp-pak');
    const slow = [];
    for (let i = 0; i < 4; i += 1) slow.push(await hanging(token, draft.id, 4 * MB, 300_000));
    try {
      await eventually('four uploads under way', async () =>
        (await databaseCounts()).orphans >= 4 ? true : undefined,
      );
      const fifth = await upload('fp-pak', draft.id, pdf(10_000));
      expect(fifth.status).toBe(429);
      expect(fifth.body).toMatchObject({ code: 'ATTACHMENT.BUSY' });
    } finally {
      for (const upload of slow) upload.cut();
    }
    await eventually('the cut-off uploads freed', async () =>
      (await databaseCounts()).orphans === 0 ? true : undefined,
    );
    expect((await upload('fp-pak', draft.id, pdf(10_000))).status).toBe(201);
  });

  it('records no download of a file whose bytes are lost, and says so with a 500', async () => {
    const draft = await fileRfi('fp-pak', { submit: false });
    const sent = await upload('fp-pak', draft.id, pdf(5_000));
    await rfiDatabase(async (client) => {
      const { rows } = await client.query<{ blob_id: string }>(
        'select blob_id from rfi_attachment where id = $1',
        [sent.body.id],
      );
      await client.query('delete from attachment_chunk where blob_id = $1', [rows[0]!.blob_id]);
      await client.query('delete from attachment_blob where id = $1', [rows[0]!.blob_id]);
    });
    const lost = await download('fp-pak', draft.id, sent.body.id as string);
    expect(lost.status).toBe(500);
    expect(lost.headers.get('content-type')).toContain('application/problem+json');
    const history = await as<{ items: { action: string }[] }>(
      'fp-pak',
      'GET',
      `/rfis/${draft.id}/history`,
    );
    expect(history.body.items.map((line) => line.action)).not.toContain('ATTACHMENT_DOWNLOADED');
  });

  it('refuses what an upload says of itself when it is not valid: unknown fields, a missing name, a JSON body', async () => {
    const draft = await fileRfi('fp-pak', { submit: false });
    const token = await tokenFor('fp-pak');
    const post = (query: string, type: string, body: string) =>
      fetch(`${API}/rfis/${draft.id}/attachments?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body,
      });
    const unknown = await post(
      'filename=a.pdf&handlingCode=H1&owner=SRB',
      'application/pdf',
      '%PDF-1.7',
    );
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('owner');
    const nameless = await post('handlingCode=H9', 'application/pdf', '%PDF-1.7');
    expect(nameless.status).toBe(400);
    const fields = ((await nameless.json()) as { errors: { field: string }[] }).errors.map(
      (e) => e.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['filename', 'handlingCode']));
    const json = await post('filename=a.pdf&handlingCode=H1', 'application/json', '{"file":"x"}');
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    expect((await listed('fp-pak', draft.id)).body.items).toEqual([]);
  });

  describe('need to know', () => {
    it('lets an officer posted between the two parties read a file of their request, and no other officer', async () => {
      const own = await activePosting('PAK', 'SRB');
      const other = await activePosting('AUT', 'HUN');
      const ownOfficer = await officerAccount(own.officerId);
      const otherOfficer = await officerAccount(other.officerId);
      await postingSeen(own.deployment.id, 'ACTIVE');
      await postingSeen(other.deployment.id, 'ACTIVE');
      const rfi = await fileRfi('fp-pak', { submit: false });
      const file = pdf(20_000);
      const sent = await upload('fp-pak', rfi.id, file);
      await as('fp-pak', 'POST', `/rfis/${rfi.id}/submit`);
      expect((await listed(ownOfficer, rfi.id)).body.items.map((a) => a.id)).toEqual([
        sent.body.id,
      ]);
      const got = await download(ownOfficer, rfi.id, sent.body.id as string);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(file)).toBe(true);
      expect((await listed(otherOfficer, rfi.id)).status).toBe(404);
      const refused = await download(otherOfficer, rfi.id, sent.body.id as string);
      expect(refused.status).toBe(404);
      expect(refused.bytes.includes(file.subarray(0, 64))).toBe(false);
    });

    it('hides the files of a request from a party it does not concern: 404 on list, download and upload', async () => {
      const rfi = await fileRfi('fp-pak', { submit: false });
      const sent = await upload('fp-pak', rfi.id, pdf(10_000));
      await as('fp-pak', 'POST', `/rfis/${rfi.id}/submit`);
      const list = await listed('fp-tur', rfi.id);
      expect(list.status).toBe(404);
      expect(JSON.stringify(list.body)).not.toContain(sent.body.id as string);
      const got = await download('fp-tur', rfi.id, sent.body.id as string);
      expect(got.status).toBe(404);
      expect(got.bytes.toString()).not.toContain('%PDF');
      expect((await upload('fp-tur', rfi.id, pdf(1_000))).status).toBe(404);
      // The one party it concerns sees it.
      expect((await listed('fp-srb', rfi.id)).body.items.map((a) => a.id)).toEqual([sent.body.id]);
    });

    it('shows the secretariat name, size and type of a file on a METADATA_ONLY request, never its bytes', async () => {
      const rfi = await fileRfi('fp-pak', {
        submit: false,
        secretariatAccess: 'METADATA_ONLY',
        channel: 'MULTILATERAL',
        targetParties: ['SRB', 'HUN'],
      });
      const file = pdf(50_000);
      const sent = await upload('fp-pak', rfi.id, file, { filename: 'route-map.pdf' });
      await as('fp-pak', 'POST', `/rfis/${rfi.id}/submit`);
      const list = await listed('secretariat', rfi.id);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: sent.body.id,
          filename: 'route-map.pdf',
          size: file.length,
          contentType: 'application/pdf',
          contentWithheld: true,
          // A digest would confirm a guess of the bytes.
          sha256: null,
        }),
      ]);
      const got = await download('secretariat', rfi.id, sent.body.id as string);
      expect(got.status).toBe(403);
      expect(problemOf(got).code).toBe('ATTACHMENT.CONTENT_WITHHELD');
      expect(got.bytes.includes(file.subarray(0, 64))).toBe(false);
      const history = await as<{ items: { action: string }[] }>(
        'fp-pak',
        'GET',
        `/rfis/${rfi.id}/history`,
      );
      expect(history.body.items.map((line) => line.action)).not.toContain('ATTACHMENT_DOWNLOADED');
    });

    it("keeps a response's file from recipients it is not released to, and from its history lines", async () => {
      const rfi = await fileRfi('fp-pak', {
        channel: 'MULTILATERAL',
        targetParties: ['SRB', 'HUN'],
      });
      const routed = await as<{ assignments: { id: string; recipientParty: string }[] }>(
        'secretariat',
        'POST',
        `/rfis/${rfi.id}/route`,
        { json: { recipients: [{ party: 'SRB' }, { party: 'HUN' }] } },
      );
      const srb = routed.body.assignments.find((a) => a.recipientParty === 'SRB')!;
      const answer = async (releasability: string) =>
        (
          await as<{ id: string }>('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
            json: {
              kind: 'RESPONSE',
              body: 'See the attached report.',
              handlingCode: 'H2',
              assignmentId: srb.id,
              releasability,
            },
          })
        ).body.id;
      const privateAnswer = await answer('REQUESTER');
      const sharedAnswer = await answer('ALL_RECIPIENTS');
      const privateFile = pdf(30_000);
      const hidden = await upload('fp-srb', rfi.id, privateFile, {
        messageId: privateAnswer,
        filename: 'srb-report.pdf',
      });
      const shared = await upload('fp-srb', rfi.id, pdf(30_000), { messageId: sharedAnswer });
      expect(hidden.status).toBe(201);
      expect(hidden.body).toMatchObject({ messageId: privateAnswer, messageKind: 'RESPONSE' });

      // Only the author attaches to a message.
      expect((await upload('fp-pak', rfi.id, pdf(1_000), { messageId: sharedAnswer })).status).toBe(
        403,
      );

      const hun = await listed('fp-hun', rfi.id);
      expect(hun.body.items.map((a) => a.id)).toEqual([shared.body.id]);
      expect(JSON.stringify(hun.body)).not.toContain('srb-report');
      const refused = await download('fp-hun', rfi.id, hidden.body.id as string);
      expect(refused.status).toBe(404);
      expect(refused.bytes.includes(privateFile.subarray(0, 64))).toBe(false);
      expect((await download('fp-hun', rfi.id, shared.body.id as string)).status).toBe(200);
      // Nor does taking it away tell that it exists: the same 404 as for a file never made.
      for (const id of [hidden.body.id as string, randomUUID()]) {
        const removal = await as<{ code: string }>(
          'fp-hun',
          'DELETE',
          `/rfis/${rfi.id}/attachments/${id}`,
        );
        expect({ status: removal.status, code: removal.body.code }).toEqual({
          status: 404,
          code: 'ATTACHMENT.NOT_FOUND',
        });
      }
      const hunHistory = await as<{ items: { details: Record<string, unknown> }[] }>(
        'fp-hun',
        'GET',
        `/rfis/${rfi.id}/history`,
      );
      expect(JSON.stringify(hunHistory.body)).not.toContain(hidden.body.id as string);

      const requester = await download('fp-pak', rfi.id, hidden.body.id as string);
      expect(requester.status).toBe(200);
      expect(requester.bytes.equals(privateFile)).toBe(true);
      // The secretariat knows of the file (it sees that the response exists), but not what it says.
      const secretariat = await listed('secretariat', rfi.id);
      expect(secretariat.body.items.find((a) => a.id === hidden.body.id)).toMatchObject({
        contentWithheld: true,
      });
      expect((await download('secretariat', rfi.id, hidden.body.id as string)).status).toBe(403);

      // Announced with ids, type and size, never the name; the assignment says who may be told.
      const events = await eventsOf(rfi.id);
      expect(events).toEqual([
        expect.objectContaining({
          attachmentId: hidden.body.id,
          messageId: privateAnswer,
          messageKind: 'RESPONSE',
          assignmentId: srb.id,
          contentType: 'application/pdf',
        }),
        expect.objectContaining({ attachmentId: shared.body.id, messageId: sharedAnswer }),
      ]);
      expect(JSON.stringify(events)).not.toContain('srb-report');
    });
  });
});

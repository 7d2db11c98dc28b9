import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

// s3rver ships no types: the two calls used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: object) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
};

/** s3rver's fixed credentials: any S3 client signs with these. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A real S3-compatible server (s3rver) on a free port and a temporary folder, with one bucket. */
export class S3Server {
  private readonly directory = mkdtempSync(path.join(tmpdir(), 'bp-s3-'));
  private readonly server: InstanceType<typeof S3rver>;
  endpoint = '';
  client: S3Client | undefined;

  constructor(readonly bucket: string) {
    this.server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: this.directory,
      configureBuckets: [{ name: bucket }],
    });
  }

  async start(): Promise<this> {
    const { port } = await this.server.run();
    this.endpoint = `http://127.0.0.1:${port}`;
    this.client = new S3Client({
      endpoint: this.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    return this;
  }

  /** How many objects the bucket holds. */
  async objects(): Promise<number> {
    return (
      (await this.client!.send(new ListObjectsV2Command({ Bucket: this.bucket }))).KeyCount ?? 0
    );
  }

  async stop(): Promise<void> {
    this.client?.destroy();
    await this.server.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

import { AttachmentLimits } from '../domain/attachment-rules';

/** Where attachments' bytes are kept (README, ATTACHMENT_STORE). */
export type AttachmentStoreChoice =
  | { kind: 'postgres' }
  | {
      kind: 's3';
      bucket: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
    };

/** Deployment settings of attachments (README, environment variables; read in config/). */
export class AttachmentSettings {
  constructor(
    readonly limits: AttachmentLimits,
    readonly store: AttachmentStoreChoice,
    /** How often bytes no file claims are freed (application/orphan-sweep.ts). */
    readonly sweepIntervalMs: number,
    /** Uploads one instance takes at once (each holds a database connection while it runs). */
    readonly maxConcurrentUploads: number = 4,
  ) {}
}

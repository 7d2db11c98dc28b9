import { Provider } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { S3Client } from '@aws-sdk/client-s3';
import { ATTACHMENT_STORE, AttachmentStore } from '../../application/attachment-store';
import { AttachmentSettings } from '../../application/attachment-settings';
import { PostgresAttachmentStore } from './postgres-attachment-store';
import { S3AttachmentStore } from './s3-attachment-store';

/** The store ATTACHMENT_STORE names; S3 credentials come from the AWS SDK's own chain. */
export const attachmentStoreProvider: Provider = {
  provide: ATTACHMENT_STORE,
  inject: [MikroORM, AttachmentSettings],
  useFactory: (orm: MikroORM, settings: AttachmentSettings): AttachmentStore => {
    const choice = settings.store;
    if (choice.kind === 'postgres') return new PostgresAttachmentStore(orm);
    const client = new S3Client({
      region: choice.region,
      endpoint: choice.endpoint,
      forcePathStyle: choice.forcePathStyle,
    });
    return new S3AttachmentStore(client, choice.bucket);
  },
};

import { EntitySchema } from '@mikro-orm/core';
import { Alert } from '../../domain/alert';

export const AlertSchema = new EntitySchema<Alert>({
  class: Alert,
  tableName: 'alert',
  properties: {
    id: { type: 'uuid', primary: true },
    title: { type: 'text' },
    summary: { type: 'text' },
    severity: { type: 'string' },
    senderParty: { type: 'string', nullable: true },
    raisedBy: { type: 'uuid' },
    routes: { type: 'string[]' },
    regions: { type: 'string[]' },
    parties: { type: 'string[]' },
    addressedParties: { type: 'string[]' },
    acknowledgements: { type: 'json' },
    raisedAt: { type: 'datetime' },
    version: { type: 'integer' },
  },
});

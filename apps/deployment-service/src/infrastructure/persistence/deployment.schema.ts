import { EntitySchema } from '@mikro-orm/core';
import { Deployment } from '../../domain/deployment';

export const DeploymentSchema = new EntitySchema<Deployment>({
  class: Deployment,
  tableName: 'deployment',
  properties: {
    id: { type: 'uuid', primary: true },
    officerId: { type: 'uuid' },
    sendingParty: { type: 'string' },
    hostParty: { type: 'string' },
    postingCity: { type: 'text' },
    mandateTopics: { type: 'string[]' },
    startDate: { type: 'string', columnType: 'date' },
    endDate: { type: 'string', columnType: 'date' },
    note: { type: 'text', nullable: true },
    status: { type: 'string' },
    proposedBy: { type: 'uuid' },
    proposedAt: { type: 'datetime' },
    decidedAt: { type: 'datetime', nullable: true },
    refusalReason: { type: 'text', nullable: true },
    activatedAt: { type: 'datetime', nullable: true },
    endedAt: { type: 'datetime', nullable: true },
    endReason: { type: 'string', nullable: true },
    recallReason: { type: 'text', nullable: true },
    cancelledAt: { type: 'datetime', nullable: true },
    cancelReason: { type: 'text', nullable: true },
    extensions: { type: 'json' },
    version: { type: 'integer' },
  },
});

import { EntitySchema } from '@mikro-orm/core';
import { Officer } from '../../domain/officer';

export const OfficerSchema = new EntitySchema<Officer>({
  class: Officer,
  tableName: 'officer',
  properties: {
    id: { type: 'uuid', primary: true },
    fullName: { type: 'text' },
    sendingParty: { type: 'string' },
    agency: { type: 'text' },
    rank: { type: 'text', nullable: true },
    languages: { type: 'string[]' },
    expertise: { type: 'string[]' },
    email: { type: 'text' },
    phone: { type: 'text', nullable: true },
    createdAt: { type: 'datetime' },
    createdBy: { type: 'uuid' },
  },
});

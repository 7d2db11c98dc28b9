import { EntitySchema } from '@mikro-orm/core';
import { ROLES } from '@bp/contracts';
import { UserAccount } from '../../domain/user-account';

export const UserAccountSchema = new EntitySchema<UserAccount>({
  name: 'UserAccount',
  tableName: 'user_account',
  properties: {
    id: { type: 'uuid', primary: true },
    username: { type: 'string', unique: true },
    passwordHash: { type: 'text', fieldName: 'password_hash' },
    role: { type: 'string', enum: true, items: () => [...ROLES] },
    party: { type: 'string', nullable: true },
    officerId: { type: 'uuid', nullable: true, fieldName: 'officer_id' },
    email: { type: 'text', nullable: true },
    disabled: { type: 'boolean', default: false },
    successorId: { type: 'uuid', nullable: true, fieldName: 'successor_id' },
    mustChangePassword: { type: 'boolean', fieldName: 'must_change_password', default: false },
    tokenGeneration: { type: 'integer', fieldName: 'token_generation', default: 0 },
    version: { type: 'integer', default: 1 },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
  },
});

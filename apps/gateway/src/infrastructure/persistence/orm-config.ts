import { DatabaseSettings, ServiceOrmConfig } from '@bp/persistence';
import { UserAccountSchema } from './user-account.schema';
import { GATEWAY_IDEMPOTENCY_MIGRATION, IDENTITY_MIGRATION } from './identity.migration';
import { ACCOUNT_LIFECYCLE_MIGRATION } from './account-lifecycle.migration';
import { RATE_LIMIT_MIGRATION } from './rate-limit.migration';
import { SECRETARIAT_COMPARTMENT_MIGRATION } from './secretariat-compartment.migration';
import { ACCOUNT_EMAIL_MIGRATION } from './account-email.migration';
import { CHAIR_ROLE_MIGRATION } from './chair-role.migration';

/** The gateway's own database: the accounts it signs people in with, and their audit log. */
export function ormConfig(database: DatabaseSettings): ServiceOrmConfig {
  return {
    database,
    entities: [UserAccountSchema],
    migrations: [
      IDENTITY_MIGRATION,
      GATEWAY_IDEMPOTENCY_MIGRATION,
      ACCOUNT_LIFECYCLE_MIGRATION,
      RATE_LIMIT_MIGRATION,
      SECRETARIAT_COMPARTMENT_MIGRATION,
      ACCOUNT_EMAIL_MIGRATION,
      CHAIR_ROLE_MIGRATION,
    ],
    // Append-only by trigger (account-lifecycle.migration.ts) and, for the runtime role, by grant.
    runtimeAccess: { appendOnly: ['account_audit'] },
  };
}

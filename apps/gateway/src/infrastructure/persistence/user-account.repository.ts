import { Injectable } from '@nestjs/common';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AggregateRepository } from '@bp/messaging';
import { UserAccount } from '../../domain/user-account';
import { AccountAuditEntry } from '../../domain/user-account-audit';
import { appendAudit } from './account-audit.repository';
import { UserAccountSchema } from './user-account.schema';

/** What became of a new account: the username is the only thing two admins can both claim. */
export type AccountInsertion = 'INSERTED' | 'USERNAME_TAKEN';

/**
 * The gateway's accounts (user_account). Their history is the audit log: a change and its audit
 * lines are written on the same transaction, so a change is never without its line.
 */
@Injectable()
export class UserAccountRepository implements AggregateRepository<UserAccount, AccountAuditEntry> {
  /** Held until the transaction ends, so two changes of one account apply one after the other. */
  lock(em: EntityManager, id: string): Promise<UserAccount | null> {
    return em.findOne(UserAccountSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Writes an account loaded on `em` (by `lock`) as it now is, then its audit lines. */
  async save(
    em: EntityManager,
    account: UserAccount,
    changes: readonly AccountAuditEntry[],
  ): Promise<void> {
    await em.persistAndFlush(account);
    await appendAudit(em, changes);
  }

  /** A new account and its audit lines; nothing is written when the username is taken. */
  async insert(
    em: EntityManager,
    account: UserAccount,
    changes: readonly AccountAuditEntry[],
  ): Promise<AccountInsertion> {
    try {
      await em.persistAndFlush(em.create(UserAccountSchema, account));
    } catch (error) {
      // The id is new, so the unique username is the constraint a concurrent insert can break.
      if (error instanceof UniqueConstraintViolationException) return 'USERNAME_TAKEN';
      throw error;
    }
    await appendAudit(em, changes);
    return 'INSERTED';
  }

  find(em: EntityManager, id: string): Promise<UserAccount | null> {
    return em.findOne(UserAccountSchema, { id });
  }

  findByUsername(em: EntityManager, username: string): Promise<UserAccount | null> {
    return em.findOne(UserAccountSchema, { username });
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Actor, NotFoundError, PreconditionFailedError, Role, VersionErrors } from '@bp/contracts';
import { AccountErrors } from '../domain/account-errors';
import { isPartyCode } from '@bp/reference';
import { AccountChange, changeAccount } from '../domain/user-account-change';
import { auditEntries } from '../domain/user-account-audit';
import { UserAccountRepository } from '../infrastructure/persistence/user-account.repository';
import { UserAccountQuery } from '../infrastructure/persistence/user-account.query';
import {
  AuditFilter,
  AuditLine,
  auditPage,
} from '../infrastructure/persistence/account-audit.repository';
import { PasswordHasher } from '../infrastructure/password-hasher';
import {
  AccountView,
  Page,
  accountView,
  decodeAccountCursor,
  encodeAccountCursor,
} from './identity-views';

export interface AccountFilter {
  role?: Role;
  party?: string;
  disabled?: boolean;
  cursor?: string;
  limit: number;
}

/** The answer to a change; a reset's temporary password is shown here once and stored nowhere. */
/** Random bytes of a temporary password after a reset (base64url: 24 characters). */
export const TEMPORARY_PASSWORD_BYTES = 18;

export type ChangedAccount = AccountView & { temporaryPassword?: string };

/** What admins do with accounts besides creating them (that stays in IdentityService). */
@Injectable()
export class AccountAdministration {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: UserAccountRepository,
    private readonly accountQuery: UserAccountQuery,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(filter: AccountFilter): Promise<Page<AccountView>> {
    const { cursor, ...rest } = filter;
    const afterUsername = cursor ? decodeAccountCursor(cursor) : undefined;
    const { accounts, more } = await this.accountQuery.page(this.em.fork(), {
      ...rest,
      afterUsername,
    });
    const last = accounts[accounts.length - 1];
    return {
      items: accounts.map(accountView),
      nextCursor: more && last ? encodeAccountCursor(last.username) : null,
    };
  }

  async get(id: string): Promise<AccountView> {
    const account = await this.accounts.find(this.em.fork(), id);
    if (!account) throw new NotFoundError(AccountErrors.NOT_FOUND, `No account ${id}`);
    return accountView(account);
  }

  /**
   * One admin change, its audit lines and nothing else in one transaction, on the locked account.
   * `ifMatch` is the version the admin saw (If-Match); a stale one changes nothing.
   */
  async change(
    id: string,
    change: AccountChange,
    admin: Actor,
    ifMatch: string | undefined,
  ): Promise<ChangedAccount> {
    // 18 random bytes: 24 URL-safe characters, well past the 12 a password needs.
    const temporaryPassword = change.resetPassword
      ? randomBytes(TEMPORARY_PASSWORD_BYTES).toString('base64url')
      : null;
    const temporaryPasswordHash = temporaryPassword
      ? await this.hasher.hash(temporaryPassword)
      : undefined;
    return this.em.fork().transactional(async (tx) => {
      const account = await this.accounts.lock(tx, id);
      if (!account) throw new NotFoundError(AccountErrors.NOT_FOUND, `No account ${id}`);
      if (ifMatch !== undefined && ifMatch !== String(account.version)) {
        throw new PreconditionFailedError(
          VersionErrors.STALE,
          `The account is at version ${account.version}; read it again before changing it`,
        );
      }
      const successor = change.successorId
        ? await this.accounts.find(tx, change.successorId)
        : null;
      const { account: next, facts } = changeAccount(account, change, {
        adminId: admin.userId,
        successor,
        temporaryPasswordHash,
        isKnownParty: isPartyCode,
      });
      Object.assign(account, next);
      await this.accounts.save(tx, account, auditEntries(facts, admin, account, new Date()));
      return { ...accountView(account), ...(temporaryPassword ? { temporaryPassword } : {}) };
    });
  }

  auditTrail(filter: AuditFilter): Promise<Page<AuditLine>> {
    return auditPage(this.em.fork(), filter);
  }
}

import { Injectable } from '@nestjs/common';
import { FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Actor, NotFoundError, PreconditionFailedError, Role, VersionErrors } from '@bp/contracts';
import { AccountErrors } from '../domain/account-errors';
import { isPartyCode } from '@bp/reference';
import { UserAccount } from '../domain/user-account';
import { AccountChange, changeAccount } from '../domain/user-account-change';
import { auditEntries } from '../domain/user-account-audit';
import { UserAccountSchema } from '../infrastructure/persistence/user-account.schema';
import {
  AuditFilter,
  AuditLine,
  appendAudit,
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
export type ChangedAccount = AccountView & { temporaryPassword?: string };

/** What admins do with accounts besides creating them (that stays in IdentityService). */
@Injectable()
export class AccountAdministration {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(filter: AccountFilter): Promise<Page<AccountView>> {
    const where: FilterQuery<UserAccount> = {};
    if (filter.role) where.role = filter.role;
    if (filter.party) where.party = filter.party;
    if (filter.disabled !== undefined) where.disabled = filter.disabled;
    if (filter.cursor) where.username = { $gt: decodeAccountCursor(filter.cursor) };
    const rows = await this.em
      .fork()
      .find(UserAccountSchema, where, { orderBy: { username: 'asc' }, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(accountView),
      nextCursor: rows.length > filter.limit && last ? encodeAccountCursor(last.username) : null,
    };
  }

  async get(id: string): Promise<AccountView> {
    const account = await this.em.fork().findOne(UserAccountSchema, { id });
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
    const temporaryPassword = change.resetPassword ? randomBytes(18).toString('base64url') : null;
    const temporaryPasswordHash = temporaryPassword
      ? await this.hasher.hash(temporaryPassword)
      : undefined;
    return this.em.fork().transactional(async (tx) => {
      const account = await tx.findOne(
        UserAccountSchema,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!account) throw new NotFoundError(AccountErrors.NOT_FOUND, `No account ${id}`);
      if (ifMatch !== undefined && ifMatch !== String(account.version)) {
        throw new PreconditionFailedError(
          VersionErrors.STALE,
          `The account is at version ${account.version}; read it again before changing it`,
        );
      }
      const successor = change.successorId
        ? await tx.findOne(UserAccountSchema, { id: change.successorId })
        : null;
      const { account: next, facts } = changeAccount(account, change, {
        adminId: admin.userId,
        successor,
        temporaryPasswordHash,
        isKnownParty: isPartyCode,
      });
      Object.assign(account, next);
      await tx.flush();
      await appendAudit(tx, auditEntries(facts, admin, account, new Date()));
      return { ...accountView(account), ...(temporaryPassword ? { temporaryPassword } : {}) };
    });
  }

  auditTrail(filter: AuditFilter): Promise<Page<AuditLine>> {
    return auditPage(this.em.fork(), filter);
  }
}

import { Injectable } from '@nestjs/common';
import { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '@bp/contracts';
import { UserAccount } from '../../domain/user-account';
import { UserAccountSchema } from './user-account.schema';

export interface UserAccountListFilter {
  role?: Role;
  party?: string;
  disabled?: boolean;
  /** The last username of the page before; accounts are listed by username. */
  afterUsername?: string;
  limit: number;
}

/** The list of accounts admins page through: what is read without changing it. */
@Injectable()
export class UserAccountQuery {
  /** Up to `limit` accounts in username order, and whether more follow. */
  async page(
    em: EntityManager,
    filter: UserAccountListFilter,
  ): Promise<{ accounts: UserAccount[]; more: boolean }> {
    const where: FilterQuery<UserAccount> = {};
    if (filter.role) where.role = filter.role;
    if (filter.party) where.party = filter.party;
    if (filter.disabled !== undefined) where.disabled = filter.disabled;
    if (filter.afterUsername !== undefined) where.username = { $gt: filter.afterUsername };
    // One row past the page says whether there is a next one without counting.
    const rows = await em.find(UserAccountSchema, where, {
      orderBy: { username: 'asc' },
      limit: filter.limit + 1,
    });
    return { accounts: rows.slice(0, filter.limit), more: rows.length > filter.limit };
  }
}

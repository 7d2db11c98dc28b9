import { Injectable } from '@nestjs/common';
import { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '@bp/contracts';
import { PreparedStatement, runPrepared } from '@bp/persistence';
import { UserAccount } from '../../domain/user-account';
import { TokenHolder } from '../../domain/user-account-access';
import { UserAccountSchema } from './user-account.schema';

const TOKEN_HOLDER: PreparedStatement = {
  name: 'gateway.token-holder',
  text: `select id, username, role, party, officer_id, disabled, token_generation, must_change_password
    from user_account where id = $1`,
};

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

  /**
   * The account behind an authenticated request, read on every request: one row by primary key,
   * by a prepared statement, without the entity tracking an account that is changed needs.
   */
  async tokenHolder(em: EntityManager, id: string): Promise<TokenHolder | null> {
    const [row] = await runPrepared<TokenHolderRow>(em, TOKEN_HOLDER, [id]);
    return row
      ? {
          id: row.id,
          username: row.username,
          role: row.role,
          party: row.party,
          officerId: row.officer_id,
          disabled: row.disabled,
          tokenGeneration: row.token_generation,
          mustChangePassword: row.must_change_password,
        }
      : null;
  }
}

interface TokenHolderRow {
  id: string;
  username: string;
  role: Role;
  party: string | null;
  officer_id: string | null;
  disabled: boolean;
  token_generation: number;
  must_change_password: boolean;
}

import { Inject, Injectable, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TokenKeys } from '../infrastructure/token-keys';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  ConflictError,
  DeploymentCommands,
  Role,
  ValidationFailedError,
} from '@bp/contracts';
import { GatewayServiceClient } from '../infrastructure/service-client.provider';
import { ServiceProblem } from '../infrastructure/service-problem';
import { idempotentTransaction, requestHash } from '@bp/messaging';
import { claimsOf } from '@bp/auth';
import { isPartyCode } from '@bp/reference';
import { AccountErrors, PasswordErrors } from '../domain/account-errors';
import { UserAccount, actorOf, assertConsistentAccount } from '../domain/user-account';
import { accountCreated, auditEntries, signInAttempt } from '../domain/user-account-audit';
import { UserAccountQuery } from '../infrastructure/persistence/user-account.query';
import { checkTokenHolder } from '../domain/user-account-access';
import { checkPasswordChange, passwordChanged } from '../domain/user-account-change';
import { UserAccountRepository } from '../infrastructure/persistence/user-account.repository';
import { appendAudit } from '../infrastructure/persistence/account-audit.repository';
import { PasswordHasher } from '../infrastructure/password-hasher';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';
import { AccountView, accountView } from './identity-views';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  party?: string | null;
  officerId?: string | null;
  email?: string | null;
}

/** The caller of a request whose token still holds, as the account is now. */
export interface AdmittedCaller {
  actor: Actor;
  passwordChangeRequired: boolean;
}

/** The claim naming the account's token generation the token was issued under. */
export const TOKEN_GENERATION_CLAIM = 'gen';

@Injectable()
export class IdentityService implements OnModuleInit {
  private readonly ttlSeconds: number;
  /** Verified when the username is unknown, so a wrong name takes as long as a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly em: EntityManager,
    private readonly accounts: UserAccountRepository,
    private readonly accountQuery: UserAccountQuery,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly tokenKeys: TokenKeys,
    private readonly services: GatewayServiceClient,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
  ) {
    this.ttlSeconds = settings.jwtTtlSeconds;
  }

  /** Made at boot, so the first unknown username does not take twice as long as the others. */
  async onModuleInit(): Promise<void> {
    this.decoyHash = this.hasher.hash(randomUUID());
    await this.decoyHash;
  }

  async signIn(username: string, password: string, address: string): Promise<IssuedToken> {
    const account = await this.accounts.findByUsername(this.em.fork(), username);
    if (!account || account.disabled) {
      this.decoyHash ??= this.hasher.hash(randomUUID());
      await this.hasher.verify(await this.decoyHash, password);
      if (account) await this.recordSignIn(account, 'DISABLED', address);
      throw new UnauthorizedException('Unknown username or wrong password');
    }
    if (!(await this.hasher.verify(account.passwordHash, password))) {
      await this.recordSignIn(account, 'WRONG_PASSWORD', address);
      throw new UnauthorizedException('Unknown username or wrong password');
    }
    await this.recordSignIn(account, 'SIGNED_IN', address);
    const key = this.tokenKeys.current();
    const accessToken = await this.jwt.signAsync(
      { ...claimsOf(actorOf(account)), [TOKEN_GENERATION_CLAIM]: account.tokenGeneration },
      { privateKey: key.privateKey, keyid: key.kid },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  private recordSignIn(
    account: UserAccount,
    outcome: 'SIGNED_IN' | 'WRONG_PASSWORD' | 'DISABLED',
    address: string,
  ): Promise<void> {
    const fact = signInAttempt(outcome, address);
    const who = { userId: account.id, username: account.username };
    return appendAudit(this.em.fork(), [
      { ...fact, at: new Date(), actor: outcome === 'SIGNED_IN' ? who : null, target: who },
    ]);
  }

  /**
   * Every authenticated request: the account behind a verified token, looked up by primary key.
   * Its role, party and officer come from the account as it is now, not from the token.
   */
  async admit(userId: string, tokenGeneration: unknown): Promise<AdmittedCaller> {
    const account = await this.accountQuery.tokenHolder(this.em.fork(), userId);
    const check = checkTokenHolder(account, tokenGeneration);
    if (!check.admitted)
      throw new UnauthorizedException('The token is no longer valid: sign in again');
    return { actor: actorOf(check.account), passwordChangeRequired: check.passwordChangeRequired };
  }

  async me(actor: Actor): Promise<AccountView> {
    const account = await this.accounts.find(this.em.fork(), actor.userId);
    if (!account) throw new UnauthorizedException('The token is no longer valid: sign in again');
    return accountView(account);
  }

  /** Proves the current password, stores the new one; every token issued before stops working. */
  async changeOwnPassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const account = await this.accounts.find(this.em.fork(), actor.userId);
    if (!account) throw new UnauthorizedException('The token is no longer valid: sign in again');
    const currentPasswordMatches = await this.hasher.verify(account.passwordHash, currentPassword);
    checkPasswordChange({ currentPasswordMatches, currentPassword, newPassword });
    const newHash = await this.hasher.hash(newPassword);
    await this.em.fork().transactional(async (tx) => {
      const locked = await this.accounts.lock(tx, actor.userId);
      if (!locked || locked.passwordHash !== account.passwordHash) {
        throw new ConflictError(
          PasswordErrors.CHANGED_MEANWHILE,
          'The password was changed meanwhile: sign in again',
        );
      }
      const { account: next, facts } = passwordChanged(locked, newHash);
      Object.assign(locked, next);
      await this.accounts.save(tx, locked, auditEntries(facts, actor, locked, new Date()));
    });
  }

  /** An officer account belongs to a registered officer and acts for the party that sends them. */
  private async withOfficerParty(
    input: NewAccount,
    admin: Actor,
    correlationId: string,
  ): Promise<NewAccount> {
    if (input.role !== 'liaison_officer' || !input.officerId) return input;
    const reply = await this.services.request(
      'deployment',
      DeploymentCommands.getOfficer,
      { officerId: input.officerId },
      { actor: admin, correlationId },
    );
    if (!reply.ok) {
      if (reply.problem.status === 404)
        throw new ValidationFailedError(AccountErrors.OFFICER_UNKNOWN, 'Unknown officer', [
          { field: 'officerId', message: 'no such officer (POST /officers first)' },
        ]);
      throw new ServiceProblem(reply.problem);
    }
    const { sendingParty } = reply.body as { sendingParty: string };
    if (input.party && input.party !== sendingParty) {
      throw new ValidationFailedError(
        AccountErrors.OFFICER_PARTY_MISMATCH,
        'An officer acts for the party that sends them',
        [{ field: 'party', message: `must be ${sendingParty}` }],
      );
    }
    return { ...input, party: sendingParty };
  }

  /**
   * With an Idempotency-Key, a repeated request from the same admin replays the first answer. The
   * password is left out of the request hash: no fast hash of it is ever stored. The account and
   * the audit line naming the admin who created it commit together.
   */
  async createAccount(
    request: NewAccount,
    admin: Actor,
    idempotencyKey: string | undefined,
    correlationId: string,
  ): Promise<AccountView> {
    const input = await this.withOfficerParty(request, admin, correlationId);
    const { password, ...fingerprint } = input;
    const passwordHash = await this.hasher.hash(password);
    const scope = {
      actorKey: admin.userId,
      key: idempotencyKey,
      command: 'users.create',
      requestHash: requestHash('users.create', fingerprint),
    };
    const reply = await idempotentTransaction(this.em.fork(), scope, async (tx) => {
      const account = await this.insertAccount(tx, input, passwordHash, admin);
      return { ok: true, status: 201, body: accountView(account) };
    });
    if (!reply.ok) throw new ServiceProblem(reply.problem);
    return reply.body as AccountView;
  }

  private async insertAccount(
    em: EntityManager,
    input: NewAccount,
    passwordHash: string,
    admin: Actor,
  ): Promise<UserAccount> {
    const account: UserAccount = {
      id: randomUUID(),
      username: input.username,
      passwordHash,
      role: input.role,
      party: input.party ?? null,
      officerId: input.officerId ?? null,
      email: input.email ?? null,
      disabled: false,
      successorId: null,
      // The admin chose this password: it only opens the way to the holder's own (as after a
      // reset), so an admin cannot keep quiet access to an account made for someone else.
      mustChangePassword: true,
      tokenGeneration: 0,
      version: 1,
      createdAt: new Date(),
    };
    assertConsistentAccount(account, isPartyCode);
    const audit = auditEntries([accountCreated(account)], admin, account, new Date());
    if ((await this.accounts.insert(em, account, audit)) === 'USERNAME_TAKEN') {
      throw new ConflictError(
        AccountErrors.USERNAME_TAKEN,
        `The username ${input.username} is taken`,
      );
    }
    return account;
  }
}

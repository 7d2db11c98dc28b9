import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  CommandReply,
  ConflictError,
  DeploymentCommands,
  NotFoundError,
  Role,
  ValidationFailedError,
} from '@bp/contracts';
import { GatewayServiceClient } from '../infrastructure/service-client.provider';
import { ServiceProblem } from '../infrastructure/service-problem';
import { findStoredReply, requestHash, storeReply } from '@bp/messaging';
import { claimsOf } from '@bp/auth';
import { isPartyCode } from '@bp/reference';
import { UserAccount, actorOf, assertConsistentAccount } from '../domain/user-account';
import { UserAccountSchema } from '../infrastructure/persistence/user-account.schema';
import { PasswordHasher } from '../infrastructure/password-hasher';
import { gatewaySettingsFromEnv } from '../config/gateway-environment';

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
}

export interface AccountView {
  id: string;
  username: string;
  role: Role;
  party: string | null;
  officerId: string | null;
}

@Injectable()
export class IdentityService {
  private readonly ttlSeconds = gatewaySettingsFromEnv().jwtTtlSeconds;
  /** Verified when the username is unknown, so a wrong name takes as long as a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly services: GatewayServiceClient,
  ) {}

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
        throw new ValidationFailedError('Unknown officer', [
          { field: 'officerId', message: 'no such officer (POST /officers first)' },
        ]);
      throw new ServiceProblem(reply.problem);
    }
    const { sendingParty } = reply.body as { sendingParty: string };
    if (input.party && input.party !== sendingParty) {
      throw new ValidationFailedError('An officer acts for the party that sends them', [
        { field: 'party', message: `must be ${sendingParty}` },
      ]);
    }
    return { ...input, party: sendingParty };
  }

  async signIn(username: string, password: string): Promise<IssuedToken> {
    const account = await this.em.fork().findOne(UserAccountSchema, { username });
    if (!account || account.disabled) {
      this.decoyHash ??= this.hasher.hash(randomUUID());
      await this.hasher.verify(await this.decoyHash, password);
      throw new UnauthorizedException('Unknown username or wrong password');
    }
    if (!(await this.hasher.verify(account.passwordHash, password))) {
      throw new UnauthorizedException('Unknown username or wrong password');
    }
    const accessToken = await this.jwt.signAsync({ ...claimsOf(actorOf(account)) });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  async me(actor: Actor): Promise<AccountView> {
    const account = await this.em.fork().findOne(UserAccountSchema, { id: actor.userId });
    if (!account || account.disabled) throw new NotFoundError('This account no longer exists');
    return view(account);
  }

  /**
   * With an Idempotency-Key, a repeated request from the same admin replays the first answer. The
   * password is left out of the request hash: no fast hash of it is ever stored.
   */
  async createAccount(
    request: NewAccount,
    admin: Actor,
    idempotencyKey: string | undefined,
    correlationId: string,
  ): Promise<AccountView> {
    const input = await this.withOfficerParty(request, admin, correlationId);
    const { password: _password, ...fingerprint } = input;
    const hash = requestHash('users.create', fingerprint);
    const em = this.em.fork();
    return em.transactional(async (tx) => {
      if (idempotencyKey) {
        const stored = await findStoredReply(tx, admin.userId, idempotencyKey);
        if (stored) {
          if (stored.requestHash !== hash || !stored.reply.ok) {
            throw new ConflictError('This Idempotency-Key was used for another request');
          }
          return stored.reply.body as AccountView;
        }
      }
      const created = await this.insertAccount(tx, input);
      if (idempotencyKey) {
        const reply: CommandReply<AccountView> = { ok: true, status: 201, body: created };
        await storeReply(tx, admin.userId, idempotencyKey, 'users.create', hash, reply);
      }
      return created;
    });
  }

  private async insertAccount(em: EntityManager, input: NewAccount): Promise<AccountView> {
    const account: UserAccount = {
      id: randomUUID(),
      username: input.username,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      party: input.party ?? null,
      officerId: input.officerId ?? null,
      disabled: false,
      createdAt: new Date(),
    };
    assertConsistentAccount(account, isPartyCode);
    try {
      await em.persistAndFlush(em.create(UserAccountSchema, account));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new ConflictError(`The username ${input.username} is taken`);
      }
      throw error;
    }
    return view(account);
  }
}

function view(account: UserAccount): AccountView {
  const actor = actorOf(account);
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    party: actor.party,
    officerId: account.officerId,
  };
}

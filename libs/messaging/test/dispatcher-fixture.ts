import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/core';
import { Actor, CommandMessage } from '@bp/contracts';
import { CommandAssertionSigner, CommandAssertionVerifier, requestDigest } from '@bp/auth';
import { CommandDispatcher } from '@bp/messaging';

/** A key pair of the test's own, standing for the gateway's command key (or a stranger's). */
export function ecKeys() {
  return generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/**
 * A service's CommandDispatcher with `Handlers` as its only handlers, on `orm`, believing commands
 * signed for `service` with the private half of `gatewayPublicKey`.
 */
export async function startDispatcher<T>(
  orm: MikroORM,
  Handlers: Type<T>,
  service: string,
  gatewayPublicKey: ConstructorParameters<typeof CommandAssertionVerifier>[1],
): Promise<{ dispatcher: CommandDispatcher; handlers: T }> {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      CommandDispatcher,
      Handlers,
      { provide: MikroORM, useValue: orm },
      {
        provide: CommandAssertionVerifier,
        useValue: new CommandAssertionVerifier(service, gatewayPublicKey),
      },
    ],
  }).compile();
  await module.init();
  return { dispatcher: module.get(CommandDispatcher), handlers: module.get(Handlers) };
}

/** One user throughout a spec: an Idempotency-Key is the same request only from the same user. */
export const serbianFocalPoint: Actor = {
  userId: randomUUID(),
  username: 'fp-srb',
  role: 'focal_point',
  party: 'SRB',
  officerId: null,
};

/**
 * A command as the gateway sends it to `service`: its caller asserted with `gateway`'s key, bound
 * to the command's name, message id, deadline (10 s unless `meta` says) and request.
 */
export function signedCommand(
  gateway: CommandAssertionSigner,
  service: string,
  name: string,
  payload: object,
  meta: Partial<CommandMessage['meta']> = {},
  as: Actor | null = serbianFocalPoint,
): CommandMessage {
  const messageId = meta.messageId ?? randomUUID();
  const deadline = meta.deadline ?? new Date(Date.now() + 10_000).toISOString();
  const request = requestDigest({
    name,
    payload,
    idempotencyKey: meta.idempotencyKey,
    ifMatch: meta.ifMatch,
  });
  return {
    name,
    payload: payload as Record<string, unknown>,
    meta: {
      correlationId: randomUUID(),
      deadline,
      messageId,
      assertion: gateway.sign(as, { service, command: name, messageId, deadline, request }),
      ...meta,
    },
  };
}

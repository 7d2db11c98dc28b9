import { generateKeyPairSync } from 'node:crypto';
import { Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/core';
import { CommandAssertionVerifier } from '@bp/auth';
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

export { serbianFocalPoint, signedCommand } from '../../../test/support/command-signing';

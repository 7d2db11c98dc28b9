import path from 'node:path';
import {
  KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
} from 'node:crypto';
import { Actor, GATEWAY_PRINCIPAL } from '@bp/contracts';
import {
  CommandAssertionSigner,
  CommandBinding,
  CurrentKey,
  KeyRing,
  SigningKeys,
  keyIdOf,
} from '@bp/auth';
import { ServiceClient } from '@bp/messaging';
import { ROOT, kafkaConnection } from './test-env';

/** The test profile's key folder (JWT_KEY_DIR of every app it starts). */
export const TEST_KEY_DIR = path.join(ROOT, '.run/test/keys');

/** Signs as the test profile's gateway does (its command key, created here if no gateway has yet). */
export function gatewaySigner(): CommandAssertionSigner {
  return new CommandAssertionSigner(new KeyRing(TEST_KEY_DIR, 'command'));
}

/** A key pair held in memory only, as a ring that never rotates. */
export function fixedKeys(pair: SigningKeys): {
  current: () => CurrentKey;
  publicKey: (kid: string) => KeyObject | null;
} {
  const kid = keyIdOf(pair.publicKey);
  const privateKey = createPrivateKey(pair.privateKey);
  const publicKey = createPublicKey(pair.publicKey);
  return {
    current: () => ({ kid, privateKey }),
    publicKey: (asked) => (asked === kid ? publicKey : null),
  };
}

/** A signer that changes each binding or the token before it leaves: for forging assertions. */
export class ForgingSigner extends CommandAssertionSigner {
  constructor(
    private readonly forge: (
      sign: (actor: Actor | null, binding: CommandBinding) => string,
      actor: Actor | null,
      binding: CommandBinding,
    ) => string,
    keys: Pick<KeyRing, 'current'> = new KeyRing(TEST_KEY_DIR, 'command'),
  ) {
    super(keys);
  }

  override sign(actor: Actor | null, binding: CommandBinding): string {
    return this.forge((a, b) => super.sign(a, b), actor, binding);
  }
}

/** An ES256 key pair nobody else holds. */
export function strangerKeys(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** A client that talks to the services straight over Kafka, past the gateway, signing with `signer`. */
export function directClient(name: string, signer = gatewaySigner()): ServiceClient {
  return new ServiceClient({
    // The gateway's own principal: the only one the broker lets write a command topic.
    kafka: kafkaConnection(GATEWAY_PRINCIPAL),
    instanceId: `${name}-${randomUUID().slice(0, 8)}`,
    timeoutMs: 10_000,
    signer,
  });
}

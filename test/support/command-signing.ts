import path from 'node:path';
import {
  KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
} from 'node:crypto';
import { Actor, CommandMessage, GATEWAY_PRINCIPAL, SERVICES, ServiceKey } from '@bp/contracts';
import {
  CommandAssertionSigner,
  CommandBinding,
  CurrentKey,
  KeyRing,
  SigningKeys,
  keyIdOf,
  requestDigest,
} from '@bp/auth';
import { ServiceClient } from '@bp/messaging';
import { ROOT, SERVICE_PORTS, kafkaConnection } from './test-env';

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

/** The test profile's services' HTTP addresses, where the gateway sends its reads. */
export const TEST_SERVICE_URLS = Object.fromEntries(
  Object.values(SERVICES).map((service) => [
    service.key,
    `http://127.0.0.1:${SERVICE_PORTS[service.name]}`,
  ]),
) as Record<ServiceKey, string>;

/**
 * A client that talks to the services past the gateway, signing with `signer`: over Kafka, or as
 * the gateway does with `roads: 'as the gateway'` (reads straight to the services' HTTP ports).
 */
export function directClient(
  name: string,
  signer = gatewaySigner(),
  roads: 'kafka' | 'as the gateway' = 'kafka',
): ServiceClient {
  return new ServiceClient({
    directReads: roads === 'as the gateway' ? TEST_SERVICE_URLS : undefined,
    // The gateway's own principal: the only one the broker lets write a command topic.
    kafka: kafkaConnection(GATEWAY_PRINCIPAL),
    instanceId: `${name}-${randomUUID().slice(0, 8)}`,
    timeoutMs: 10_000,
    signer,
  });
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
 * to the command's name, message id, deadline (10 s unless `meta` says), request and road (Kafka
 * unless `road` says http: a read straight to the service's port).
 */
export function signedCommand(
  gateway: CommandAssertionSigner,
  service: string,
  name: string,
  payload: object,
  meta: Partial<CommandMessage['meta']> = {},
  as: Actor | null = serbianFocalPoint,
  road?: 'http',
): CommandMessage {
  const messageId = meta.messageId ?? randomUUID();
  const deadline = meta.deadline ?? new Date(Date.now() + 10_000).toISOString();
  const request = requestDigest({
    name,
    payload,
    idempotencyKey: meta.idempotencyKey,
    ifMatch: meta.ifMatch,
    road,
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

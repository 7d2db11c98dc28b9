import { createHmac, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './test-env';

/** The gateway's key pair of the test profile (JWT_KEY_DIR), there once a gateway has started. */
export function testSigningKeys(): { privateKey: string; publicKey: string } {
  const dir = path.join(ROOT, '.run/test/keys');
  return {
    privateKey: fs.readFileSync(path.join(dir, 'private', 'jwt-private.pem'), 'utf8'),
    publicKey: fs.readFileSync(path.join(dir, 'jwt-public.pem'), 'utf8'),
  };
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
  };
}

export type Signing =
  | { alg: 'RS256'; privateKey: string }
  | { alg: 'HS256'; secret: string }
  | { alg: 'none' };

/** A JWT built by hand, the way an attacker would, without any JWT library's safety checks. */
export function craftJwt(payload: Record<string, unknown>, signing: Signing): string {
  const input = `${part({ alg: signing.alg, typ: 'JWT' })}.${part(payload)}`;
  if (signing.alg === 'none') return `${input}.`;
  const signature =
    signing.alg === 'HS256'
      ? createHmac('sha256', signing.secret).update(input).digest()
      : sign('sha256', Buffer.from(input), signing.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

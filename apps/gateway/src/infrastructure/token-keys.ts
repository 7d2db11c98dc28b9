import { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KeyRing } from '@bp/auth';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';

/**
 * The access-token keys of the gateway (JWT_KEY_DIR, shared by every instance): the current pair
 * signs, and a token is checked with the key its header names, current or retired, so rotating the
 * key (`npm run keys:rotate`) signs nobody out.
 */
@Injectable()
export class TokenKeys extends KeyRing {
  constructor(@Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    super(settings.keyDir, 'jwt');
  }

  /**
   * The public key to check `token` with; null when its header names a key this folder does not
   * hold. A token without a key id (issued before keys had ids) is checked with the current key.
   */
  forToken(token: string): KeyObject | null {
    const header = decodeHeader(token);
    if (!header) return null;
    return this.publicKey(typeof header.kid === 'string' ? header.kid : this.current().kid);
  }
}

function decodeHeader(token: string): { kid?: unknown } | null {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    return header && typeof header === 'object' ? header : null;
  } catch {
    return null;
  }
}

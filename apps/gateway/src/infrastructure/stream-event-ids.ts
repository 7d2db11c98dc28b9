import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { privateKeyDir } from '@bp/auth';
import { GATEWAY_SETTINGS, GatewaySettings } from '../config/gateway-settings';
import { STREAM_EVENT_ID } from '../domain/stream-position';

const IV_BYTES = 12;
const POSITION_BYTES = 8;
const TAG_BYTES = 16;

/**
 * The SSE `id` of a stream event: its stream position sealed (AES-256-GCM) for the user it is
 * sent to. Positions are one sequence over every audience, so the gaps between the plain
 * positions a user receives would count the notifications everybody else got. Sealed, with a
 * fresh nonce each time, an id says nothing but "resume here", and only to the gateways and only
 * for that user: the same notification has another id on each stream, and an id is refused on
 * another user's stream.
 */
@Injectable()
export class StreamEventIds {
  private readonly key: Buffer;

  constructor(@Inject(GATEWAY_SETTINGS) settings: Pick<GatewaySettings, 'keyDir'>) {
    this.key = loadOrCreateStreamIdKey(settings.keyDir);
  }

  seal(position: string, userId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(aadFor(userId));
    const plain = Buffer.alloc(POSITION_BYTES);
    plain.writeBigUInt64BE(BigInt(position));
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return sealed.toString('base64url');
  }

  /** The position `id` holds, or null for anything this installation did not give `userId`. */
  open(id: string, userId: string): string | null {
    if (!STREAM_EVENT_ID.test(id)) return null;
    const sealed = Buffer.from(id, 'base64url');
    if (sealed.length !== IV_BYTES + POSITION_BYTES + TAG_BYTES) return null;
    const iv = sealed.subarray(0, IV_BYTES);
    const tag = sealed.subarray(IV_BYTES + POSITION_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(aadFor(userId));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, IV_BYTES + POSITION_BYTES)),
        decipher.final(),
      ]);
      const position = plain.readBigUInt64BE();
      return position > 0n ? position.toString() : null;
    } catch {
      return null;
    }
  }
}

function aadFor(userId: string): Buffer {
  return Buffer.from(`bp stream event id v1 for ${userId}`);
}

/**
 * `private/stream-id.key` in the key folder every gateway shares (32 random bytes, base64url),
 * created when missing: linked into place, so instances racing to create it end up with one key.
 * Replacing it makes every id given out before unreadable: such a Last-Event-ID gets 400, and the
 * client reconnects without it (its inbox has what it missed).
 */
export function loadOrCreateStreamIdKey(keyDir: string): Buffer {
  const file = path.join(privateKeyDir(keyDir), 'stream-id.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(privateKeyDir(keyDir), { recursive: true, mode: 0o700 });
    // Written whole first, then linked into place: a reader never meets a half-written key.
    const staged = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(staged, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(staged, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(staged, { force: true });
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes in base64url`);
  return key;
}

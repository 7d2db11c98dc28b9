import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STREAM_EVENT_ID } from '../domain/stream-position';
import { StreamEventIds, loadOrCreateStreamIdKey } from './stream-event-ids';

describe('the SSE ids of a notification stream', () => {
  let keyDir: string;
  beforeEach(() => {
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-stream-ids-'));
  });
  afterEach(() => fs.rmSync(keyDir, { recursive: true, force: true }));

  it('give the position back to the user they were given to, and to every gateway of the folder', () => {
    const ids = new StreamEventIds({ keyDir });
    const otherGateway = new StreamEventIds({ keyDir });
    for (const position of ['1', '42', '999999999999999999']) {
      const id = ids.seal(position, 'user-a');
      expect(id).toMatch(STREAM_EVENT_ID);
      expect(ids.open(id, 'user-a')).toBe(position);
      expect(otherGateway.open(id, 'user-a')).toBe(position);
    }
  });

  it('say nothing of the position: neighbours look unrelated, and one position has a new id each time', () => {
    const ids = new StreamEventIds({ keyDir });
    const [a, b, again] = [ids.seal('41', 'u'), ids.seal('42', 'u'), ids.seal('41', 'u')];
    expect(new Set([a, b, again]).size).toBe(3);
    // The position is not in the id in plain: its 8 bytes are not where the sealed ones are.
    const plain = (position: number) => {
      const bytes = Buffer.alloc(8);
      bytes.writeBigUInt64BE(BigInt(position));
      return bytes;
    };
    for (const [id, position] of [
      [a, 41],
      [b, 42],
      [again, 41],
    ] as const)
      expect(Buffer.from(id, 'base64url').subarray(12, 20).equals(plain(position))).toBe(false);
    // The same length whatever the position: the length says nothing either.
    expect(ids.seal('1', 'u')).toHaveLength(ids.seal('999999999999999999', 'u').length);
  });

  it("refuse another user's id, a changed one and one of another installation", () => {
    const ids = new StreamEventIds({ keyDir });
    const id = ids.seal('42', 'user-a');
    expect(ids.open(id, 'user-b')).toBeNull();
    const changed = `${id.slice(0, 20)}${id[20] === 'A' ? 'B' : 'A'}${id.slice(21)}`;
    expect(ids.open(changed, 'user-a')).toBeNull();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-stream-ids-'));
    try {
      expect(new StreamEventIds({ keyDir: elsewhere }).open(id, 'user-a')).toBeNull();
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
    for (const bad of ['', '42', 'x'.repeat(48), id.slice(1), `${id}A`])
      expect(ids.open(bad, 'user-a')).toBeNull();
  });

  it('keep their key in the private folder, readable by the gateway alone, created once', () => {
    const key = loadOrCreateStreamIdKey(keyDir);
    const file = path.join(keyDir, 'private', 'stream-id.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateStreamIdKey(keyDir).equals(key)).toBe(true);
    fs.writeFileSync(file, 'c2hvcnQ\n');
    expect(() => loadOrCreateStreamIdKey(keyDir)).toThrow(/32 bytes/);
  });
});

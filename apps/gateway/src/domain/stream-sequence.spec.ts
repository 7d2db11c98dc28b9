import { StreamSequence } from './stream-sequence';
import { comparePositions, isWithin, lastEventIdOf } from './stream-position';

const at = (...positions: number[]) => positions.map((p) => ({ position: String(p) }));
const sent = (items: { position: string }[]) => items.map((i) => Number(i.position));

describe('a live stream resumed after Last-Event-ID', () => {
  it('sends the catch-up, then the live events held meanwhile, each once and in order', () => {
    const stream = new StreamSequence(String(10));
    // Live events arrive while the catch-up is asked: some of them the catch-up returns too.
    expect(stream.live(at(13)[0]!)).toEqual([]);
    expect(stream.live(at(12)[0]!)).toEqual([]);
    expect(sent(stream.caughtUp(at(11, 12)))).toEqual([11, 12]);
    expect(sent(stream.caughtUp(at(13)))).toEqual([13]);
    expect(sent(stream.release())).toEqual([]);
    expect(sent(stream.live(at(14)[0]!))).toEqual([14]);
    expect(stream.position).toBe('14');
  });

  it('sends held events the catch-up did not return yet, sorted', () => {
    const stream = new StreamSequence(String(10));
    stream.live(at(16)[0]!);
    stream.live(at(15)[0]!);
    expect(sent(stream.caughtUp(at(11)))).toEqual([11]);
    expect(sent(stream.release())).toEqual([15, 16]);
  });

  it('never sends what the client had already: at or below Last-Event-ID', () => {
    const stream = new StreamSequence(String(10));
    expect(sent(stream.caughtUp(at(9, 10, 11)))).toEqual([11]);
    expect(sent(stream.release())).toEqual([]);
    expect(sent(stream.live(at(11)[0]!))).toEqual([]);
  });

  it('without Last-Event-ID sends every live event after the stream opened', () => {
    const stream = new StreamSequence(null);
    stream.live(at(3)[0]!);
    expect(sent(stream.caughtUp([]))).toEqual([]);
    expect(sent(stream.release())).toEqual([3]);
    expect(sent(stream.live(at(4)[0]!))).toEqual([4]);
  });

  it('starts a fresh stream after the head it opened at, and tells the client so', () => {
    const stream = new StreamSequence(null);
    stream.live(at(41)[0]!); // committed before the opening: not this stream's
    stream.live(at(43)[0]!);
    expect(stream.startAfter('42')).toBe('42');
    expect(sent(stream.release())).toEqual([43]);
    // Resumed, or before any notification exists: nothing to say.
    expect(new StreamSequence('7').startAfter('42')).toBeNull();
    expect(new StreamSequence(null).startAfter('0')).toBeNull();
  });

  it('holds live events again while the audience is asked anew, and repeats nothing', () => {
    const stream = new StreamSequence(null);
    stream.release();
    expect(sent(stream.live(at(5)[0]!))).toEqual([5]);
    stream.hold();
    expect(stream.catchingUp).toBe(true);
    expect(stream.live(at(7)[0]!)).toEqual([]);
    expect(sent(stream.caughtUp(at(6, 7)))).toEqual([6, 7]);
    expect(sent(stream.release())).toEqual([]);
  });
});

describe('Last-Event-ID', () => {
  it('is an id this caller was given, or absent', () => {
    // A stand-in for the sealing: the position behind "sealed-<n>".
    const open = (id: string) => /^sealed-(.*)$/.exec(id)?.[1] ?? null;
    expect(lastEventIdOf(undefined, open)).toEqual({ ok: true, after: null });
    expect(lastEventIdOf('sealed-42', open)).toEqual({ ok: true, after: '42' });
    expect(lastEventIdOf(' sealed-42 ', open)).toEqual({ ok: true, after: '42' });
    // Not an id of this caller, or one whose content is not a position.
    for (const bad of ['', '42', 'abc', 'sealed-0', 'sealed--1', 'sealed-01', 'sealed-1.5'])
      expect(lastEventIdOf(bad, open)).toEqual({ ok: false, reason: expect.any(String) });
    expect(lastEventIdOf(['sealed-1', 'sealed-2'], open)).toEqual({
      ok: false,
      reason: expect.any(String),
    });
  });

  it('is never above the highest position given out', () => {
    expect(isWithin('42', '42')).toBe(true);
    expect(isWithin('9', '10')).toBe(true);
    expect(isWithin('43', '42')).toBe(false);
    expect(isWithin('1', '0')).toBe(false);
  });

  it('orders positions as numbers, not as text', () => {
    expect(comparePositions('9', '10')).toBeLessThan(0);
    expect(comparePositions('10', '10')).toBe(0);
    expect(comparePositions('100000000000000000', '99999999999999999')).toBeGreaterThan(0);
  });
});

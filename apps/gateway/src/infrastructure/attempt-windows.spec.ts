import { AttemptWindows } from './attempt-windows';

describe('AttemptWindows', () => {
  it('allows `limit` attempts per key in a window, then refuses until it ends', () => {
    const windows = new AttemptWindows(3, 60_000);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => windows.hit('a', t0).allowed)).toEqual([true, true, true]);
    expect(windows.hit('a', t0 + 1_000)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect(windows.hit('b', t0 + 1_000).allowed).toBe(true);
    expect(windows.hit('a', t0 + 60_000).allowed).toBe(true);
  });

  it('sweeps windows that have ended', () => {
    const windows = new AttemptWindows(1, 1_000);
    for (let i = 0; i < 50; i += 1) windows.hit(`user-${i}`, 0);
    expect(windows.size).toBe(50);
    windows.hit('late', 5_000);
    expect(windows.size).toBe(1);
  });

  it('keeps at most `maxKeys` keys, dropping the oldest', () => {
    const windows = new AttemptWindows(1, 60_000, 10);
    for (let i = 0; i < 100; i += 1) windows.hit(`user-${i}`, i);
    expect(windows.size).toBe(10);
    expect(windows.hit('user-99', 200).allowed).toBe(false);
  });
});

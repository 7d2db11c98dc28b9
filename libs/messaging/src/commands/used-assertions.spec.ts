import { UsedAssertions } from './used-assertions';

describe('UsedAssertions', () => {
  it('admits a message id once while its deadline has not passed', () => {
    let now = 1_000;
    const used = new UsedAssertions(() => now);
    expect(used.use('a', 2_000)).toBe(true);
    expect(used.use('a', 2_000)).toBe(false);
    now = 1_999;
    expect(used.use('a', 2_000)).toBe(false);
  });

  it('forgets ids whose deadline has passed, so the set stays as small as the window', () => {
    let now = 0;
    const used = new UsedAssertions(() => now);
    for (let i = 0; i < 100; i += 1) used.use(`m${i}`, i + 10);
    expect(used.size).toBe(100);
    now = 60;
    used.use('late', 200);
    // m0..m49 expired (deadline < 60); m50 onwards and 'late' remain.
    expect(used.size).toBe(51);
  });
});

describe('UsedAssertions, with expiries out of order', () => {
  it('forgets an expired id behind a later one once the set is large', () => {
    let now = 0;
    const used = new UsedAssertions(() => now);
    used.use('long', 1_000_000);
    for (let i = 0; i < 50_001; i += 1) used.use(`m${i}`, 10);
    now = 11;
    expect(used.use('next', 100)).toBe(true);
    expect(used.size).toBe(2);
    expect(used.use('long', 1_000_000)).toBe(false);
  });
});

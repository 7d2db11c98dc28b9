import { WorkLimit, WorkLimitExceeded } from './work-limit';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('WorkLimit', () => {
  it('runs at most `concurrency` at once, queues up to `queueLength`, refuses the rest at once', async () => {
    const limit = new WorkLimit('hashing', 2, 1);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limit.load).toEqual({ running: 2, waiting: 1 });
    await expect(limit.run(async () => 'late')).rejects.toBeInstanceOf(WorkLimitExceeded);

    gates[0]!.open();
    expect(await runs[0]).toBe(0);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect(limit.load).toEqual({ running: 2, waiting: 0 });
    gates[1]!.open();
    gates[2]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of work that fails', async () => {
    const limit = new WorkLimit('hashing', 1, 0);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });
});

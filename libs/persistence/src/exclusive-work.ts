import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';

/** A stable advisory-lock key for a named piece of work: the same name gives the same lock everywhere. */
export function advisoryLockKey(name: string): number {
  let hash = 0x6270; // "bp"
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Runs `work` in one transaction, but only in the one process that gets the job's transaction-scoped
 * advisory lock; the others return null at once. Replicas share a database, so this is what lets
 * several instances of a service run the same scheduled job without doing it twice.
 */
export async function runExclusively<T>(
  orm: MikroORM,
  job: string,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T | null> {
  const em = orm.em.fork() as EntityManager;
  return em.transactional(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }[]>(
      'select pg_try_advisory_xact_lock(?) as locked',
      [advisoryLockKey(job)],
    );
    return lock?.locked ? work(tx) : null;
  });
}

/** Repeats a task every `intervalMs`, never twice at once in this process; `stop` waits for a running one. */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start({ immediately = false } = {}): void {
    if (immediately) this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running ??= this.task()
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn(`${this.name} failed: ${String(error)}`),
      )
      .finally(() => (this.running = undefined));
  }
}

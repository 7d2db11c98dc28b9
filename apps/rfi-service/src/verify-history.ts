import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mikroOrmOptions } from '@bp/persistence';
import { loadRfiServiceSettings } from './config/rfi-service-settings';
import { ormConfig } from './infrastructure/persistence/orm-config';
import { HistoryChainQuery } from './infrastructure/persistence/history-chain.query';

const BATCH = 500;

/**
 * Checks the hash chain of every RFI's history (history-chain.migration.ts) and prints each RFI
 * whose chain does not hold, with its first broken line; exits 1 if any. Read-only: safe beside
 * running services.
 */
async function verifyAll(): Promise<{ checked: number; broken: number }> {
  const settings = loadRfiServiceSettings();
  const orm = await MikroORM.init<PostgreSqlDriver>(mikroOrmOptions(ormConfig(settings.database)));
  const query = new HistoryChainQuery();
  let checked = 0;
  let broken = 0;
  try {
    for (let after: string | null = null; ; ) {
      const em = orm.em.fork() as EntityManager;
      const ids = await query.rfisAfter(em, after, BATCH);
      if (!ids.length) break;
      for (const id of ids) {
        const verdict = await query.verify(em, id);
        checked += 1;
        if (verdict.firstBroken) {
          broken += 1;
          const { seq, position, reason } = verdict.firstBroken;
          process.stdout.write(
            `${id}: ${reason} at line ${seq}${position === null ? '' : ` (rfi_history.id ${position})`} of ${verdict.lines}\n`,
          );
        }
      }
      after = ids.at(-1)!;
    }
    return { checked, broken };
  } finally {
    await orm.close(true);
  }
}

verifyAll().then(
  ({ checked, broken }) => {
    process.stdout.write(
      `rfi-service: ${checked} RFI histories checked, ${broken} with a broken chain\n`,
    );
    if (broken) process.exitCode = 1;
  },
  (error: unknown) => {
    process.stderr.write(`rfi-service: checking the histories failed: ${String(error)}\n`);
    process.exitCode = 2;
  },
);

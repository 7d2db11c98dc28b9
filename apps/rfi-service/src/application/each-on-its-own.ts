import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { runExclusively } from '@bp/persistence';

/**
 * Runs `work` for each id in a transaction of its own, summing what each answers: one that fails
 * costs only its own change (logged; the next pass tries it again), and a user's command on a
 * request waits for that request alone. For the service's passes over many requests.
 */
async function eachOnItsOwn(
  orm: MikroORM,
  ids: readonly string[],
  work: (tx: EntityManager, id: string) => Promise<number>,
  logger: Logger,
  failed: (id: string) => string,
): Promise<number> {
  let done = 0;
  for (const id of ids)
    try {
      done += await (orm.em.fork() as EntityManager).transactional((tx) => work(tx, id));
    } catch (error) {
      logger.error(`${failed(id)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  return done;
}

/**
 * A pass over many requests: one instance at a time picks the ids (under the `lock`), then each is
 * worked on in a transaction of its own (eachOnItsOwn), where the work checks again what it needs.
 */
export async function pickThenEachOnItsOwn(
  orm: MikroORM,
  pick: { lock: string; ids: (tx: EntityManager) => Promise<string[]> },
  work: (tx: EntityManager, id: string) => Promise<number>,
  logger: Logger,
  failed: (id: string) => string,
): Promise<number> {
  const ids = await runExclusively(orm, pick.lock, pick.ids);
  return eachOnItsOwn(orm, ids ?? [], work, logger, failed);
}

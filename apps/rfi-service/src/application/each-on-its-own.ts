import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` for each id in a transaction of its own, summing what each answers: one that fails
 * costs only its own change (logged; the next pass tries it again), and a user's command on a
 * request waits for that request alone. For the service's passes over many requests.
 */
export async function eachOnItsOwn(
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

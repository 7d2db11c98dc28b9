import { EntityManager } from '@mikro-orm/postgresql';
import { RfiRepository } from '../src/infrastructure/persistence/rfi.repository';
import { Postings } from '../src/infrastructure/persistence/postings';
import { World } from './generated-rfis';

/** Postings, RFIs, their threads and histories, each written by the service's own code. */
export async function storeWorld(em: EntityManager, world: World): Promise<void> {
  const repository = new RfiRepository();
  const postings = new Postings();
  await em.transactional(async (tx) => {
    for (const posting of world.postings) {
      const dates = { startDate: '2025-09-01', endDate: '2026-12-31', endReason: null };
      await postings.apply(tx, { ...posting, ...dates }, 1);
    }
    for (const { rfi, steps, messages } of world.rfis) {
      await repository.save(tx, rfi, []);
      for (const message of messages) repository.addMessage(tx, message);
      for (const step of steps) {
        if ('changes' in step) await repository.appendHistory(tx, rfi.id, step.changes);
        else await repository.recordBodyRead(tx, rfi.id, step.read, 'question', step.at);
      }
    }
  });
}

import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AggregateRepository } from '@bp/messaging';
import { Officer } from '../../domain/officer';
import { OfficerSchema } from './officer.schema';

/** Officers are registered and read; nothing changes them, so they keep no history. */
@Injectable()
export class OfficerRepository implements AggregateRepository<Officer, never> {
  /** Held while an officer's posting is proposed, so that two proposals cannot both miss a clash. */
  lock(em: EntityManager, id: string): Promise<Officer | null> {
    return em.findOne(OfficerSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async save(em: EntityManager, officer: Officer): Promise<void> {
    em.persist(officer);
  }

  find(em: EntityManager, id: string): Promise<Officer | null> {
    return em.findOne(OfficerSchema, { id });
  }
}

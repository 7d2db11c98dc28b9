import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AggregateRepository } from '@bp/messaging';
import { CalendarDate } from '../../domain/calendar-date';
import { Deployment } from '../../domain/deployment';
import { DeploymentChange } from '../../domain/deployment-change';
import { DeploymentSchema } from './deployment.schema';

/** Postings, one row each; their history is the events the unit of work stages with them. */
@Injectable()
export class DeploymentRepository implements AggregateRepository<Deployment, DeploymentChange> {
  lock(em: EntityManager, id: string): Promise<Deployment | null> {
    return em.findOne(DeploymentSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async save(em: EntityManager, deployment: Deployment): Promise<void> {
    em.persist(deployment);
  }

  find(em: EntityManager, id: string): Promise<Deployment | null> {
    return em.findOne(DeploymentSchema, { id });
  }

  /** All postings of one officer, whatever their status: the domain decides which clash. */
  ofOfficer(em: EntityManager, officerId: string): Promise<Deployment[]> {
    return em.find(DeploymentSchema, { officerId });
  }

  /** Postings the calendar moves on `day`: approved ones that start, active ones that are over. */
  async dueOn(em: EntityManager, day: CalendarDate): Promise<string[]> {
    const due = await em.execute<{ id: string }[]>(
      `select id from deployment
       where (status = 'APPROVED' and start_date <= ?::date) or (status = 'ACTIVE' and end_date < ?::date)
       limit 500`,
      [day, day],
    );
    return due.map(({ id }) => id);
  }
}

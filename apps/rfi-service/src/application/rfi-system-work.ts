import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PRIORITIES, Priority } from '@bp/domain-kernel';
import { InformationRequest } from '../domain/information-request';
import { RfiRepository } from '../infrastructure/persistence/rfi.repository';
import { RfiSettings } from './rfi-settings';
import { RfiUnitOfWork } from '../infrastructure/persistence/rfi.unit-of-work';

/**
 * What the service changes on its own, with no caller: reminding holders of assignments due soon,
 * escalating overdue assignments and handing over an officer's work when their posting ends. Each
 * RFI changes under its row lock, so a reminder, a level or a handover is recorded and announced
 * once even with several instances.
 */
@Injectable()
export class RfiSystemWork {
  constructor(
    private readonly repository: RfiRepository,
    private readonly unitOfWork: RfiUnitOfWork,
    private readonly settings: RfiSettings,
  ) {}

  /** RFIs with an assignment due soon and not yet reminded, the soonest due first. */
  dueSoon(em: EntityManager, now: Date): Promise<string[]> {
    return this.repository.dueSoon(em, now, this.settings.dueSoonShare);
  }

  /** RFIs with an assignment whose next escalation level is due, the longest waiting first. */
  overdue(em: EntityManager, now: Date): Promise<string[]> {
    const steps = Object.fromEntries(
      PRIORITIES.map((priority) => [priority, this.settings.escalationStep(priority)]),
    ) as Record<Priority, number>;
    return this.repository.overdue(em, now, steps);
  }

  /** Reminds the holders of one RFI's assignments due soon; returns how many were reminded. */
  async remindDueSoon(em: EntityManager, rfiId: string, now: Date): Promise<number> {
    let reminded = 0;
    await this.change(em, rfiId, (rfi) => {
      reminded = rfi.remindDueSoon(now, this.settings.dueSoonShare).length;
    });
    return reminded;
  }

  /** Marks overdue assignments of one RFI and announces each new escalation level once. */
  async escalate(em: EntityManager, rfiId: string, now: Date): Promise<number> {
    let raised = 0;
    await this.change(em, rfiId, (rfi) => {
      raised = rfi.escalateOverdue(now, (priority) =>
        this.settings.escalationStep(priority),
      ).length;
    });
    return raised;
  }

  /** A posting ended: every RFI with open work of that officer hands it over, each in its history. */
  async handOverOfficerWork(
    em: EntityManager,
    officerId: string,
    postingId: string,
    now: Date,
  ): Promise<number> {
    let handed = 0;
    for (const rfiId of await this.repository.withOpenWorkUnder(em, officerId, postingId))
      await this.change(em, rfiId, (rfi) => {
        handed += rfi.handOverFromOfficer(officerId, postingId, now).length;
      });
    return handed;
  }

  private change(em: EntityManager, rfiId: string, apply: (rfi: InformationRequest) => void) {
    return this.unitOfWork.systemChange(em, rfiId, apply);
  }
}

import { Priority } from '@bp/contracts';
import { ResponseTimes } from '../domain/due-time';

/** Deployment settings of the RFI rules (README, environment variables; read in config/). */
export class RfiSettings {
  constructor(
    readonly responseTimes: ResponseTimes,
    /** An overdue assignment climbs one escalation level per this share of its response time. */
    readonly escalationStepPercent: number,
    readonly overdueScanIntervalMs: number,
    /** An open assignment's holder is reminded once it has used this share of its time (0–1). */
    readonly dueSoonShare: number,
  ) {}

  escalationStep(priority: Priority): number {
    return Math.max(1_000, (this.responseTimes[priority] * this.escalationStepPercent) / 100);
  }
}

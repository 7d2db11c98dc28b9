import { Priority } from '@bp/contracts';
import { ResponseTimes, parseResponseTimes } from '../domain/due-time';

/** Deployment settings of the RFI rules (README, environment variables). */
export class RfiSettings {
  constructor(
    readonly responseTimes: ResponseTimes,
    /** An overdue assignment climbs one escalation level per this share of its response time. */
    readonly escalationStepPercent: number,
    readonly overdueScanIntervalMs: number,
  ) {}

  static fromEnv(env = process.env): RfiSettings {
    return new RfiSettings(
      parseResponseTimes(env.RFI_RESPONSE_TIMES),
      Number(env.RFI_ESCALATION_STEP_PERCENT ?? 50),
      Number(env.RFI_OVERDUE_SCAN_INTERVAL_MS ?? 60_000),
    );
  }

  escalationStep(priority: Priority): number {
    return Math.max(1_000, (this.responseTimes[priority] * this.escalationStepPercent) / 100);
  }
}

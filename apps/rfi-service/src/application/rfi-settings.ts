import { Priority } from '@bp/contracts';
import { ResponseTimes } from '../domain/due-time';
import { DEFAULT_RETENTION, RetentionPolicy } from '../domain/retention/retention-policy';

/** Deployment settings of the RFI rules (README, environment variables; read in config/). */
export class RfiSettings {
  constructor(
    readonly responseTimes: ResponseTimes,
    /** An overdue assignment climbs one escalation level per this share of its response time. */
    readonly escalationStepPercent: number,
    readonly overdueScanIntervalMs: number,
    /** An open assignment's holder is reminded once it has used this share of its time (0–1). */
    readonly dueSoonShare: number,
    /** How long bodies are kept after a request ended (domain/retention/retention-policy.ts). */
    readonly retention: RetentionPolicy = DEFAULT_RETENTION,
  ) {}

  escalationStep(priority: Priority): number {
    return Math.max(1_000, (this.responseTimes[priority] * this.escalationStepPercent) / 100);
  }
}

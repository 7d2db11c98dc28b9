import { RfiStatus } from '@bp/domain-kernel';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/**
 * How long a request's bodies are kept after it ended, by how it ended, and for requests that
 * name a minor (the shorter of the two applies): the EU's 2023/977 directive and SIENA's rules
 * bind every record to a purpose and a period. Configured with RFI_RETENTION.
 */
export interface RetentionPolicy {
  CLOSED: number;
  REJECTED: number;
  WITHDRAWN: number;
  MINORS: number;
}
export type RetentionRule = keyof RetentionPolicy;

export const DEFAULT_RETENTION: RetentionPolicy = {
  CLOSED: 5 * YEAR,
  REJECTED: YEAR,
  WITHDRAWN: YEAR,
  MINORS: 3 * YEAR,
};

const UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: DAY, y: YEAR } as const;

/** Parses `CLOSED=5y,REJECTED=1y,MINORS=3y` (s, m, h, d or y), keeping the defaults for the rest. */
export function parseRetention(setting: string | undefined): RetentionPolicy {
  const policy = { ...DEFAULT_RETENTION };
  for (const part of (setting ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(CLOSED|REJECTED|WITHDRAWN|MINORS)=([1-9]\d{0,5})(s|m|h|d|y)$/.exec(part);
    if (!match) throw new Error(`Invalid retention period "${part}" (expected e.g. CLOSED=5y)`);
    policy[match[1] as RetentionRule] = Number(match[2]) * UNITS[match[3] as keyof typeof UNITS];
  }
  return policy;
}

export interface Retention {
  endsAt: Date;
  rule: RetentionRule;
}

const ENDINGS: Partial<Record<RfiStatus, RetentionRule>> = {
  CLOSED: 'CLOSED',
  REJECTED: 'REJECTED',
  WITHDRAWN: 'WITHDRAWN',
};

/**
 * When a request's bodies are to be deleted: from the moment it ended (closed, rejected or
 * withdrawn), by the rule of its ending or, where it names a minor, the minors' rule if shorter.
 * An open request has none yet.
 */
export function retentionOf(
  rfi: { status: RfiStatus; closedAt: Date | null },
  namesMinor: boolean,
  policy: RetentionPolicy,
): Retention | null {
  const ending = ENDINGS[rfi.status];
  if (!ending || !rfi.closedAt) return null;
  const rule: RetentionRule = namesMinor && policy.MINORS < policy[ending] ? 'MINORS' : ending;
  return { endsAt: new Date(rfi.closedAt.getTime() + policy[rule]), rule };
}

/** Who may hold a request's deletion: its requesting party and the secretariat, one hold each. */
export type HoldHolder = 'REQUESTER' | 'SECRETARIAT';
export const HOLD_HOLDERS: readonly HoldHolder[] = ['REQUESTER', 'SECRETARIAT'];

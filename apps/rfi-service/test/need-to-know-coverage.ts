import { RFI_STATUSES } from '@bp/domain-kernel';
import { InformationRequest } from '../src/domain/information-request';
import { HistoryEntry } from '../src/domain/history-visibility';
import { Relation } from '../src/domain/need-to-know';
import { World } from './generated-rfis';

const ACTIONS = ['ROUTED', 'ACKNOWLEDGED', 'RESPONDED', 'DECLINED', 'CLARIFICATION_REQUESTED'];
const MORE_ACTIONS = [
  'CLARIFIED',
  'NOTE_ADDED',
  'DUE_SOON',
  'OVERDUE',
  'HANDED_OVER',
  'WITHDRAWN',
  'CLOSED',
];

/**
 * How often each case that need to know tells apart occurs in a generated world: a comparison over
 * a world without, say, handed-over assignments or officers seeing a request between their
 * parties would agree without proving anything about them.
 */
export function coverageOf(
  world: World,
  stored: { rfi: InformationRequest; history: HistoryEntry[] }[],
  views: ({ relation: Relation; assignmentIds: string[] } | null)[],
): Record<string, number> {
  const rfis = stored.map((s) => s.rfi);
  const assignments = rfis.flatMap((rfi) => rfi.assignments);
  const lines = stored.flatMap((s) => s.history);
  const count = <T>(items: readonly T[], predicate: (item: T) => boolean) =>
    items.filter(predicate).length;
  const ended = new Set<string | null>(
    world.postings.filter((p) => p.status === 'ENDED').map((p) => p.deploymentId),
  );
  const handedOver = new Set(
    lines.filter((l) => l.action === 'HANDED_OVER').map((l) => l.assignmentId),
  );
  const tally = (prefix: string, keys: readonly (string | number)[], of: (key: never) => number) =>
    Object.fromEntries(keys.map((key) => [`${prefix}${key}`, of(key as never)]));
  return {
    ...tally('status ', RFI_STATUSES, (status) => count(rfis, (r) => r.status === status)),
    'withdrawn unsent': count(rfis, (r) => r.status === 'WITHDRAWN' && r.submittedAt === null),
    ...tally('channel ', ['BILATERAL', 'MULTILATERAL'], (c) => count(rfis, (r) => r.channel === c)),
    ...tally('access ', ['FULL', 'METADATA_ONLY'], (a) =>
      count(rfis, (r) => r.secretariatAccess === a),
    ),
    ...tally('assignments: ', [0, 1, 2, 3], (n) => count(rfis, (r) => r.assignments.length === n)),
    'assignments: 4 or more': count(rfis, (r) => r.assignments.length >= 4),
    'officers assigned': count(assignments, (a) => a.officerId !== null),
    'officers assigned on a posting now ended': count(
      assignments,
      (a) => a.officerId !== null && ended.has(a.postingId),
    ),
    'handed over to the focal point': count(
      assignments,
      (a) => handedOver.has(a.id) && a.officerId === null,
    ),
    'handed over by declining': count(
      assignments,
      (a) => handedOver.has(a.id) && a.status === 'DECLINED',
    ),
    forwarded: count(stored, (s) => count(s.history, (l) => l.action === 'ROUTED') > 1),
    ...tally('lines ', [...ACTIONS, ...MORE_ACTIONS], (action) =>
      count(lines, (l) => l.action === action),
    ),
    'lines BODY_READ': world.rfis.flatMap((r) => r.steps).filter((step) => 'read' in step).length,
    'histories with a clock out of order': count(stored, (s) =>
      s.history.some((line, i) => i > 0 && line.at < s.history[i - 1]!.at),
    ),
    ...tally('pairs ', ['REQUESTER', 'RECIPIENT', 'OFFICER', 'SECRETARIAT'], (relation) =>
      count(views, (v) => v?.relation === relation),
    ),
    'pairs OFFICER between their parties only': count(
      views,
      (v) => v?.relation === 'OFFICER' && !v.assignmentIds.length,
    ),
    'pairs hidden': count(views, (v) => v === null),
  };
}

import {
  AssignmentRecord,
  applyFact,
  isOpen,
  isOverdue,
  newAssignmentRecord,
  timeToAcknowledgeMs,
  timeToRespondMs,
} from './assignment-record';

const HOUR = 3_600_000;
const t0 = new Date('2026-11-02T08:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

const assigned = (): AssignmentRecord =>
  newAssignmentRecord({
    assignmentId: 'a1',
    rfiId: 'r1',
    requesterParty: 'PAK',
    recipientParty: 'SRB',
    viaOfficer: false,
    priority: 'NORMAL',
    topics: ['DOCUMENT_FRAUD'],
    assignedAt: t0,
    dueAt: at(72),
  });

describe('an assignment as the reporting model keeps it', () => {
  it('times acknowledgement and response from the assignment', () => {
    let record = applyFact(assigned(), { kind: 'ACKNOWLEDGED', at: at(2) });
    record = applyFact(record, { kind: 'RESPONDED', at: at(30), dueAt: at(72) });
    expect(timeToAcknowledgeMs(record)).toBe(2 * HOUR);
    expect(timeToRespondMs(record)).toBe(30 * HOUR);
    expect(record.respondedOnTime).toBe(true);
    expect(isOpen(record)).toBe(false);
  });

  it('takes a response for an acknowledgement too, and only the first of each', () => {
    let record = applyFact(assigned(), { kind: 'RESPONDED', at: at(5), dueAt: at(72) });
    record = applyFact(record, { kind: 'ACKNOWLEDGED', at: at(6) });
    record = applyFact(record, { kind: 'RESPONDED', at: at(80), dueAt: at(72) });
    expect(record).toMatchObject({ acknowledgedAt: at(5), respondedAt: at(5) });
    expect(record.respondedOnTime).toBe(true);
  });

  it('takes the time the clock stood for a clarification out of the time to respond', () => {
    let record = applyFact(assigned(), { kind: 'CLOCK_STOPPED', at: at(10), dueAt: at(72) });
    expect(isOverdue(record, at(100))).toBe(false);
    record = applyFact(record, { kind: 'CLOCK_RESUMED', at: at(34), dueAt: at(96) });
    record = applyFact(record, { kind: 'RESPONDED', at: at(90), dueAt: at(96) });
    expect(timeToRespondMs(record)).toBe(66 * HOUR);
    expect(record.respondedOnTime).toBe(true);
  });

  it('counts a response after the due time as late, and an open one past it as overdue', () => {
    const open = assigned();
    expect(isOverdue(open, at(71))).toBe(false);
    expect(isOverdue(open, at(73))).toBe(true);
    const late = applyFact(open, { kind: 'RESPONDED', at: at(80), dueAt: at(72) });
    expect(late.respondedOnTime).toBe(false);
    expect(isOverdue(late, at(100))).toBe(false);
  });

  it('keeps the highest escalation level, and ends with a refusal or the request closing', () => {
    let record = applyFact(assigned(), { kind: 'ESCALATED', at: at(73), level: 2 });
    record = applyFact(record, { kind: 'ESCALATED', at: at(74), level: 1 });
    expect(record.escalationLevel).toBe(2);
    const declined = applyFact(record, { kind: 'DECLINED', at: at(75) });
    expect(isOpen(declined)).toBe(false);
    expect(declined.respondedOnTime).toBeNull();
    const closed = applyFact(record, { kind: 'CLOSED', at: at(76) });
    expect(isOpen(closed)).toBe(false);
    expect(applyFact(closed, { kind: 'CLOSED', at: at(90) }).closedAt).toEqual(at(76));
  });

  it('passes an officer-held assignment to the party on a handover', () => {
    const held = { ...assigned(), viaOfficer: true };
    expect(applyFact(held, { kind: 'HANDED_TO_FOCAL_POINT', at: at(3) }).viaOfficer).toBe(false);
  });
});

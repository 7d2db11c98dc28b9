import { Client } from 'pg';
import { DATABASE_URL, apps, eventually } from './support/test-env';
import { allPages, as } from './support/api';
import { RfiBody, fileRfi } from './support/rfi-fixtures';

jest.setTimeout(180_000);

// The test profile gives NORMAL requests 2 s to answer and escalates every 1 s (50 %).
describe('overdue assignments with two rfi-service instances running', () => {
  beforeAll(async () => {
    await apps.start('rfi-service', 'rfi-service@2');
    await apps.start('gateway');
  });
  afterAll(() => apps.release('gateway', 'rfi-service', 'rfi-service@2'));

  /** Escalation levels announced for one assignment (a request may also reach officers on post). */
  async function overdueEvents(rfiId: string, assignmentId: string): Promise<number[]> {
    const client = new Client({
      connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/bp_rfi_test'),
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ level: number }>(
        `select (envelope->'data'->>'escalationLevel')::int as level from outbox_message
         where message_key = $1 and event_type = 'rfi.overdue'
           and envelope->'data'->'assignment'->>'assignmentId' = $2 order by position`,
        [rfiId, assignmentId],
      );
      return rows.map((row) => row.level);
    } finally {
      await client.end();
    }
  }

  it('marks the assignment overdue and announces each escalation level exactly once', async () => {
    const rfi = await fileRfi('fp-pak', { priority: 'NORMAL' });
    const overdue = await eventually(
      'the assignment to be overdue',
      async () => {
        const read = await as<RfiBody & { assignments: { escalationLevel: number }[] }>(
          'fp-pak',
          'GET',
          `/rfis/${rfi.id}`,
        );
        return read.body.assignments[0]!.escalationLevel === 3 ? read.body : undefined;
      },
      30_000,
      300,
    );
    expect(overdue.assignments[0]!.overdue).toBe(true);
    const listed = await as<{ items: { id: string; overdue: boolean }[] }>(
      'fp-srb',
      'GET',
      '/rfis?overdue=true&limit=100',
    );
    expect(listed.body.items.find((i) => i.id === rfi.id)?.overdue).toBe(true);
    // Both instances scan every 300 ms; give them time to announce a level twice if they could.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await overdueEvents(rfi.id, rfi.assignments[0]!.id)).toEqual([1, 2, 3]);
    // The polling above read the RFI many times: the history runs over several pages.
    const history = await allPages<{ action: string; assignmentId: string | null }>(
      'fp-pak',
      `/rfis/${rfi.id}/history`,
    );
    const ofFocalPoint = history.filter(
      (e) => e.action === 'OVERDUE' && e.assignmentId === rfi.assignments[0]!.id,
    );
    expect(ofFocalPoint).toHaveLength(3);
  });

  it('does not escalate an assignment whose clock is paused for a clarification', async () => {
    const rfi = await fileRfi('fp-pak', { priority: 'NORMAL' });
    await as('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
      json: { kind: 'CLARIFICATION_REQUEST', body: 'Which case?', handlingCode: 'H0' },
    });
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const read = await as<{
      assignments: { escalationLevel: number; overdue: boolean; clockPaused: boolean }[];
    }>('fp-pak', 'GET', `/rfis/${rfi.id}`);
    expect(read.body.assignments[0]).toMatchObject({
      escalationLevel: 0,
      overdue: false,
      clockPaused: true,
    });
    expect(await overdueEvents(rfi.id, rfi.assignments[0]!.id)).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { Topics } from '@bp/contracts';
import { SERVICE_PORTS, apps, eventually, sleep } from './support/test-env';
import { RfiBody, fileRfi } from './support/rfi-fixtures';
import { Notification, inbox } from './support/notification-fixtures';
import { eventsApplied, partitionsByMember } from './support/consumer-group';

jest.setTimeout(180_000);

// NORMAL requests fall due in 10 s here: the holder is reminded at half the time (5 s), and the
// ladder climbs every 5 s after the due time (escalation step 50 %): levels at 10, 15 and 20 s. The
// first notification-service stops once level 1 is told; a step shorter than its stop took let it
// tell every level before it went, and left the second nothing to take over.
const RFI_SETTINGS = {
  RFI_RESPONSE_TIMES: 'NORMAL=10s',
  RFI_DUE_SOON_SHARE: '0.5',
  RFI_OVERDUE_SCAN_INTERVAL_MS: '300',
};
const CONSUMER = 'notification-service.events';
const FIRST = SERVICE_PORTS['notification-service'];
/** notification-service@2 listens 10 above the first (infra/scripts/apps.mjs). */
const SECOND = FIRST + 10;

/** A notification as a short label: its kind, and its level on the ladder. */
const label = (n: Notification) =>
  n.kind === 'RFI_OVERDUE' ? `RFI_OVERDUE ${String(n.details.escalationLevel)}` : n.kind;

/** SRB's own assignment of a request (officers of PAK posted in SRB may hold others). */
const ownOf = (rfi: RfiBody) =>
  rfi.assignments.find(
    (a) => a.recipientParty === 'SRB' && !(a as { officerId?: string | null }).officerId,
  )!;

describe('due soon and every overdue level, told once each to the right people, with two instances of the rfi-service and of the notification-service', () => {
  beforeAll(async () => {
    // Two scanners as well: the reminder and each level are decided once whichever instance scans.
    await apps.startWith(RFI_SETTINGS, 'rfi-service', 'rfi-service@2');
    await apps.start('notification-service', 'notification-service@2');
    await apps.start('gateway');
  });
  afterAll(() =>
    apps.release(
      'gateway',
      'rfi-service',
      'rfi-service@2',
      'notification-service',
      'notification-service@2',
    ),
  );

  const filed: RfiBody[] = [];

  /** Per filed request, what the user was told of SRB's own assignment, as sorted labels. */
  async function told(user: string): Promise<string[][]> {
    const items = await inbox(user);
    return filed.map((rfi) =>
      items
        .filter((n) => n.subject.id === rfi.id && n.details.assignmentId === ownOf(rfi).id)
        .map(label)
        .sort(),
    );
  }

  it('has both instances in one consumer group, each owning partitions of the rfi events', async () => {
    const owned = await eventually(
      'both instances to own partitions',
      async () => {
        const members = await partitionsByMember(CONSUMER, Topics.rfiEvents);
        return members?.length === 2 && members.every((p) => p.length > 0) ? members : undefined;
      },
      60_000,
      500,
    );
    // Between them they own every partition, none twice.
    expect(owned.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reminds the recipient once when a request has used its share of time, both instances handling events', async () => {
    const before = [await eventsApplied(FIRST, CONSUMER), await eventsApplied(SECOND, CONSUMER)];
    let applied = [0, 0];
    // Request ids spread over the partitions: file until each instance has applied some of their
    // events (a batch of four nearly always does; four batches bound it).
    for (let batch = 0; batch < 4 && !applied.every((n) => n > 0); batch++) {
      for (let i = 0; i < 4; i++)
        filed.push(
          await fileRfi('fp-pak', { priority: 'NORMAL', title: `Due soon ${randomUUID()}` }),
        );
      await eventually('every routing in SRB inbox', async () =>
        (await told('fp-srb')).every((labels) => labels.includes('RFI_ROUTED')),
      );
      applied = [
        (await eventsApplied(FIRST, CONSUMER)) - before[0]!,
        (await eventsApplied(SECOND, CONSUMER)) - before[1]!,
      ];
    }
    expect(applied[0]).toBeGreaterThan(0);
    expect(applied[1]).toBeGreaterThan(0);

    await eventually(
      'a reminder of every request',
      async () => (await told('fp-srb')).every((labels) => labels.includes('RFI_DUE_SOON')),
      30_000,
      300,
    );
    const reminders = (await told('fp-srb')).map((labels) =>
      labels.filter((l) => l === 'RFI_DUE_SOON'),
    );
    expect(reminders).toEqual(filed.map(() => ['RFI_DUE_SOON']));
    const [reminder] = (await inbox('fp-srb', '?kind=RFI_DUE_SOON')).filter(
      (n) => n.subject.id === filed[0]!.id && n.details.assignmentId === ownOf(filed[0]!).id,
    );
    expect(reminder).toMatchObject({
      subject: { type: 'rfi', id: filed[0]!.id, reference: filed[0]!.reference },
      details: { assignmentId: ownOf(filed[0]!).id, dueAt: ownOf(filed[0]!).dueAt },
    });
  });

  it('climbs the ladder once per level, also across the first instance stopping mid-way', async () => {
    await eventually(
      'level 1 of every request',
      async () => (await told('fp-srb')).every((labels) => labels.includes('RFI_OVERDUE 1')),
      60_000,
      300,
    );
    // Stop the first instance while the ladder climbs: its partitions pass to the second, which
    // must tell the remaining levels, each once, whatever the first had in hand.
    await apps.stop('notification-service');
    const stoppedAt = new Date();
    const secondBefore = await eventsApplied(SECOND, CONSUMER);
    await eventually(
      'level 3 of every request',
      async () => (await told('secretariat')).every((labels) => labels.length > 0),
      90_000,
      500,
    );
    await sleep(1_500); // time for a level to be told twice, were it possible
    // Reads too may meet the rebalance the stop started (a 504 while the command topic's partitions
    // move to the second instance): a client retries them, and so does this test.
    const settled = <T>(what: string, read: () => Promise<T>) =>
      eventually(what, read, 30_000, 500);
    // The second instance alone told what came after the stop: at least the last levels.
    expect(await eventsApplied(SECOND, CONSUMER)).toBeGreaterThan(secondBefore);
    const toldAfterStop = (
      await settled("the secretariat's overdue notifications", () =>
        inbox('secretariat', '?kind=RFI_OVERDUE'),
      )
    ).filter(
      (n) => filed.some((rfi) => rfi.id === n.subject.id) && new Date(n.createdAt) > stoppedAt,
    );
    expect(toldAfterStop.length).toBeGreaterThan(0);

    // The holder (SRB's focal points, also the recipient party at level 2), then the secretariat.
    expect(await settled("SRB's inbox", () => told('fp-srb'))).toEqual(
      filed.map(() => ['RFI_DUE_SOON', 'RFI_OVERDUE 1', 'RFI_OVERDUE 2', 'RFI_ROUTED']),
    );
    expect(await settled("the secretariat's inbox", () => told('secretariat'))).toEqual(
      filed.map(() => ['RFI_OVERDUE 3']),
    );
    // The requester is told nothing of the recipient's clock.
    expect(await settled("PAK's inbox", () => told('fp-pak'))).toEqual(filed.map(() => []));
    // An unrelated party: nothing of these requests, not even a reference or a title.
    const hungary = JSON.stringify(await settled("HUN's inbox", () => inbox('fp-hun')));
    for (const rfi of filed) {
      expect(hungary).not.toContain(rfi.id);
      expect(hungary).not.toContain(rfi.reference);
    }
    expect(hungary).not.toContain('Due soon ');
  });
});

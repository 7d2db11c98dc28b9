import { AssignerProtocol } from 'kafkajs';
import { http } from './http';
import { testKafka } from './kafka-fixtures';

/**
 * The partitions of `topic` each member of a consumer group owns, as the broker says (one list per
 * member); undefined while the group is rebalancing.
 */
export async function partitionsByMember(
  groupId: string,
  topic: string,
): Promise<number[][] | undefined> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const {
      groups: [group],
    } = await admin.describeGroups([groupId]);
    if (group?.state !== 'Stable') return undefined;
    return group.members.map(
      (member) =>
        AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[topic] ?? [],
    );
  } finally {
    await admin.disconnect();
  }
}

/** How many events one service instance's consumer applied since it started (its /metrics). */
export async function eventsApplied(port: number, consumer: string): Promise<number> {
  const metrics = await http<string>(`http://127.0.0.1:${port}/metrics`);
  if (metrics.status !== 200) throw new Error(`metrics on :${port} answered ${metrics.status}`);
  return metrics.body
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('bp_events_consumed_total{') &&
        line.includes(`consumer="${consumer}"`) &&
        line.includes('outcome="applied"'),
    )
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

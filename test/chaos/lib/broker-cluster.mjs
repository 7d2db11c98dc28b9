// What the chaos run's cluster faults need to know of a local Kafka cluster (`--cluster`): which
// node leads the most partitions, which leads the KRaft quorum (the active controller), and when
// every partition is led and fully in sync again. Read with the admin's client and the nodes' logs.
import fs from 'node:fs';
import path from 'node:path';
import kafkajs from 'kafkajs';
import { kafkaClient, kafkaNodes } from '../../../infra/scripts/lib/kafka.mjs';
import { sleep } from '../../../infra/scripts/lib/processes.mjs';

async function withAdmin(settings, work) {
  const admin = new kafkajs.Kafka({
    ...kafkaClient(settings, 'bp-chaos-cluster'),
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    // KafkaJS tries the seed brokers in their order, the next one on a retry: a node is down.
    retry: { retries: settings.kafka.nodes, initialRetryTime: 100 },
  }).admin();
  try {
    await admin.connect();
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Every partition of every topic: its leader (-1 when none), and whether all its replicas are in
 * sync. Undefined while the cluster does not answer.
 */
export async function partitions(settings) {
  try {
    return await withAdmin(settings, async (admin) => {
      const { topics } = await admin.fetchTopicMetadata();
      return topics.flatMap((topic) =>
        topic.partitions.map((p) => ({
          topic: topic.name,
          partition: p.partitionId,
          leader: p.leader,
          inSync: p.isr.length === p.replicas.length,
        })),
      );
    });
  } catch {
    return undefined;
  }
}

/** The node that leads the most partitions now, and how many it leads. */
export async function busiestLeader(settings) {
  const all = (await partitions(settings)) ?? [];
  const counts = new Map();
  for (const p of all) counts.set(p.leader, (counts.get(p.leader) ?? 0) + 1);
  const [id, led] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  return { node: kafkaNodes(settings).find((node) => node.id === id), led, of: all.length };
}

/**
 * The node leading the KRaft quorum: the one whose log says it became leader at the highest epoch
 * (org.apache.kafka.raft.QuorumState, infra/kafka/log4j2.properties). KafkaJS has no
 * DescribeQuorum, and DescribeCluster names a random broker in KRaft.
 */
export function activeController(settings) {
  let best;
  for (const node of kafkaNodes(settings)) {
    const log = path.join(node.stateDir, 'logs', 'server.log');
    if (!fs.existsSync(log)) continue;
    for (const match of fs
      .readFileSync(log, 'utf8')
      .matchAll(/Completed transition to Leader\(.*?epoch=(\d+)/g)) {
      const epoch = Number(match[1]);
      if (!best || epoch > best.epoch) best = { node, epoch };
    }
  }
  return best;
}

/** Polls until `check` answers true; resolves with the milliseconds it took. */
export async function timeUntil(what, check, timeoutMs = 120_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
  return Date.now() - started;
}

/** Every partition led by a node other than `nodeId`. */
export async function ledWithout(settings, nodeId) {
  const all = await partitions(settings);
  return !!all && all.every((p) => p.leader !== -1 && p.leader !== nodeId);
}

/** Every partition led, every replica in sync. */
export async function fullyInSync(settings) {
  const all = await partitions(settings);
  return !!all && all.every((p) => p.leader !== -1 && p.inSync);
}

/** A new quorum leader, other than `nodeId`, at a later epoch than `epoch`. */
export function newController(settings, nodeId, epoch) {
  const now = activeController(settings);
  return !!now && now.node.id !== nodeId && now.epoch > epoch;
}

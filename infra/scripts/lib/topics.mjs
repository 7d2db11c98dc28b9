// Creates every topic of libs/contracts (KAFKA_TOPOLOGY) with its partition count and settings,
// before any service subscribes: auto-creation is off, so a missing topic fails loudly.
import path from 'node:path';
import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';
import { ROOT } from './settings.mjs';
import { step } from './log.mjs';
import { kafkaClient } from './kafka.mjs';
import { sleep } from './processes.mjs';

const require = createRequire(import.meta.url);

export function kafkaTopology() {
  return require(path.join(ROOT, 'dist/libs/contracts/src/kafka/topics.js')).KAFKA_TOPOLOGY;
}

export function kafkaPrincipals() {
  return require(path.join(ROOT, 'dist/libs/contracts/src/kafka/access.js')).KAFKA_PRINCIPALS;
}

export async function ensureTopics(settings, topology = kafkaTopology()) {
  const kafka = new kafkajs.Kafka({
    ...kafkaClient(settings, 'bp-infra-topics'),
    logLevel: kafkajs.logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topology.filter((spec) => !existing.has(spec.topic));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.numPartitions,
          replicationFactor: settings.kafka.replicationFactor,
          configEntries: spec.configEntries ?? [],
        })),
      });
      await leadersOf(
        admin,
        missing.map((spec) => spec.topic),
      );
    }
    const present = topology.filter((spec) => existing.has(spec.topic));
    if (present.length) {
      const metadata = await admin.fetchTopicMetadata({
        topics: present.map((spec) => spec.topic),
      });
      // Never grown here: a key's partition is its hash modulo the count, so more partitions move
      // keys, and an aggregate's next events could be read before its earlier ones on the old
      // partition. docs/CAPACITY.md, "Changing a topic's partitions", says how to move safely.
      const fewer = present
        .map((spec) => ({
          spec,
          current: metadata.topics.find((t) => t.name === spec.topic)?.partitions.length ?? 0,
        }))
        .filter(({ spec, current }) => current < spec.numPartitions);
      if (fewer.length)
        throw new Error(
          `${fewer.map(({ spec, current }) => `${spec.topic} has ${current} partitions, the contracts ${spec.numPartitions}`).join('; ')}: ` +
            "growing a keyed topic in place can reorder an aggregate's events, so it is refused. " +
            'Follow docs/CAPACITY.md, "Changing a topic\'s partitions".',
        );
    }
    const aligned = await alignTopicConfigs(admin, present);
    step(
      `Kafka topics ready (${topology.length}, ${missing.length} created` +
        `${aligned.length ? `, settings of ${aligned.join(', ')} brought in line` : ''})`,
    );
  } finally {
    await admin.disconnect();
  }
}

/** What a broker answers for a topic the controller has made but whose news has not reached it. */
const NOT_YET_KNOWN = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
const LEADERS_WITHIN_MS = 60_000;

/**
 * Waits until every partition of `topics` has a leader. KafkaJS's own wait (`waitForLeaders`)
 * retries only LEADER_NOT_AVAILABLE, but on a cluster of several nodes the broker it asks may not
 * know a topic made a moment ago and answers UNKNOWN_TOPIC_OR_PARTITION: a fresh three-node
 * cluster's start failed on that once (CI, session 19).
 */
async function leadersOf(admin, topics) {
  const deadline = Date.now() + LEADERS_WITHIN_MS;
  for (;;) {
    let waiting = topics;
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      waiting = topics.filter((topic) => {
        const found = metadata.topics.find((t) => t.name === topic);
        return !found?.partitions.length || found.partitions.some((p) => p.leader < 0);
      });
      if (!waiting.length) return;
    } catch (error) {
      // KafkaJS may have retried it already and wrapped it: the protocol error is the cause.
      if (!NOT_YET_KNOWN.has(error.type ?? error.cause?.type)) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Kafka topics without a leader ${LEADERS_WITHIN_MS / 1000} s after they were made: ${waiting.join(', ')}`,
      );
    await sleep(200);
  }
}

/**
 * Gives a topic that exists the settings its spec names (a topic made before the spec said to keep
 * its events for good, say). Only the names a spec sets are compared, and a topic whose spec sets
 * none is left as it is. Kafka's AlterConfigs (the one KafkaJS has) replaces a topic's whole set
 * of overrides, so the ones the spec does not name are sent again as they are (an operator's
 * min.insync.replicas stays). Returns the topics changed.
 */
async function alignTopicConfigs(admin, specs) {
  const configured = specs.filter((spec) => spec.configEntries?.length);
  if (!configured.length) return [];
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: configured.map((spec) => ({
      type: kafkajs.ConfigResourceTypes.TOPIC,
      name: spec.topic,
    })),
  });
  const overridesOf = (topic) =>
    (resources.find((resource) => resource.resourceName === topic)?.configEntries ?? []).filter(
      (entry) => entry.configSource === kafkajs.ConfigSource.TOPIC_CONFIG,
    );
  const differing = configured.filter((spec) => {
    const overrides = overridesOf(spec.topic);
    return spec.configEntries.some(
      (entry) => overrides.find((c) => c.configName === entry.name)?.configValue !== entry.value,
    );
  });
  if (differing.length)
    await admin.alterConfigs({
      validateOnly: false,
      resources: differing.map((spec) => ({
        type: kafkajs.ConfigResourceTypes.TOPIC,
        name: spec.topic,
        configEntries: [
          ...overridesOf(spec.topic)
            .filter((entry) => !spec.configEntries.some((e) => e.name === entry.configName))
            .map((entry) => ({ name: entry.configName, value: entry.configValue })),
          ...spec.configEntries,
        ],
      })),
    });
  return differing.map((spec) => spec.topic);
}

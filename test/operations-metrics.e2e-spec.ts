import { randomUUID } from 'node:crypto';
import { Admin, Producer } from 'kafkajs';
import { Topics, deadLetterTopic } from '@bp/contracts';
import { retainedMessages } from '@bp/messaging';
import { as } from './support/api';
import { testKafka } from './support/kafka-fixtures';
import { sample, scrape } from './support/metrics';
import { GATEWAY_METRICS_PORT, SERVICE_PORTS, apps, eventually } from './support/test-env';

jest.setTimeout(240_000);

/** Two rfi-service instances: one holds the outbox relay's lock, the other waits on standby. */
const RFI_INSTANCES = [SERVICE_PORTS['rfi-service'], SERVICE_PORTS['rfi-service'] + 10];
const SERVICE = { service: 'rfi-service' };
// The gauges refresh every 10 s; the first reading comes at start.
const GAUGE_WAIT_MS = 60_000;

/** A metric's value on an instance once it has the series; fails if it never appears. */
function reported(port: number, name: string, labels: Record<string, string>) {
  return eventually(
    `${name} ${JSON.stringify(labels)} on :${port}`,
    async () => sample(await scrape(port), name, labels),
    GAUGE_WAIT_MS,
    500,
  );
}

describe('metrics that show trouble before users do (real processes, broker and databases)', () => {
  const kafka = testKafka();
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    await apps.start('rfi-service', 'rfi-service@2');
    await apps.start('gateway');
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
    await apps.release('gateway', 'rfi-service', 'rfi-service@2');
  });

  it('times gateway answers under the route pattern, never the id in the URL', async () => {
    const id = randomUUID();
    const answer = await as('secretariat', 'GET', `/rfis/${id}?view=full`);
    const metrics = await scrape(GATEWAY_METRICS_PORT);
    expect(
      sample(metrics, 'bp_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/rfis/:id',
        status: String(answer.status),
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(metrics).not.toContain(id);
  });

  it('reports the outbox from every instance, the standby as well as the active relay', async () => {
    for (const port of RFI_INSTANCES) {
      expect(await reported(port, 'bp_outbox_backlog', SERVICE)).toBeGreaterThanOrEqual(0);
      expect(await reported(port, 'bp_outbox_oldest_age_seconds', SERVICE)).toBeGreaterThanOrEqual(
        0,
      );
      expect(await reported(port, 'bp_outbox_parked_events', SERVICE)).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports the lag of its command and event consumer groups on every partition', async () => {
    const groups = [
      { group: 'rfi-service-server', topic: Topics.rfiCommands },
      { group: 'rfi-service.events', topic: Topics.deploymentEvents },
    ];
    // The names are the groups the service's consumers really join: Kafka answers offsets of -1
    // for a group that does not exist, which would read as a lag of 0.
    const { groups: described } = await admin.describeGroups(groups.map(({ group }) => group));
    for (const { members } of described) expect(members.length).toBeGreaterThanOrEqual(1);
    for (const { group, topic } of groups)
      for (const { partition } of await admin.fetchTopicOffsets(topic))
        expect(
          await reported(RFI_INSTANCES[0]!, 'bp_consumer_lag', {
            group,
            topic,
            partition: String(partition),
          }),
        ).toBeGreaterThanOrEqual(0);
  });

  it('counts a record it dead-lettered in the depth of the dead-letter topic, on every instance', async () => {
    const dlq = deadLetterTopic(Topics.deploymentEvents);
    const before = retainedMessages(await admin.fetchTopicOffsets(dlq));
    await producer.send({
      topic: Topics.deploymentEvents,
      messages: [{ key: randomUUID(), value: 'not an event' }],
    });

    // Each running service that consumes the topic parks a copy of its own, some later than
    // others: every instance's gauge must come to the depth the topic has at that moment.
    const depthNow = async () => retainedMessages(await admin.fetchTopicOffsets(dlq));
    for (const port of RFI_INSTANCES)
      await eventually(
        `the dead-letter depth on :${port}`,
        async () => {
          const [gauge, depth] = [
            sample(await scrape(port), 'bp_dead_letter_depth', { topic: dlq }),
            await depthNow(),
          ];
          return depth > before && gauge === depth;
        },
        GAUGE_WAIT_MS,
        500,
      );
  });
});

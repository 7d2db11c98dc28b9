import { KAFKA_TOPOLOGY, Topics, deadLetterTopic, replyTopic } from './topics';
import { SERVICES } from './services';

describe('Kafka topology', () => {
  const names = KAFKA_TOPOLOGY.map((spec) => spec.topic);

  it('declares every topic once', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives each service a command topic with its reply topic, and an event topic with its dead-letter topic', () => {
    for (const service of Object.values(SERVICES)) {
      expect(names).toEqual(
        expect.arrayContaining([service.commandTopic, replyTopic(service.commandTopic)]),
      );
      expect(names).toEqual(
        expect.arrayContaining([service.eventTopic, deadLetterTopic(service.eventTopic)]),
      );
    }
  });

  it('keeps the events the projections are rebuilt from for good: every topic the reporting-service consumes', () => {
    const replayed = new Set([...SERVICES.reporting.consumes, ...SERVICES.rfi.consumes]);
    expect(replayed).toContain(Topics.deploymentEvents);
    for (const topic of replayed) {
      const spec = KAFKA_TOPOLOGY.find((candidate) => candidate.topic === topic);
      expect({ topic, entries: spec?.configEntries }).toEqual({
        topic,
        entries: expect.arrayContaining([{ name: 'retention.ms', value: '-1' }]),
      });
    }
  });

  it('reads replies from a single partition, which every gateway instance consumes whole', () => {
    for (const service of Object.values(SERVICES)) {
      expect(
        KAFKA_TOPOLOGY.find((spec) => spec.topic === replyTopic(service.commandTopic))
          ?.numPartitions,
      ).toBe(1);
    }
  });
});

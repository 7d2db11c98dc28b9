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

  it('keeps deployment events for good, so the RFI projection can be rebuilt by replay', () => {
    const spec = KAFKA_TOPOLOGY.find((candidate) => candidate.topic === Topics.deploymentEvents);
    expect(spec?.configEntries).toContainEqual({ name: 'retention.ms', value: '-1' });
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

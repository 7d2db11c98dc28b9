import { GATEWAY_PRINCIPAL, KAFKA_PRINCIPALS, KafkaPrincipal } from './access';
import { SERVICES } from './services';
import { KAFKA_TOPOLOGY, Topics, deadLetterTopic, replyTopic } from './topics';

const principal = (name: string): KafkaPrincipal => {
  const found = KAFKA_PRINCIPALS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no principal ${name}`);
  return found;
};
const topicsWith = (who: KafkaPrincipal, operation: 'READ' | 'WRITE') =>
  who.grants
    .filter((grant) => grant.resource === 'TOPIC' && grant.operations.includes(operation))
    .map((grant) => grant.name)
    .sort();

describe('Kafka access policy', () => {
  const eventTopics = Object.values(SERVICES).map((service) => service.eventTopic);

  it('has one principal per app and names only topics of the topology', () => {
    expect(KAFKA_PRINCIPALS.map((p) => p.name).sort()).toEqual(
      [GATEWAY_PRINCIPAL, ...Object.values(SERVICES).map((service) => service.name)].sort(),
    );
    const known = new Set(KAFKA_TOPOLOGY.map((spec) => spec.topic));
    for (const who of KAFKA_PRINCIPALS)
      for (const grant of who.grants.filter((g) => g.resource === 'TOPIC'))
        expect(known.has(grant.name)).toBe(true);
    expect(KAFKA_PRINCIPALS.flatMap((p) => p.grants).some((g) => g.name === '*')).toBe(false);
  });

  it('lets the gateway write commands and read replies, and of the event topics only notifications', () => {
    const gateway = principal(GATEWAY_PRINCIPAL);
    const services = Object.values(SERVICES);
    expect(topicsWith(gateway, 'WRITE')).toEqual(services.map((s) => s.commandTopic).sort());
    expect(topicsWith(gateway, 'READ')).toEqual(
      [...services.map((s) => replyTopic(s.commandTopic)), Topics.notificationEvents].sort(),
    );
  });

  it('lets each service write its own event topic and no other', () => {
    for (const service of Object.values(SERVICES)) {
      const writes = topicsWith(principal(service.name), 'WRITE');
      expect(writes.filter((topic) => eventTopics.includes(topic as never))).toEqual([
        service.eventTopic,
      ]);
      expect(writes).toContain(replyTopic(service.commandTopic));
      expect(writes).not.toContain(service.commandTopic);
    }
  });

  it('lets a service read its own commands and the events it consumes, and park those it cannot apply', () => {
    const rfi = principal(SERVICES.rfi.name);
    expect(topicsWith(rfi, 'READ')).toEqual(
      [Topics.deploymentEvents, Topics.knowledgeExchangeEvents, Topics.rfiCommands].sort(),
    );
    expect(topicsWith(rfi, 'WRITE')).toContain(deadLetterTopic(Topics.deploymentEvents));
    expect(topicsWith(principal(SERVICES.deployment.name), 'READ')).toEqual([
      Topics.deploymentCommands,
    ]);
  });
});

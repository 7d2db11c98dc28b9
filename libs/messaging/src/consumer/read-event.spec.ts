import { randomUUID } from 'node:crypto';
import { DeploymentEvents, EVENT_CATALOG, Topics } from '@bp/contracts';
import { deploymentEvent } from '../../../../test/support/kafka-fixtures';
import { readEvent } from './read-event';

/** A deployment-service event as it writes it, with envelope fields overridden (or spoiled). */
function deploymentProposed(overrides: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({ ...deploymentEvent(randomUUID()), ...overrides }));
}

describe('reading an event from a service topic', () => {
  it("takes the topic owner's event of that topic", () => {
    const read = readEvent(deploymentProposed(), EVENT_CATALOG, Topics.deploymentEvents);
    expect(read.ok).toBe(true);
  });

  it('refuses an event that claims another source than the topic owner', () => {
    const read = readEvent(
      deploymentProposed({ source: 'rfi-service' }),
      EVENT_CATALOG,
      Topics.deploymentEvents,
    );
    expect(read).toEqual({
      ok: false,
      reason: `Events on ${Topics.deploymentEvents} come from deployment-service only`,
    });
  });

  it("refuses another service's event type on a topic it does not belong to", () => {
    const wrongTopic = readEvent(
      deploymentProposed({ source: 'rfi-service', type: DeploymentEvents.proposed.type }),
      EVENT_CATALOG,
      Topics.rfiEvents,
    );
    expect(wrongTopic).toEqual({
      ok: false,
      reason: `${DeploymentEvents.proposed.type} does not belong on ${Topics.rfiEvents}`,
    });
  });

  // Issue 13: "consumers refuse events with fields they do not know (forbidNonWhitelisted)".
  it('consumers no longer refuse events with fields they do not know: takes an event carrying fields this consumer does not know yet', () => {
    const event = deploymentEvent(randomUUID(), { alsoAddedLater: 'data field' });
    const sent = { ...event, addedLater: 'envelope field' };
    const read = readEvent(
      Buffer.from(JSON.stringify(sent)),
      EVENT_CATALOG,
      Topics.deploymentEvents,
    );
    if (!read.ok) throw new Error(read.reason);
    expect(read.envelope).not.toHaveProperty('addedLater');
    expect(read.envelope.data).toMatchObject({ officerId: sent.data.officerId });
  });

  it('says an event of a newer version than this consumer reads is newer, rather than misread it', () => {
    const read = readEvent(
      deploymentProposed({ version: DeploymentEvents.proposed.version + 1 }),
      EVENT_CATALOG,
      Topics.deploymentEvents,
    );
    expect(read).toEqual({
      ok: false,
      reason:
        `${DeploymentEvents.proposed.type} version ${DeploymentEvents.proposed.version + 1} is ` +
        `newer than this consumer reads (${DeploymentEvents.proposed.version})`,
      newer: true,
    });
  });
});

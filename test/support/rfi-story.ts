import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { RfiEvents, Topics } from '@bp/contracts';

/** One request's story as the rfi-service would tell it on bp.rfi.events, with chosen times. */
export class Story {
  readonly rfiId = randomUUID();
  readonly assignmentId = randomUUID();
  private version = 0;
  readonly events: object[] = [];

  /** `at`: the time of a moment given in hours, as the story's own clock counts them. */
  constructor(
    private readonly at: (hours: number) => Date,
    private readonly requester: string,
    private readonly recipient: string,
    private readonly topics: string[],
    private readonly officerId: string | null = null,
  ) {}

  private event(type: string, hours: number, extra: object = {}) {
    this.version += 1;
    this.events.push({
      id: randomUUID(),
      type,
      version: 1,
      source: 'rfi-service',
      subject: this.rfiId,
      subjectVersion: this.version,
      occurredAt: this.at(hours).toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: null,
      data: {
        rfiId: this.rfiId,
        reference: `RFI-STAT-${this.rfiId.slice(0, 8)}`,
        requesterParty: this.requester,
        priority: 'NORMAL',
        channel: 'BILATERAL',
        recipientParties: this.officerId ? [] : [this.recipient],
        topics: this.topics,
        ...extra,
      },
    });
    return this;
  }

  private assignment(dueHours: number) {
    return {
      assignmentId: this.assignmentId,
      recipientParty: this.recipient,
      officerId: this.officerId,
      dueAt: this.at(dueHours).toISOString(),
    };
  }

  routed(hours: number, dueHours: number) {
    this.event(RfiEvents.submitted.type, hours);
    return this.event(RfiEvents.routed.type, hours, { assignments: [this.assignment(dueHours)] });
  }
  on(type: string, hours: number, dueHours: number, extra: object = {}) {
    return this.event(type, hours, { assignment: this.assignment(dueHours), ...extra });
  }
  clarified(hours: number, dueHours: number) {
    return this.event(RfiEvents.clarified.type, hours, {
      assignments: [this.assignment(dueHours)],
    });
  }
}

/** Tells the stories on bp.rfi.events, each keyed by its request as the rfi-service keys it. */
export async function tellStories(producer: Producer, stories: readonly Story[]): Promise<void> {
  for (const story of stories)
    await producer.send({
      topic: Topics.rfiEvents,
      messages: story.events.map((event) => ({ key: story.rfiId, value: JSON.stringify(event) })),
    });
}

import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EventEnvelopeDto } from '../envelope/event-envelope';
import { MessageHeaders } from '../kafka/headers';
import { SERVICES } from '../kafka/services';
import { EVENT_CATALOG } from './catalog';
import { EventDefinition } from './event-catalog';

// The event topics as AsyncAPI 3.0, for national systems that consume them (issue 16). Made from
// the catalogue producers and consumers validate against, so the document cannot drift from what
// travels: every event type, its topic, its envelope and its data class.

type Schema = Record<string, unknown>;

const SCHEMA_PREFIX = '#/components/schemas/';

/** How the document's producer is named and versioned. */
export interface AsyncApiInfo {
  version: string;
  /** host:port of the broker a consumer connects to. */
  broker: string;
}

export function asyncApiDocument(info: AsyncApiInfo): Schema {
  const definitions = EVENT_CATALOG.types().map((type) => EVENT_CATALOG.get(type));
  const schemas = schemasFor([
    EventEnvelopeDto.name,
    ...definitions.map((definition) => definition.payload.name),
  ]);
  const services = Object.values(SERVICES);
  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  const messages: Record<string, Schema> = {};
  for (const service of services) {
    const own = definitions.filter((definition) => definition.topic === service.eventTopic);
    if (!own.length) continue;
    const channel = channelId(service.key);
    channels[channel] = {
      address: service.eventTopic,
      title: `Events of the ${service.name}`,
      description:
        `Written by the ${service.name} through its outbox, keyed by the aggregate's id: one ` +
        "aggregate's events are in order on one partition. A consumer may see an event twice " +
        '(at-least-once): the envelope `id` tells a repeat.',
      messages: Object.fromEntries(
        own.map((definition) => [
          messageId(definition),
          { $ref: `#/components/messages/${messageId(definition)}` },
        ]),
      ),
    };
    operations[`receive-${channel}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      title: `Consume ${service.eventTopic}`,
      summary: `What a consumer of ${service.eventTopic} receives.`,
      messages: own.map((definition) => ({
        $ref: `#/channels/${channel}/messages/${messageId(definition)}`,
      })),
    };
    for (const definition of own) messages[messageId(definition)] = message(definition);
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Budapest Process cooperation channel: events',
      version: info.version,
      description:
        'The integration events of the cooperation channel. Each carries routing metadata only ' +
        '(ids, codes, parties, dates), never a question, an answer or a file: those stay behind ' +
        "the API's need to know. Read access to a topic is granted per principal by the broker.",
    },
    defaultContentType: 'application/json',
    servers: {
      broker: {
        host: info.broker,
        protocol: 'kafka',
        description: 'SASL/SCRAM-SHA-512 on every listener; one principal per consumer.',
        security: [{ $ref: '#/components/securitySchemes/scram' }],
      },
    },
    channels,
    operations,
    components: {
      messages,
      schemas,
      securitySchemes: {
        scram: { type: 'scramSha512', description: 'A principal the operators created for you.' },
      },
    },
  };
}

function channelId(serviceKey: string): string {
  return `${serviceKey}-events`;
}

function messageId(definition: EventDefinition): string {
  return `${definition.type}.v${definition.version}`;
}

function message(definition: EventDefinition): Schema {
  return {
    name: definition.type,
    title: `${definition.type}, version ${definition.version}`,
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        [MessageHeaders.correlationId]: { type: 'string', maxLength: 128 },
        [MessageHeaders.eventType]: { type: 'string', const: definition.type },
        [MessageHeaders.causationId]: { type: 'string', maxLength: 128 },
        // Set when the event was caused by a request (docs/OBSERVABILITY.md). It links the
        // event to that request as x-correlation-id already does, and no further.
        traceparent: {
          type: 'string',
          pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
          maxLength: 55,
          description:
            'W3C trace context of the request that caused the event: a consumer that traces may ' +
            'continue it or link to it',
        },
      },
      required: [MessageHeaders.correlationId, MessageHeaders.eventType],
    },
    payload: {
      allOf: [
        { $ref: `${SCHEMA_PREFIX}${EventEnvelopeDto.name}` },
        {
          type: 'object',
          properties: {
            type: { const: definition.type },
            version: { const: definition.version },
            data: { $ref: `${SCHEMA_PREFIX}${definition.payload.name}` },
          },
        },
      ],
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: "the aggregate's id" },
        bindingVersion: '0.5.0',
      },
    },
  };
}

/** The JSON Schemas of these classes and of every class they refer to, none else. */
function schemasFor(roots: string[]): Record<string, Schema> {
  const all = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: SCHEMA_PREFIX,
  }) as Record<string, Schema>;
  const wanted: Record<string, Schema> = {};
  const visit = (name: string): void => {
    if (wanted[name]) return;
    const schema = all[name];
    if (!schema) throw new Error(`No schema for ${name}: is it a class-validator class?`);
    wanted[name] = schema;
    for (const ref of JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      visit(ref[1]!);
  };
  for (const root of roots) visit(root);
  return wanted;
}

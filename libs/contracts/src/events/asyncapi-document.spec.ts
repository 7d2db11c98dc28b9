import { Parser } from '@asyncapi/parser';
import { EVENT_CATALOG } from './catalog';
import { asyncApiDocument } from './asyncapi-document';
import { SERVICES } from '../kafka/services';

const document = asyncApiDocument({ version: '0.1.0', broker: 'kafka:9092' });

describe('the AsyncAPI document of the event topics', () => {
  it('is valid AsyncAPI 3.0: the official parser finds no error', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(document));
    // Severity 0 is an error; warnings and hints are listed by the parser's own rules.
    expect(
      diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`),
    ).toEqual([]);
  });

  it('describes every event type of the catalogue on its topic, and nothing else', async () => {
    const { document: parsed } = await new Parser().parse(JSON.stringify(document));
    const described = parsed!
      .channels()
      .all()
      .flatMap((channel) =>
        channel
          .messages()
          .all()
          .map((message) => `${channel.address()} ${message.name()}`),
      )
      .sort();
    const catalogued = EVENT_CATALOG.types()
      .map((type) => `${EVENT_CATALOG.get(type).topic} ${type}`)
      .sort();
    expect(described).toEqual(catalogued);
    const addresses = parsed!
      .channels()
      .all()
      .map((channel) => channel.address());
    expect(addresses.every((address) => address?.match(/^bp\.[a-z-]+\.events$/))).toBe(true);
    expect(addresses.sort()).toEqual(
      [...new Set(Object.values(SERVICES).map((s) => s.eventTopic))]
        .filter((topic) => EVENT_CATALOG.types().some((t) => EVENT_CATALOG.get(t).topic === topic))
        .sort(),
    );
  });

  it("gives each event's data the constraints its class checks", () => {
    const schemas = (
      document.components as {
        schemas: Record<string, { properties?: object; required?: string[] }>;
      }
    ).schemas;
    const submitted = EVENT_CATALOG.get('rfi.submitted').payload.name;
    expect(schemas[submitted]?.properties).toMatchObject({
      rfiId: { type: 'string', format: 'uuid' },
      priority: { enum: expect.arrayContaining(['URGENT']) },
    });
    expect(schemas[submitted]?.required).toEqual(expect.arrayContaining(['rfiId', 'reference']));
    expect(schemas.EventEnvelopeDto?.required).toEqual(
      expect.arrayContaining(['id', 'type', 'version', 'occurredAt', 'data']),
    );
  });
});

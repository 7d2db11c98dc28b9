import { ClassConstructor } from 'class-transformer';
import { KnowledgeExchangeEventData } from '../knowledge-exchange/knowledge-exchange-events';
import { RfiEventData } from '../rfi/rfi-events';
import { readPlain } from '../validation';

const rfi = {
  rfiId: '3f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21',
  reference: 'RFI-2026-7KQ2M9XA',
  requesterParty: 'PAK',
  priority: 'HIGH',
};
const exchange = {
  exchangeId: '3f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21',
  kind: 'NEED',
  type: 'STUDY_VISIT',
  ownerParty: 'AUT',
  partnerParty: null,
  status: 'OPEN',
};

describe("an event's topics, as a consumer reads them", () => {
  const events: [string, ClassConstructor<object>, object][] = [
    ['RFI', RfiEventData, rfi],
    ['knowledge exchange', KnowledgeExchangeEventData, exchange],
  ];
  it.each(events)(
    '%s: takes none or a list of distinct codes, and refuses anything else',
    (_, type, base) => {
      expect(readPlain(type, base).ok).toBe(true);
      expect(readPlain(type, { ...base, topics: ['ASYLUM', 'DOCUMENT_FRAUD'] }).ok).toBe(true);
      for (const topics of [
        'ASYLUM',
        ['ASYLUM', 'ASYLUM'],
        ['asylum'],
        Array.from({ length: 9 }, (_, i) => `TOPIC_${'X'.repeat(i + 1)}`),
      ])
        expect([topics, readPlain(type, { ...base, topics }).ok]).toEqual([topics, false]);
    },
  );

  it('takes an exchange rating of 1 to 5 only', () => {
    expect(readPlain(KnowledgeExchangeEventData, { ...exchange, rating: 5 }).ok).toBe(true);
    for (const rating of [0, 6, 4.5, '4'])
      expect([rating, readPlain(KnowledgeExchangeEventData, { ...exchange, rating }).ok]).toEqual([
        rating,
        false,
      ]);
  });
});

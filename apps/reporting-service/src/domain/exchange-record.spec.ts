import { NEW_EXCHANGE, exchangeAfter } from './exchange-record';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const step = (
  status: string,
  day: number,
  extra: Partial<Parameters<typeof exchangeAfter>[1]> = {},
) => ({ status, at: at(day), posted: false, offerReceived: false, ...extra });

describe('a knowledge exchange as the reporting model keeps it', () => {
  it('keeps the first moment of each stage, counts offers and takes the rating on completion', () => {
    let record = exchangeAfter(NEW_EXCHANGE, step('OPEN', 1, { posted: true }));
    record = exchangeAfter(record, step('OPEN', 2, { offerReceived: true }));
    record = exchangeAfter(record, step('OPEN', 3, { offerReceived: true }));
    record = exchangeAfter(record, step('MATCHED', 4));
    record = exchangeAfter(record, step('SCHEDULED', 5));
    record = exchangeAfter(record, step('COMPLETED', 9, { rating: 4 }));
    expect(record).toEqual({
      postedAt: at(1),
      matchedAt: at(4),
      completedAt: at(9),
      cancelledAt: null,
      offersReceived: 2,
      rating: 4,
    });
  });

  it('ends with a cancellation, unmatched', () => {
    let record = exchangeAfter(NEW_EXCHANGE, step('OPEN', 1, { posted: true }));
    record = exchangeAfter(record, step('CANCELLED', 2));
    expect(record).toMatchObject({ matchedAt: null, cancelledAt: at(2), completedAt: null });
  });
});

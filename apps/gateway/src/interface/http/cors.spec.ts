import { corsPolicy } from './cors';

describe('the CORS policy', () => {
  it('is none at all when no origin is listed: no answer lets another origin read it', () => {
    expect(corsPolicy([])).toBeUndefined();
  });

  it('allows exactly the listed origins, without credentials (tokens are never cookies)', () => {
    const policy = corsPolicy(['https://rfi.mup.gov.rs']);
    expect(policy).toMatchObject({ origin: ['https://rfi.mup.gov.rs'], credentials: false });
  });

  it('lets a listed page send the headers the API reads and read the ones it answers with', () => {
    const policy = corsPolicy(['https://rfi.mup.gov.rs'])!;
    expect(policy.allowedHeaders).toEqual(
      expect.arrayContaining(['authorization', 'idempotency-key', 'if-match', 'last-event-id']),
    );
    expect(policy.exposedHeaders).toEqual(
      expect.arrayContaining(['etag', 'location', 'ratelimit', 'retry-after']),
    );
  });
});

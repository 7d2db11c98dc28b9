/* Examples of what the knowledge exchange routes answer, for the API documentation. */

const EXCHANGE_EXAMPLE = {
  id: '0f8e2d4c-6b1a-4c3e-9d7f-2a5b8c1e4d60',
  kind: 'NEED',
  ownerParty: 'MKD',
  type: 'STUDY_VISIT',
  topics: ['REINTEGRATION'],
  title: 'Study visit on reintegration referral systems',
  description:
    'We would like to see how returnees are referred to health, psycho-social and job services.',
  format: 'IN_PERSON',
  preferredFrom: '2026-09-01',
  preferredTo: '2026-10-31',
  status: 'SCHEDULED',
  offers: [
    {
      id: '5c3d…',
      party: 'AUT',
      description: 'We host in Vienna',
      proposedFrom: '2026-09-14',
      proposedTo: '2026-09-16',
      status: 'ACCEPTED',
      createdAt: '2026-06-03T10:00:00.000Z',
    },
  ],
  partnerParty: 'AUT',
  matchedOfferId: '5c3d…',
  matchedOfferExchangeId: null,
  schedule: { startsOn: '2026-09-14', endsOn: '2026-09-16', location: 'Vienna', online: false },
  outcome: null,
  cancelReason: null,
  createdAt: '2026-06-01T08:00:00.000Z',
  updatedAt: '2026-06-10T09:00:00.000Z',
  version: 4,
};
const KNOWLEDGE_BASE_EXAMPLE = {
  items: [
    {
      id: EXCHANGE_EXAMPLE.id,
      title: EXCHANGE_EXAMPLE.title,
      type: 'STUDY_VISIT',
      topics: ['REINTEGRATION'],
      parties: ['MKD', 'AUT'],
      outcomeSummary:
        'The delegation saw the one-stop referral desk and the digital case file at work.',
      lessonsLearned: ['One case manager per returnee from arrival'],
      rating: 5,
      completedAt: '2026-09-17T08:00:00.000Z',
      score: 0.61,
    },
  ],
  nextCursor: null,
};

export const KNOWLEDGE_EXCHANGE_ROUTE_EXAMPLES = {
  post: {
    ...EXCHANGE_EXAMPLE,
    status: 'OPEN',
    offers: [],
    partnerParty: null,
    matchedOfferId: null,
    schedule: null,
    version: 1,
  },
  list: { items: [EXCHANGE_EXAMPLE], nextCursor: null },
  get: EXCHANGE_EXAMPLE,
  offer: { ...EXCHANGE_EXAMPLE, status: 'OPEN' },
  match: { ...EXCHANGE_EXAMPLE, status: 'MATCHED', schedule: null },
  schedule: EXCHANGE_EXAMPLE,
  complete: { ...EXCHANGE_EXAMPLE, status: 'COMPLETED' },
  cancel: {
    ...EXCHANGE_EXAMPLE,
    status: 'CANCELLED',
    cancelReason: 'The visit cannot take place this year',
  },
  knowledgeBase: KNOWLEDGE_BASE_EXAMPLE,
};

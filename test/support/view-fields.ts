/**
 * The fields of each view of the deployment and knowledge-exchange answers (sorted), as the
 * README's access table describes them: what the OWASP API1 and API3 suites hold answers to.
 */
export const OFFICER_SHARED = [
  'agency',
  'contactWithheld',
  'createdAt',
  'expertise',
  'fullName',
  'id',
  'languages',
  'sendingParty',
];
export const OFFICER_CONTACT = ['email', 'phone', 'rank'];

export const POSTING_SHARED = [
  'activatedAt',
  'cancelledAt',
  'decidedAt',
  'endDate',
  'endReason',
  'endedAt',
  'hostParty',
  'id',
  'mandateTopics',
  'officerId',
  'postingCity',
  'proposedAt',
  'sendingParty',
  'startDate',
  'status',
  'version',
];
export const POSTING_DETAILS = [
  'cancelReason',
  'extensions',
  'note',
  'recallReason',
  'refusalReason',
];

export const EXCHANGE_SHARED = [
  'createdAt',
  'description',
  'format',
  'id',
  'kind',
  'outcome',
  'ownerParty',
  'preferredFrom',
  'preferredTo',
  'status',
  'title',
  'topics',
  'type',
  'updatedAt',
  'version',
];
export const EXCHANGE_PARTIES = [
  'cancelReason',
  'matchedOfferExchangeId',
  'matchedOfferId',
  'offers',
  'partnerParty',
  'schedule',
];
export const OFFER = [
  'createdAt',
  'description',
  'id',
  'party',
  'proposedFrom',
  'proposedTo',
  'status',
];
export const OUTCOME_SHARED = ['completedAt', 'lessonsLearned', 'rating', 'summary'];
export const KNOWLEDGE_BASE_ITEM = [
  'completedAt',
  'id',
  'lessonsLearned',
  'outcomeSummary',
  'parties',
  'rating',
  'score',
  'title',
  'topics',
  'type',
];

export const keys = (value: unknown) => Object.keys(value as object).sort();
export const sorted = (...lists: string[][]) => lists.flat().sort();

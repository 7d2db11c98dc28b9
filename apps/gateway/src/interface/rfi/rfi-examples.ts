/** Example answers for the OpenAPI document, as the API gives them. */
const ASSIGNMENT = {
  id: 'f7ac390b-514e-4e77-bde5-1eb09cd61f77',
  recipientParty: 'SRB',
  officerId: null,
  status: 'ACKNOWLEDGED',
  assignedAt: '2026-05-19T09:00:00.000Z',
  dueAt: '2026-05-19T17:00:00.000Z',
  overdue: false,
  clockPaused: false,
  acknowledgedAt: '2026-05-19T09:40:00.000Z',
  respondedAt: null,
  declinedAt: null,
  declineReason: null,
  escalationLevel: 0,
};

/** A report attached to Serbia's response, as its author and the requester see it. */
export const ATTACHMENT_EXAMPLE = {
  id: '5b0f1c39-6d8e-4a41-9a3e-0c2d7f4e8b21',
  rfiId: '8417e5d1-3bf8-41f8-b008-3ff6156cf8c0',
  messageId: '0c9d8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
  messageKind: 'RESPONSE',
  filename: 'report-facilitators.pdf',
  size: 2483117,
  contentType: 'application/pdf',
  sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
  handlingCode: 'H1',
  uploadedByParty: 'SRB',
  uploadedAt: '2026-05-19T15:02:11.000Z',
  contentWithheld: false,
};

export const ENTITY_EXAMPLE = {
  id: '2f4c6e8a-0b1d-4c3e-9f5a-7b9d1e3f5a7c',
  rfiId: '8417e5d1-3bf8-41f8-b008-3ff6156cf8c0',
  messageId: null,
  messageKind: null,
  type: 'PERSON',
  handlingCode: 'H2',
  values: {
    names: ['Горан Ђорђевић', 'Goran Djordjevic'],
    dateOfBirth: '1979-04-12',
    nationality: 'SRB',
    role: 'FACILITATOR',
    minor: false,
  },
  valuesWithheld: false,
  addedByParty: 'PAK',
  addedAt: '2026-05-12T08:20:00.000Z',
};

const LINK_BASICS = {
  id: '6e1f3a5c-7b9d-4e2f-8a4c-6e8a0c2e4f6a',
  entityTypes: ['PERSON', 'PHONE'],
  foundAt: '2026-05-12T08:21:00.000Z',
  askedAt: '2026-05-12T10:02:00.000Z',
};
const OVERSEEN_LINK_EXAMPLE = {
  ...LINK_BASICS,
  status: 'ASKED',
  decidedAt: null,
  requests: [
    { id: '8417e5d1-3bf8-41f8-b008-3ff6156cf8c0', reference: 'RFI-2026-7KQ2M9XA', consent: true },
    { id: '1c3e5a7b-9d2f-4b6a-8c0e-3f5a7c9e1b2d', reference: 'RFI-2026-Q4W8E2RT', consent: null },
  ],
};
const REQUESTER_LINK_EXAMPLE = {
  ...LINK_BASICS,
  status: 'LINKED',
  decidedAt: '2026-05-13T07:45:00.000Z',
  yourConsent: true,
  linkedRequest: { id: '1c3e5a7b-9d2f-4b6a-8c0e-3f5a7c9e1b2d', reference: 'RFI-2026-Q4W8E2RT' },
};

const RETENTION_EXAMPLE = {
  endsAt: '2031-06-01T14:00:00.000Z',
  rule: 'CLOSED',
  holds: [
    {
      holder: 'SECRETARIAT',
      reason: 'Criminal proceedings opened in Vienna, case 12 St 45/26',
      placedAt: '2026-06-03T08:00:00.000Z',
    },
  ],
  deletedAt: null,
};

export const RFI_EXAMPLE = {
  id: '8417e5d1-3bf8-41f8-b008-3ff6156cf8c0',
  reference: 'RFI-2026-7KQ2M9XA',
  requesterParty: 'PAK',
  title: 'Facilitators of a smuggling network on the Silk Routes',
  question: 'Do you hold information on the three facilitators named in the annex?',
  bodyWithheld: false,
  topics: ['SMUGGLING_OF_MIGRANTS', 'DOCUMENT_FRAUD'],
  priority: 'URGENT',
  channel: 'BILATERAL',
  targetParties: ['SRB'],
  handlingCode: 'H2',
  handlingNote: null,
  secretariatAccess: 'METADATA_ONLY',
  language: 'en',
  status: 'ROUTED',
  createdAt: '2026-05-19T09:00:00.000Z',
  updatedAt: '2026-05-19T09:40:00.000Z',
  submittedAt: '2026-05-19T09:00:00.000Z',
  routedAt: '2026-05-19T09:00:00.000Z',
  closedAt: null,
  outcome: null,
  rejectionReason: null,
  withdrawalReason: null,
  version: 4,
  assignments: [ASSIGNMENT],
};

export const RFI_LIST_EXAMPLE = {
  items: [
    {
      id: RFI_EXAMPLE.id,
      reference: RFI_EXAMPLE.reference,
      title: RFI_EXAMPLE.title,
      requesterParty: 'PAK',
      status: 'ROUTED',
      priority: 'URGENT',
      channel: 'BILATERAL',
      topics: RFI_EXAMPLE.topics,
      createdAt: RFI_EXAMPLE.createdAt,
      updatedAt: RFI_EXAMPLE.updatedAt,
      overdue: false,
    },
  ],
  nextCursor:
    'WyIyMDI2LTA1LTE5VDA5OjAwOjAwLjAwMFoiLCI4NDE3ZTVkMS0zYmY4LTQxZjgtYjAwOC0zZmY2MTU2Y2Y4YzAiXQ',
};

const MESSAGE = {
  id: 'efcb10fa-11ce-4db6-991e-33fa8b045ba6',
  kind: 'RESPONSE',
  assignmentId: ASSIGNMENT.id,
  author: { party: 'SRB', role: 'focal_point' },
  body: 'Two of the three are known to us; see the attached report.',
  bodyWithheld: false,
  handlingCode: 'H1',
  handlingNote: null,
  grading: { sourceReliability: 'B', accuracy: 2 },
  releasability: 'REQUESTER',
  postedAt: '2026-05-19T11:15:00.000Z',
};

export const MESSAGES_EXAMPLE = { items: [MESSAGE] };

export const POSTED_MESSAGE_EXAMPLE = {
  id: MESSAGE.id,
  rfiId: RFI_EXAMPLE.id,
  kind: 'RESPONSE',
  assignmentId: ASSIGNMENT.id,
  postedAt: MESSAGE.postedAt,
};

export const HISTORY_EXAMPLE = {
  items: [
    {
      at: '2026-05-19T09:00:00.000Z',
      action: 'SUBMITTED',
      actor: { userId: '0b9c…', username: 'fp-pak', role: 'focal_point', party: 'PAK' },
      assignmentId: null,
      details: { channel: 'BILATERAL' },
    },
    {
      at: '2026-05-19T09:40:00.000Z',
      action: 'ACKNOWLEDGED',
      actor: { userId: '5d1e…', username: 'fp-srb', role: 'focal_point', party: 'SRB' },
      assignmentId: ASSIGNMENT.id,
      details: { recipientParty: 'SRB' },
    },
    {
      at: '2026-05-19T17:01:00.000Z',
      action: 'OVERDUE',
      actor: null,
      assignmentId: ASSIGNMENT.id,
      details: { escalationLevel: 1, recipientParty: 'SRB' },
    },
  ],
};

export const COMPILATION_EXAMPLE = {
  rfiId: RFI_EXAMPLE.id,
  reference: RFI_EXAMPLE.reference,
  status: 'ROUTED',
  recipients: [{ ...ASSIGNMENT, status: 'RESPONDED', responses: [MESSAGE] }],
};

export const SIMILAR_EXAMPLE = {
  items: [
    {
      ...RFI_LIST_EXAMPLE.items[0],
      reference: 'RFI-2026-3FD8Q1WC',
      sharedTopics: ['SMUGGLING_OF_MIGRANTS'],
      sharedEntityTypes: ['PERSON', 'DOCUMENT'],
    },
  ],
  knowledgeExchanges: [
    {
      id: '7d9f1b3e-5a7c-4e9a-8b1d-3f5a7c9e1b3d',
      title: 'Case study: a network forging Schengen visas',
      type: 'CASE_STUDY',
      kind: 'NEED',
      topics: ['DOCUMENT_FRAUD', 'SMUGGLING_OF_MIGRANTS'],
      ownerParty: 'ALB',
      partnerParty: 'AUT',
      rating: 4,
      completedAt: '2026-03-20T16:00:00.000Z',
      sharedTopics: ['SMUGGLING_OF_MIGRANTS'],
    },
  ],
};

const ok = (status: string) => ({ ...RFI_EXAMPLE, status });

/** What each RFI route answers on success, for the API documentation. */
export const RFI_ROUTE_EXAMPLES = {
  create: RFI_EXAMPLE,
  list: RFI_LIST_EXAMPLE,
  get: RFI_EXAMPLE,
  submit: RFI_EXAMPLE,
  route: RFI_EXAMPLE,
  reject: ok('REJECTED'),
  withdraw: ok('WITHDRAWN'),
  close: ok('CLOSED'),
  acknowledge: RFI_EXAMPLE,
  decline: RFI_EXAMPLE,
  postMessage: POSTED_MESSAGE_EXAMPLE,
  messages: MESSAGES_EXAMPLE,
  history: HISTORY_EXAMPLE,
  verifyHistory: {
    intact: false,
    lines: 7,
    firstBroken: {
      seq: 3,
      reason: 'CONTENT_CHANGED',
      at: '2026-11-27T09:14:03.120Z',
      action: 'ROUTED',
    },
  },
  compilation: COMPILATION_EXAMPLE,
  similar: SIMILAR_EXAMPLE,
  attachments: { items: [ATTACHMENT_EXAMPLE] },
  addEntities: { items: [ENTITY_EXAMPLE], suggestions: SIMILAR_EXAMPLE },
  links: { items: [REQUESTER_LINK_EXAMPLE] },
  retention: RETENTION_EXAMPLE,
  placeLegalHold: RETENTION_EXAMPLE,
  releaseLegalHold: { ...RETENTION_EXAMPLE, holds: [] },
  export: {
    exportedAt: '2026-06-02T09:00:00.000Z',
    request: RFI_EXAMPLE,
    thread: MESSAGES_EXAMPLE.items,
    history: HISTORY_EXAMPLE.items,
    entities: [ENTITY_EXAMPLE],
    attachments: [ATTACHMENT_EXAMPLE],
    links: [REQUESTER_LINK_EXAMPLE],
    retention: RETENTION_EXAMPLE,
  },
  possibleLinks: { items: [OVERSEEN_LINK_EXAMPLE], nextCursor: null },
  askLinkConsent: {
    ...OVERSEEN_LINK_EXAMPLE,
    requests: OVERSEEN_LINK_EXAMPLE.requests.map((r) => ({ ...r, consent: null })),
  },
  consentToLink: REQUESTER_LINK_EXAMPLE,
  refuseLink: {
    ...REQUESTER_LINK_EXAMPLE,
    status: 'REFUSED',
    yourConsent: false,
    linkedRequest: null,
  },
  entities: {
    items: [
      ENTITY_EXAMPLE,
      {
        ...ENTITY_EXAMPLE,
        id: '9a7c5e3b-1d2f-4a6b-8c0e-2f4a6c8e0b1d',
        messageId: '0c9d8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
        messageKind: 'RESPONSE',
        type: 'DOCUMENT',
        handlingCode: 'H1',
        values: null,
        valuesWithheld: true,
        addedByParty: 'SRB',
      },
    ],
  },
  removeAttachment: ATTACHMENT_EXAMPLE,
};

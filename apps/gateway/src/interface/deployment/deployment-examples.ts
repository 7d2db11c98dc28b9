/* Examples of what the deployment routes answer, for the API documentation. */

export const OFFICER_EXAMPLE = {
  id: '2b6c3f0e-9a0f-4c7e-9a43-7c1c4b5e8d11',
  fullName: 'Ayesha Khan',
  sendingParty: 'PAK',
  agency: 'Federal Investigation Agency',
  rank: 'Deputy Director',
  languages: ['en', 'ur'],
  expertise: ['SMUGGLING_OF_MIGRANTS'],
  createdAt: '2026-05-20T08:00:00.000Z',
  contactWithheld: false,
  email: 'a.khan@fia.example.org',
  phone: null,
};
export const DEPLOYMENT_EXAMPLE = {
  id: '6f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21',
  officerId: OFFICER_EXAMPLE.id,
  sendingParty: 'PAK',
  hostParty: 'SRB',
  postingCity: 'Belgrade',
  mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
  startDate: '2026-07-01',
  endDate: '2027-06-30',
  note: null,
  status: 'APPROVED',
  proposedAt: '2026-05-20T08:05:00.000Z',
  decidedAt: '2026-05-22T10:00:00.000Z',
  refusalReason: null,
  activatedAt: null,
  endedAt: null,
  endReason: null,
  recallReason: null,
  cancelledAt: null,
  cancelReason: null,
  extensions: [],
  version: 2,
};
const page = (item: unknown) => ({ items: [item], nextCursor: null });

const COVERAGE_EXAMPLE = {
  route: {
    code: 'SILK_ROUTES_WESTERN_BALKANS',
    name: 'Silk Routes to the Western Balkans and Central Europe',
    parties: ['AFG', 'PAK', 'IRN', 'TUR', 'BGR', 'MKD', 'SRB', 'HUN', 'AUT', 'DEU'],
  },
  pairs: [
    {
      sendingParty: 'PAK',
      hostParty: 'SRB',
      officers: [
        {
          officerId: OFFICER_EXAMPLE.id,
          fullName: 'Ayesha Khan',
          deploymentId: DEPLOYMENT_EXAMPLE.id,
          postingCity: 'Belgrade',
          endDate: '2027-06-30',
        },
      ],
    },
  ],
  uncovered: ['AFG', 'PAK', 'IRN', 'TUR', 'BGR', 'MKD', 'HUN', 'AUT', 'DEU'],
};

export const DEPLOYMENT_ROUTE_EXAMPLES = {
  registerOfficer: OFFICER_EXAMPLE,
  listOfficers: page(OFFICER_EXAMPLE),
  getOfficer: OFFICER_EXAMPLE,
  propose: { ...DEPLOYMENT_EXAMPLE, status: 'PROPOSED', decidedAt: null, version: 1 },
  list: page(DEPLOYMENT_EXAMPLE),
  get: DEPLOYMENT_EXAMPLE,
  approve: DEPLOYMENT_EXAMPLE,
  refuse: { ...DEPLOYMENT_EXAMPLE, status: 'REFUSED' },
  cancel: { ...DEPLOYMENT_EXAMPLE, status: 'CANCELLED' },
  recall: { ...DEPLOYMENT_EXAMPLE, status: 'ENDED', endReason: 'RECALLED' },
  requestExtension: DEPLOYMENT_EXAMPLE,
  approveExtension: DEPLOYMENT_EXAMPLE,
  refuseExtension: {
    ...DEPLOYMENT_EXAMPLE,
    extensions: [
      {
        id: '2b7e9c41-5d6a-4f3e-8c1b-7a9d0e4f6b52',
        requestedEndDate: '2027-12-31',
        status: 'REFUSED',
        requestedAt: '2026-06-10T09:12:00.000Z',
        decidedAt: '2026-06-12T14:40:00.000Z',
      },
    ],
    version: 4,
  },
  coverage: COVERAGE_EXAMPLE,
};

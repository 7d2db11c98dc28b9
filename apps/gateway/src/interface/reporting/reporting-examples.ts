/* Examples of what the statistics routes answer, for the API documentation. */

/** An alert as its sender's party sees it: whom it reached and who acknowledged. */
const ALERT_EXAMPLE = {
  id: '9a3e1f60-2b7c-4d8e-a5f1-3c6b0d2e7f48',
  title: 'New forged Schengen visa stickers on the Western Balkans route',
  summary:
    'Stickers with a misaligned hologram seen at three crossings since Monday; details to focal points on request.',
  severity: 'HIGH',
  senderParty: 'HUN',
  raisedAt: '2026-11-28T08:15:00.000Z',
  routes: ['SILK_ROUTES_WESTERN_BALKANS'],
  regions: ['WESTERN_BALKANS'],
  parties: [],
  addressedParties: ['SRB', 'MKD', 'ALB'],
  acknowledgements: [{ party: 'SRB', at: '2026-11-28T09:40:00.000Z' }],
  version: 1,
};

export const REPORTING_ROUTE_EXAMPLES = {
  knowledgeExchange: {
    from: '2026-01-01',
    to: '2026-11-30',
    groupBy: 'type',
    rows: [
      {
        key: 'STUDY_VISIT',
        needs: 12,
        standingOffers: 3,
        offersOnNeeds: 17,
        matched: 9,
        completed: 6,
        cancelled: 1,
        meanRating: 4.33,
      },
    ],
  },
  deployments: {
    from: '2026-09',
    to: '2026-11',
    groupBy: 'host',
    rows: [
      {
        key: 'SRB',
        officersOnPost: [
          { month: '2026-09', officers: 2 },
          { month: '2026-10', officers: 3 },
          { month: '2026-11', officers: 3 },
        ],
      },
    ],
    routePartiesWithoutOfficers: [
      { route: 'SILK_ROUTES_WESTERN_BALKANS', parties: ['AFG', 'IRN', 'BGR', 'DEU'] },
    ],
  },
  escalations: {
    byLevel: { '0': 1, '1': 4, '2': 2, '3': 1 },
    items: [
      {
        rfiId: '3f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21',
        reference: 'RFI-2026-7KQ2M9XA',
        assignmentId: '7a9d2e4c-1b3f-4c5d-8e6f-9a0b1c2d3e4f',
        requesterParty: 'PAK',
        recipientParty: 'SRB',
        heldByOfficer: false,
        priority: 'HIGH',
        topics: ['SMUGGLING_OF_MIGRANTS'],
        level: 3,
        dueAt: '2026-11-20T17:00:00.000Z',
        hoursLate: 172.5,
      },
    ],
    nextCursor: null,
  },
  responseHealth: {
    from: '2026-01-01',
    to: '2026-11-30',
    groupBy: 'party',
    percentiles: 'exact',
    rows: [
      {
        key: 'SRB',
        filed: 41,
        received: 57,
        acknowledged: 55,
        responded: 49,
        declined: 3,
        hoursToAcknowledge: { median: 3.5, p90: 20.25 },
        hoursToRespond: { median: 46.1, p90: 118.4 },
        onTimeRate: 0.8571,
        overdueNow: 2,
      },
    ],
  },
  earlyWarnings: {
    items: [
      {
        id: '5d0c2b7e-8a41-4f6e-9b3a-2c7d1e0f4a95',
        dimension: 'route',
        key: 'SILK_ROUTES_WESTERN_BALKANS',
        raisedAt: '2026-11-23T06:00:00.000Z',
        window: { from: '2026-11-16', to: '2026-11-23' },
        lastWeek: 14,
        baseline: [4, 5, 3, 6, 4, 5, 4, 5],
        baselineMean: 4.5,
        pValue: 0.00025,
        test: 'One-sided exact Poisson test: requests filed in the last 7 days against the mean of the 8 weeks before (floored at 0.5 a week); raised when P(X ≥ count) < 0.001.',
      },
    ],
    nextCursor: null,
  },
  raiseAlert: ALERT_EXAMPLE,
  listAlerts: { items: [ALERT_EXAMPLE], nextCursor: null },
  getAlert: ALERT_EXAMPLE,
  acknowledgeAlert: {
    ...ALERT_EXAMPLE,
    parties: undefined,
    addressedParties: undefined,
    acknowledgements: undefined,
    acknowledgedAt: '2026-11-28T09:40:00.000Z',
  },
};

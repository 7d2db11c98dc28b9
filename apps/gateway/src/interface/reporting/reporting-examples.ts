/* Examples of what the statistics routes answer, for the API documentation. */

export const REPORTING_ROUTE_EXAMPLES = {
  responseHealth: {
    from: '2026-01-01',
    to: '2026-11-30',
    groupBy: 'party',
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
};

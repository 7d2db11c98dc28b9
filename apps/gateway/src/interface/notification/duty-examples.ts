/* Examples of the duty roster and page routes, for the API documentation. */

const ANA = '5b0c9e2a-7d41-4f6b-9c3e-2a8d7f1e4b60';
const BOJAN = '0e7a3c9d-2b5f-4e81-a6c4-9d3b1f7e5a28';

export const DUTY_ROSTER_BODY_EXAMPLE = {
  slots: [
    { userId: ANA, from: '2026-11-28T06:00:00Z', to: '2026-11-28T18:00:00Z' },
    { userId: BOJAN, from: '2026-11-28T18:00:00Z', to: '2026-11-29T06:00:00Z' },
  ],
  fallbackUserId: BOJAN,
};

export const DUTY_ROSTER_EXAMPLE = {
  party: 'SRB',
  slots: [
    { userId: ANA, from: '2026-11-28T06:00:00.000Z', to: '2026-11-28T18:00:00.000Z' },
    { userId: BOJAN, from: '2026-11-28T18:00:00.000Z', to: '2026-11-29T06:00:00.000Z' },
  ],
  fallbackUserId: BOJAN,
  onDutyNow: ANA,
  updatedAt: '2026-11-28T05:40:00.000Z',
};

export const PAGE_EXAMPLE = {
  id: '2d6f8a1c-4e3b-4a7d-9c5e-1b0f2a4c6e8d',
  party: 'SRB',
  subject: {
    type: 'rfi',
    id: '3f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21',
    reference: 'RFI-2026-7KQ2M9XA',
    title: 'Facilitators of a smuggling network on the Silk Routes',
  },
  step: 'ON_DUTY',
  pagedAt: '2026-11-28T09:00:01.000Z',
  acknowledgedAt: '2026-11-28T09:04:12.000Z',
  acknowledgedBy: ANA,
};

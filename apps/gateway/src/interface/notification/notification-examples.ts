/* Examples of what the notification routes answer, for the API documentation. */

import { PAGE_EXAMPLE } from './duty-examples';

const NOTIFICATION_EXAMPLE = {
  id: '8c2f4e6a-1b3d-4f5a-9c7e-0d2b4f6a8c1e',
  kind: 'RFI_ROUTED',
  subject: {
    type: 'rfi',
    id: '3f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21',
    reference: 'RFI-2026-7KQ2M9XA',
    title: 'Facilitators of a smuggling network on the Silk Routes',
  },
  details: {
    assignmentId: '7a9d2e4c-1b3f-4c5d-8e6f-9a0b1c2d3e4f',
    dueAt: '2026-11-28T17:00:00.000Z',
  },
  createdAt: '2026-11-28T09:00:01.000Z',
  readAt: null,
};

export const NOTIFICATION_ROUTE_EXAMPLES = {
  list: { items: [NOTIFICATION_EXAMPLE], nextCursor: null },
  read: { ...NOTIFICATION_EXAMPLE, readAt: '2026-11-28T09:05:00.000Z' },
  readAll: { marked: 3, unread: 0 },
  acknowledgePage: PAGE_EXAMPLE,
};

/* Examples of what the webhook routes answer, for the API documentation. */

const WEBHOOK_ID = '5b8e2c1a-4d6f-4a8b-9c0d-1e2f3a4b5c6d';

const WEBHOOK_EXAMPLE = {
  id: WEBHOOK_ID,
  party: 'SRB',
  url: 'https://case-system.example.gov.rs/bp/webhook',
  events: ['RFI_ROUTED', 'RFI_OVERDUE'],
  enabled: true,
  disabledAt: null,
  secretRotatedAt: null,
  createdAt: '2026-11-28T09:00:00.000Z',
};

const DELIVERY_EXAMPLE = {
  id: '2d4f6a8c-1e3b-4c5d-9f0a-b1c2d3e4f5a6',
  webhookId: WEBHOOK_ID,
  messageId: 'msg_2d4f6a8c-1e3b-4c5d-9f0a-b1c2d3e4f5a6',
  notificationId: '8c2f4e6a-1b3d-4f5a-9c7e-0d2b4f6a8c1e',
  kind: 'RFI_ROUTED',
  status: 'DELIVERED',
  nextAttemptAt: null,
  createdAt: '2026-11-28T09:00:01.000Z',
  attempts: [
    {
      at: '2026-11-28T09:00:01.200Z',
      status: 503,
      error: null,
      answer: 'Service Unavailable',
      durationMs: 41,
    },
    { at: '2026-11-28T09:00:31.900Z', status: 204, error: null, answer: '', durationMs: 18 },
  ],
};

export const WEBHOOK_ROUTE_EXAMPLES = {
  registerWebhook: { ...WEBHOOK_EXAMPLE, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
  listWebhooks: { items: [WEBHOOK_EXAMPLE], nextCursor: null },
  getWebhook: WEBHOOK_EXAMPLE,
  deleteWebhook: WEBHOOK_EXAMPLE,
  rotateWebhookSecret: {
    ...WEBHOOK_EXAMPLE,
    secretRotatedAt: '2026-11-28T10:00:00.000Z',
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
  },
  listDeliveries: { items: [DELIVERY_EXAMPLE], nextCursor: null },
  redeliver: { ...DELIVERY_EXAMPLE, status: 'PENDING', nextAttemptAt: '2026-11-28T11:00:00.000Z' },
};

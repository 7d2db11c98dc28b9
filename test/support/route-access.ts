import { randomUUID } from 'node:crypto';
import { Role } from '@bp/contracts';

/**
 * The role matrix of the API (OWASP API5), one row per route of the OpenAPI document, keyed
 * `METHOD path` exactly as the document spells it. A route missing here, or a row for a route the
 * document does not have, fails the API5 suite: a new route needs a decision.
 *
 * - `may`: roles that may call the route. Every other role gets 403 problem+json, except
 * - `nothing`: roles that reach the route but that no record concerns (404 for a record, an empty
 *   list). Today the rfi-service answers admins and chairs so: it decides by relation, and no RFI
 *   concerns an account manager or a chair.
 * - `body`: a body of the right shape, so that a role refused behind validation (in a service)
 *   is refused for its role, not for its input; API3 adds unknown fields to it.
 * - `probe: 'rfi'`: the rfi-service refuses a role only once it has the request in hand, so the
 *   refused roles are probed on a real request (bilateral PAK → SRB, with PAK's officer on post
 *   in SRB), not on an id that does not exist.
 */
export interface RouteAccess {
  public?: true;
  may: readonly Role[];
  nothing?: readonly Role[];
  body?: Record<string, unknown>;
  query?: string;
  /** Sent with the matrix's calls, e.g. to be answered before a stream would open. */
  headers?: Record<string, string>;
  probe?: 'rfi';
}

const ALL: readonly Role[] = ['admin', 'secretariat', 'focal_point', 'liaison_officer', 'chair'];
/** Everyone who works with officers' records: not the chairs, who read figures. */
const OFFICER_READERS: readonly Role[] = ['admin', 'secretariat', 'focal_point', 'liaison_officer'];
const READERS: readonly Role[] = ['secretariat', 'focal_point', 'liaison_officer'];
const PARTIES: readonly Role[] = ['secretariat', 'focal_point'];
const FOCAL: readonly Role[] = ['focal_point'];
/** Account managers and chairs reach the RFI routes, but no request concerns them. */
const NO_RFI_CONCERNS: Role[] = ['admin', 'chair'];
const NO_RFI_CONCERNS_THEM = { nothing: NO_RFI_CONCERNS, probe: 'rfi' as const };

const rfi = '/api/v1/rfis/{id}';
const deployment = '/api/v1/deployments/{id}';
const exchange = '/api/v1/knowledge-exchanges/{id}';

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /health': { public: true, may: ALL },
  'GET /health/ready': { public: true, may: ALL },
  'GET /health/services/{name}': { public: true, may: ALL },
  'POST /api/v1/auth/token': {
    public: true,
    may: ALL,
    body: { username: 'owasp-probe', password: 'not the password' },
  },

  'GET /api/v1/me': { may: ALL },
  'POST /api/v1/users': {
    may: ['admin'],
    body: { username: 'owasp-never-made', password: 'a long passphrase 2026', role: 'admin' },
  },
  'GET /api/v1/users': { may: ['admin'] },
  'GET /api/v1/users/{id}': { may: ['admin'] },
  'PATCH /api/v1/users/{id}': { may: ['admin'], body: { disabled: false } },
  'GET /api/v1/audit': { may: ['admin'] },
  'POST /api/v1/me/password': {
    may: ALL,
    body: { currentPassword: 'not the password at all', newPassword: 'another long passphrase' },
  },
  'GET /api/v1/parties': { may: ALL },
  'GET /api/v1/topics': { may: ALL },
  'GET /api/v1/routes': { may: ALL },

  'POST /api/v1/rfis': {
    may: FOCAL,
    body: {
      title: 'Probe',
      question: 'Probe?',
      topics: ['SMUGGLING_OF_MIGRANTS'],
      priority: 'LOW',
      channel: 'BILATERAL',
      targetParties: ['SRB'],
      handlingCode: 'H0',
      secretariatAccess: 'FULL',
      language: 'en',
    },
  },
  'GET /api/v1/rfis': { may: READERS, nothing: NO_RFI_CONCERNS },
  [`GET ${rfi}`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  [`POST ${rfi}/submit`]: { may: FOCAL, ...NO_RFI_CONCERNS_THEM },
  [`POST ${rfi}/route`]: { may: ['secretariat'], body: { recipients: [{ party: 'HUN' }] } },
  [`POST ${rfi}/reject`]: { may: ['secretariat'], body: { reason: 'Out of scope' } },
  [`POST ${rfi}/withdraw`]: { may: FOCAL, body: { reason: 'Solved' }, ...NO_RFI_CONCERNS_THEM },
  [`POST ${rfi}/close`]: { may: PARTIES, body: { outcome: 'Answered' }, ...NO_RFI_CONCERNS_THEM },
  [`POST ${rfi}/assignments/{aid}/acknowledge`]: {
    may: ['focal_point', 'liaison_officer'],
    ...NO_RFI_CONCERNS_THEM,
  },
  [`POST ${rfi}/assignments/{aid}/decline`]: {
    may: ['focal_point', 'liaison_officer'],
    body: { reason: 'Not ours' },
    ...NO_RFI_CONCERNS_THEM,
  },
  [`POST ${rfi}/messages`]: {
    may: READERS,
    body: { kind: 'RESPONSE', body: 'Probe', handlingCode: 'H0' },
    ...NO_RFI_CONCERNS_THEM,
  },
  [`GET ${rfi}/messages`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  [`GET ${rfi}/history`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  [`GET ${rfi}/compilation`]: { may: PARTIES, ...NO_RFI_CONCERNS_THEM },
  [`GET ${rfi}/history/verify`]: { may: PARTIES },
  [`GET ${rfi}/similar`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  [`GET ${rfi}/attachments`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  // Admins and chairs never author a message: refused at the gateway. The body is a file, which
  // the matrix does not send (a JSON body is refused with 415 before anything else is asked).
  [`POST ${rfi}/attachments`]: {
    may: READERS,
    query: 'filename=probe.pdf&handlingCode=H1',
    body: {},
  },
  [`GET ${rfi}/attachments/{aid}`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  [`DELETE ${rfi}/attachments/{aid}`]: { may: FOCAL },
  [`POST ${rfi}/entities`]: {
    may: READERS,
    body: { entities: [{ type: 'PHONE', number: '+381641234567' }] },
    ...NO_RFI_CONCERNS_THEM,
  },
  [`GET ${rfi}/entities`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  [`GET ${rfi}/links`]: { may: READERS, ...NO_RFI_CONCERNS_THEM },
  [`GET ${rfi}/export`]: { may: FOCAL },
  [`GET ${rfi}/retention`]: { may: PARTIES },
  [`POST ${rfi}/legal-hold`]: { may: PARTIES, body: { reason: 'Probe' } },
  [`DELETE ${rfi}/legal-hold`]: { may: PARTIES },
  [`POST ${rfi}/links/{lid}/consent`]: { may: FOCAL },
  [`POST ${rfi}/links/{lid}/refuse`]: { may: FOCAL },
  'GET /api/v1/possible-links': { may: ['secretariat'] },
  'POST /api/v1/possible-links/{lid}/ask': { may: ['secretariat'] },

  'POST /api/v1/officers': {
    may: PARTIES,
    body: {
      fullName: 'Probe Officer',
      sendingParty: 'PAK',
      agency: 'Probe agency',
      languages: ['en'],
      expertise: ['SMUGGLING_OF_MIGRANTS'],
      email: 'probe@example.org',
    },
  },
  'GET /api/v1/officers': { may: OFFICER_READERS },
  'GET /api/v1/officers/{id}': { may: OFFICER_READERS },
  'POST /api/v1/deployments': {
    may: PARTIES,
    body: {
      officerId: '00000000-0000-4000-8000-000000000000',
      hostParty: 'SRB',
      postingCity: 'Belgrade',
      mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
      startDate: '2031-07-01',
      endDate: '2032-06-30',
    },
  },
  'GET /api/v1/deployments': { may: READERS },
  [`GET ${deployment}`]: { may: READERS },
  [`POST ${deployment}/approve`]: { may: FOCAL },
  [`POST ${deployment}/refuse`]: { may: FOCAL, body: { reason: 'No office' } },
  [`POST ${deployment}/cancel`]: { may: PARTIES, body: { reason: 'Needed at home' } },
  [`POST ${deployment}/recall`]: { may: PARTIES, body: { reason: 'Needed at home' } },
  [`POST ${deployment}/extensions`]: { may: PARTIES, body: { endDate: '2032-12-31' } },
  [`POST ${deployment}/extensions/{eid}/approve`]: { may: FOCAL },
  [`POST ${deployment}/extensions/{eid}/refuse`]: { may: FOCAL },
  'GET /api/v1/coverage': { may: READERS, query: 'route=SILK_ROUTES_WESTERN_BALKANS' },

  'POST /api/v1/knowledge-exchanges': {
    may: FOCAL,
    body: {
      kind: 'NEED',
      type: 'STUDY_VISIT',
      topics: ['REINTEGRATION'],
      title: 'Probe need',
      description: 'Probe',
      format: 'ONLINE',
    },
  },
  'GET /api/v1/knowledge-exchanges': { may: READERS },
  [`GET ${exchange}`]: { may: READERS },
  [`POST ${exchange}/offers`]: { may: FOCAL, body: { description: 'We host' } },
  [`POST ${exchange}/match`]: {
    may: PARTIES,
    body: { offerId: '00000000-0000-4000-8000-000000000000' },
  },
  [`POST ${exchange}/schedule`]: {
    may: PARTIES,
    body: { startsOn: '2031-09-14', endsOn: '2031-09-16', online: true },
  },
  [`POST ${exchange}/complete`]: {
    may: PARTIES,
    body: { outcomeSummary: 'Done', lessonsLearned: ['One'], evaluation: { rating: 4 } },
  },
  [`POST ${exchange}/cancel`]: { may: PARTIES, body: { reason: 'Not this year' } },
  'GET /api/v1/knowledge-base': { may: READERS },

  // Every user has an inbox; an admin's and a chair's stay empty (nothing is addressed to them yet).
  'GET /api/v1/notifications': { may: ALL },
  'POST /api/v1/notifications/{id}/read': { may: ALL },
  'POST /api/v1/notifications/read-all': { may: ALL },
  'PUT /api/v1/parties/{code}/duty': {
    may: FOCAL,
    body: {
      slots: [{ userId: randomUUID(), from: '2031-01-01T00:00:00Z', to: '2031-01-01T08:00:00Z' }],
      fallbackUserId: randomUUID(),
    },
  },
  'GET /api/v1/parties/{code}/duty': { may: PARTIES },
  'POST /api/v1/pages/{id}/acknowledge': { may: PARTIES },

  // A party's webhooks are its focal points' (their own party only: another's is 404).
  'POST /api/v1/webhooks': {
    may: FOCAL,
    body: { url: 'http://127.0.0.1:9/webhook', events: ['RFI_ROUTED'] },
  },
  'GET /api/v1/webhooks': { may: FOCAL },
  'GET /api/v1/webhooks/{id}': { may: FOCAL },
  'DELETE /api/v1/webhooks/{id}': { may: FOCAL },
  'POST /api/v1/webhooks/{id}/rotate-secret': { may: FOCAL },
  'GET /api/v1/webhooks/{id}/deliveries': { may: FOCAL },
  'POST /api/v1/webhooks/{id}/deliveries/{did}/redeliver': { may: FOCAL },
  // A Last-Event-ID it never gave out is answered 400 after the role checks and before a stream
  // opens: the matrix learns the role verdict without holding a stream open.
  'GET /api/v1/notifications/stream': { may: ALL, headers: { 'last-event-id': 'not-an-id' } },
  'GET /api/v1/statistics/response-health': { may: [...PARTIES, 'chair'] },
  'GET /api/v1/statistics/escalations': { may: ['secretariat'] },
  'GET /api/v1/statistics/deployments': { may: ['secretariat', 'chair'] },
  'GET /api/v1/statistics/knowledge-exchange': { may: ['secretariat', 'chair'] },
  'GET /api/v1/early-warnings': { may: ['secretariat', 'chair'] },
  // Alerts: raised by a party or the secretariat; an alert that does not address the caller's
  // party is 404, as any unknown id.
  'POST /api/v1/alerts': {
    may: PARTIES,
    body: { title: 'Probe alert', summary: 'Probe', severity: 'LOW', parties: ['ZZZ'] },
  },
  'GET /api/v1/alerts': { may: PARTIES },
  'GET /api/v1/alerts/{id}': { may: PARTIES },
  'POST /api/v1/alerts/{id}/acknowledge': { may: FOCAL },
};

/** The document's operations as `METHOD path`, with whether each takes a JSON body. */
export function documentedRoutes(document: {
  paths: Record<string, Record<string, { requestBody?: unknown }>>;
}): { key: string; method: string; path: string; hasBody: boolean; jsonBody: boolean }[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      hasBody: operation.requestBody !== undefined,
      // An upload's body is a file, not JSON (POST /rfis/{id}/attachments).
      jsonBody:
        (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content?.[
          'application/json'
        ] !== undefined,
    })),
  );
}

/** A documented path with its parameters filled: ids from `ids` (random where not given). */
export function fillPath(path: string, ids: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'name' ? 'deployment-service' : (ids[name] ?? randomUUID()),
  );
}

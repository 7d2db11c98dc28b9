// The paths issue 10 measures, each as autocannon options. `ctx` holds the tokens and the RFIs the
// bench prepared (bench.mjs); requests that must differ (a new idempotency key, another RFI) are
// built per request in setupRequest.
import { randomUUID } from 'node:crypto';
import { URLSearchParams } from 'node:url';
import { RESPONSE_BODY, rfiBody } from './api.mjs';
import { statisticsQueries } from './statistics.mjs';

const json = { 'content-type': 'application/json' };
const bearer = (token) => ({ authorization: `Bearer ${token}` });

/** Round-robin over `items`, shared by all connections of one run. */
function rotating(items) {
  let at = 0;
  return () => items[at++ % items.length];
}

export const PATHS = {
  submit: {
    label: 'submit bilateral RFI',
    describe: 'POST /rfis {submit: true} as the requester, a new Idempotency-Key each',
    target: (ctx) => {
      const body = JSON.stringify(rfiBody(ctx.recipientParty));
      return {
        url: `${ctx.url}/api/v1/rfis`,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              path: '/api/v1/rfis',
              headers: {
                ...json,
                ...bearer(ctx.tokens.requester),
                'idempotency-key': randomUUID(),
              },
              body,
            }),
          },
        ],
      };
    },
  },
  read: {
    label: 'read one RFI (recipient)',
    describe: 'GET /rfis/:id as the recipient, round-robin over the prepared RFIs',
    target: (ctx) => {
      const next = rotating(ctx.readPool);
      return {
        url: `${ctx.url}/api/v1/rfis`,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: `/api/v1/rfis/${next().id}`,
              headers: bearer(ctx.tokens.recipient),
            }),
          },
        ],
      };
    },
  },
  inbox: {
    label: 'inbox, first page',
    describe: 'GET /rfis?box=received&status=ROUTED as the recipient',
    target: (ctx) => ({
      url: `${ctx.url}/api/v1/rfis?box=received&status=ROUTED`,
      method: 'GET',
      headers: bearer(ctx.tokens.recipient),
    }),
  },
  'inbox-deep': {
    label: 'inbox, deep page (cursor)',
    describe: 'the same with the cursor of a row far down the inbox (--scale only)',
    scaleOnly: true,
    target: (ctx) => ({
      url: `${ctx.url}/api/v1/rfis?box=received&status=ROUTED&cursor=${ctx.deepCursor}`,
      method: 'GET',
      headers: bearer(ctx.tokens.recipient),
    }),
  },
  search: {
    label: 'full-text search q=',
    describe: 'GET /rfis?q=<word> as the recipient',
    target: (ctx) => ({
      url: `${ctx.url}/api/v1/rfis?q=${encodeURIComponent(ctx.q)}`,
      method: 'GET',
      headers: bearer(ctx.tokens.recipient),
    }),
  },
  respond: {
    label: 'post a response',
    describe: 'POST /rfis/:id/messages kind RESPONSE as the recipient on its assignment',
    writes: true,
    target: (ctx) => {
      const next = rotating(ctx.respondPool);
      const base = { ...RESPONSE_BODY };
      return {
        url: `${ctx.url}/api/v1/rfis`,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const rfi = next();
              return {
                ...request,
                path: `/api/v1/rfis/${rfi.id}/messages`,
                headers: { ...json, ...bearer(ctx.tokens.recipient) },
                body: JSON.stringify({ ...base, assignmentId: rfi.assignmentId }),
              };
            },
          },
        ],
      };
    },
  },
};

/**
 * The floors beside bare (kafka-floor.mjs, http-floor.mjs), started by the bench when their path
 * is run: the bare insert behind the transport of a command, and behind the hop of a read.
 */
PATHS['kafka-floor'] = {
  label: 'bare + Kafka request/reply',
  describe: "the bare server's insert behind a Kafka request/reply, nothing else",
  floor: 'kafka',
  target: (ctx) => bareTarget(ctx.floorPorts.kafka),
};
PATHS['http-floor'] = {
  label: 'bare + one HTTP hop',
  describe: 'the bare server behind one keep-alive HTTP hop, nothing else',
  floor: 'http',
  target: (ctx) => bareTarget(ctx.floorPorts.http),
};

/**
 * `--statistics`: GET /statistics/response-health, each query of statisticsQueries as its reader
 * (`ctx.tokens.reader`, the secretariat) or the focal point (`ctx.tokens.recipient`), for the day
 * the bench started (`ctx.today`).
 */
for (const [name, { label, as }] of Object.entries(statisticsQueries()))
  PATHS[name] = {
    label,
    describe: `GET /statistics/response-health as the ${as}`,
    statisticsOnly: true,
    target: (ctx) => {
      const { query } = statisticsQueries(ctx.today)[name];
      return {
        url: `${ctx.url}/api/v1/statistics/response-health?${new URLSearchParams(query)}`,
        method: 'GET',
        headers: bearer(ctx.tokens[as]),
      };
    },
  };

/** The bare server's one route: one row per request, with a body like an RFI's. */
export function bareTarget(port) {
  return {
    url: `http://127.0.0.1:${port}/rows`,
    method: 'POST',
    headers: json,
    body: JSON.stringify(rfiBody('SRB')),
  };
}

/** Paths of a normal run, of --scale (the reads, against the seeded volume) and of --statistics. */
export function selectPaths(names, scale, statistics = false) {
  const all = Object.keys(PATHS).filter((name) =>
    statistics
      ? PATHS[name].statisticsOnly
      : scale
        ? ['read', 'inbox', 'inbox-deep', 'search'].includes(name)
        : !PATHS[name].scaleOnly && !PATHS[name].statisticsOnly,
  );
  if (!names) return all;
  for (const name of names)
    if (!PATHS[name])
      throw new Error(`Unknown path ${name}; known: ${Object.keys(PATHS).join(', ')}`);
  return names;
}

import { API, as, tokenFor } from './api';
import { HttpResult, http } from './http';
import { RfiBody } from './rfi-fixtures';

/** The kinds of caller the RFI need-to-know matrix tries every route as. */
export type Persona =
  | 'requester'
  | 'recipient'
  | 'unrelated'
  | 'secretariatFull'
  | 'secretariatMetadataOnly'
  | 'officerOwnPair'
  | 'officerOtherPair'
  | 'officerRecalled';

export interface RouteCase {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** `multilateral`: submitted, awaiting the secretariat; otherwise bilateral PAK → SRB, routed. */
  setup?: 'multilateral';
  /** Made before the call (ids it needs, e.g. a file): `withFile` below. */
  prepare?: (rfi: RfiBody) => Promise<Record<string, string>>;
  call: (
    rfi: RfiBody,
    made: Record<string, string>,
  ) => { path: string; json?: unknown; file?: Buffer };
  expected: Record<Persona, number>;
}

/** A PDF's signature and a few bytes: enough for the type check. */
const PDF = Buffer.from('%PDF-1.7\n% need to know probe\n%%EOF\n');

/**
 * Serbia answers (released to all parties) and attaches a file to its answer: a file every
 * caller who may read that answer may download, and only its author may add to.
 */
async function withFile(rfi: RfiBody): Promise<Record<string, string>> {
  const assignment = rfi.assignments.find(
    (a) => a.recipientParty === 'SRB' && !('officerId' in a && a.officerId),
  )!;
  const answer = await as<{ id: string }>('fp-srb', 'POST', `/rfis/${rfi.id}/messages`, {
    json: {
      kind: 'RESPONSE',
      body: 'See the attached file.',
      handlingCode: 'H1',
      assignmentId: assignment.id,
      releasability: 'ALL_PARTIES',
    },
  });
  const sent = await uploadAs(
    'fp-srb',
    `/rfis/${rfi.id}/attachments?messageId=${answer.body.id}&filename=probe.pdf&handlingCode=H1`,
    PDF,
  );
  if (sent.status !== 201) throw new Error(`The matrix's file was refused: ${sent.status}`);
  return { messageId: answer.body.id, attachmentId: (sent.body as { id: string }).id };
}

/** An upload as a client sends it: the file as the body, with its type. */
export async function uploadAs(username: string, path: string, file: Buffer): Promise<HttpResult> {
  return http(`${API}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenFor(username)}`,
      'content-type': 'application/pdf',
    },
    body: file,
  });
}

/** Who reads a request's lists (files, entities, links, similar): whoever may see it. */
const READERS_OF_THE_REQUEST: Record<Persona, number> = {
  requester: 200,
  recipient: 200,
  unrelated: 404,
  secretariatFull: 200,
  secretariatMetadataOnly: 200,
  officerOwnPair: 200,
  officerOtherPair: 404,
  officerRecalled: 404,
};

/** Who adds to Serbia's answer (a file, entities): its author; those who may not see the request get 404. */
const ONLY_THE_AUTHOR: Record<Persona, number> = {
  requester: 403,
  recipient: 201,
  unrelated: 404,
  secretariatFull: 403,
  secretariatMetadataOnly: 403,
  officerOwnPair: 403,
  officerOtherPair: 404,
  officerRecalled: 404,
};

/** The requesting party and the secretariat; recipients are refused, officers at the gateway. */
const REQUESTER_AND_SECRETARIAT: Record<Persona, number> = {
  requester: 200,
  recipient: 403,
  unrelated: 404,
  secretariatFull: 200,
  secretariatMetadataOnly: 200,
  officerOwnPair: 403,
  officerOtherPair: 403,
  officerRecalled: 403,
};

/** The secretariat's own steps (routing, rejecting): everyone else is refused at the gateway. */
const SECRETARIAT_ONLY: Record<Persona, number> = {
  requester: 403,
  recipient: 403,
  unrelated: 403,
  secretariatFull: 200,
  secretariatMetadataOnly: 200,
  officerOwnPair: 403,
  officerOtherPair: 403,
  officerRecalled: 403,
};

/**
 * What the holder of Serbia's assignment does to it (acknowledge, decline): Serbia's focal points.
 * It is not the officer's assignment, nor one it can see: it does not exist for them.
 */
const THE_ASSIGNMENT_HOLDER: Record<Persona, number> = {
  requester: 403,
  recipient: 200,
  unrelated: 404,
  secretariatFull: 403,
  secretariatMetadataOnly: 403,
  officerOwnPair: 404,
  officerOtherPair: 404,
  officerRecalled: 404,
};

/** A link id no request has: only the requester of one of its two requests may answer for it. */
const NO_SUCH_LINK = '00000000-0000-4000-8000-00000000a11c';
const LINK_ANSWER: Record<Persona, number> = {
  requester: 404,
  recipient: 404,
  unrelated: 404,
  // The secretariat and officers answer for no party: refused at the gateway.
  secretariatFull: 403,
  secretariatMetadataOnly: 403,
  officerOwnPair: 403,
  officerOtherPair: 403,
  officerRecalled: 403,
};

/** Every RFI route of the API, and what each kind of caller gets. */
export const MATRIX: RouteCase[] = [
  {
    method: 'GET',
    path: '/rfis/{id}/attachments/{aid}',
    prepare: withFile,
    call: (r, made) => ({ path: `/rfis/${r.id}/attachments/${made.attachmentId}` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      // It may know of the file (its name, size and type), never read it.
      secretariatMetadataOnly: 403,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/attachments',
    prepare: withFile,
    call: (r, made) => ({
      path: `/rfis/${r.id}/attachments?messageId=${made.messageId}&filename=more.pdf&handlingCode=H1`,
      file: PDF,
    }),
    // Only the answer's author adds to it; those who may not see the request get 404.
    expected: ONLY_THE_AUTHOR,
  },
  {
    method: 'DELETE',
    path: '/rfis/{id}/attachments/{aid}',
    prepare: withFile,
    call: (r, made) => ({ path: `/rfis/${r.id}/attachments/${made.attachmentId}` }),
    // Files leave a request only while it is the requester's draft; this one is routed.
    expected: {
      requester: 409,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 403,
      officerOtherPair: 403,
      officerRecalled: 403,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/entities',
    call: (r) => ({ path: `/rfis/${r.id}/entities` }),
    expected: READERS_OF_THE_REQUEST,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/entities',
    prepare: withFile,
    call: (r, made) => ({
      path: `/rfis/${r.id}/entities`,
      json: { messageId: made.messageId, entities: [{ type: 'PHONE', number: '+381600000001' }] },
    }),
    // As files: only the answer's author names entities on it.
    expected: ONLY_THE_AUTHOR,
  },
  {
    method: 'GET',
    path: '/rfis/{id}/export',
    call: (r) => ({ path: `/rfis/${r.id}/export` }),
    // The requester's alone: a recipient is refused, the secretariat and officers at the gateway.
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 403,
      officerOtherPair: 403,
      officerRecalled: 403,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/retention',
    call: (r) => ({ path: `/rfis/${r.id}/retention` }),
    expected: REQUESTER_AND_SECRETARIAT,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/legal-hold',
    call: (r) => ({ path: `/rfis/${r.id}/legal-hold`, json: { reason: 'Proceedings opened' } }),
    expected: {
      ...REQUESTER_AND_SECRETARIAT,
      requester: 201,
      secretariatFull: 201,
      secretariatMetadataOnly: 201,
    },
  },
  {
    method: 'DELETE',
    path: '/rfis/{id}/legal-hold',
    // Nobody holds the matrix's request: those who may hold it are told they hold nothing.
    call: (r) => ({ path: `/rfis/${r.id}/legal-hold` }),
    expected: {
      ...REQUESTER_AND_SECRETARIAT,
      requester: 409,
      secretariatFull: 409,
      secretariatMetadataOnly: 409,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/links',
    // Recipients and officers get an empty list: the links are the requester's and the secretariat's.
    call: (r) => ({ path: `/rfis/${r.id}/links` }),
    expected: READERS_OF_THE_REQUEST,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/links/{lid}/consent',
    call: (r) => ({ path: `/rfis/${r.id}/links/${NO_SUCH_LINK}/consent` }),
    expected: LINK_ANSWER,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/links/{lid}/refuse',
    call: (r) => ({ path: `/rfis/${r.id}/links/${NO_SUCH_LINK}/refuse` }),
    expected: LINK_ANSWER,
  },
  {
    method: 'GET',
    path: '/rfis/{id}/attachments',
    call: (r) => ({ path: `/rfis/${r.id}/attachments` }),
    expected: READERS_OF_THE_REQUEST,
  },
  {
    method: 'GET',
    path: '/rfis/{id}',
    call: (r) => ({ path: `/rfis/${r.id}` }),
    expected: READERS_OF_THE_REQUEST,
  },
  {
    method: 'GET',
    path: '/rfis/{id}/messages',
    call: (r) => ({ path: `/rfis/${r.id}/messages` }),
    expected: READERS_OF_THE_REQUEST,
  },
  {
    method: 'GET',
    path: '/rfis/{id}/history',
    call: (r) => ({ path: `/rfis/${r.id}/history` }),
    expected: READERS_OF_THE_REQUEST,
  },
  {
    method: 'GET',
    path: '/rfis/{id}/compilation',
    call: (r) => ({ path: `/rfis/${r.id}/compilation` }),
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/history/verify',
    call: (r) => ({ path: `/rfis/${r.id}/history/verify` }),
    expected: REQUESTER_AND_SECRETARIAT,
  },
  {
    method: 'GET',
    path: '/rfis/{id}/similar',
    call: (r) => ({ path: `/rfis/${r.id}/similar` }),
    expected: READERS_OF_THE_REQUEST,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/submit',
    call: (r) => ({ path: `/rfis/${r.id}/submit` }),
    expected: {
      requester: 409,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/route',
    setup: 'multilateral',
    call: (r) => ({ path: `/rfis/${r.id}/route`, json: { recipients: [{ party: 'SRB' }] } }),
    expected: SECRETARIAT_ONLY,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/reject',
    setup: 'multilateral',
    call: (r) => ({ path: `/rfis/${r.id}/reject`, json: { reason: 'Out of scope' } }),
    expected: SECRETARIAT_ONLY,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/withdraw',
    call: (r) => ({ path: `/rfis/${r.id}/withdraw`, json: {} }),
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/close',
    call: (r) => ({ path: `/rfis/${r.id}/close`, json: {} }),
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/assignments/{aid}/acknowledge',
    call: (r) => ({ path: `/rfis/${r.id}/assignments/${r.assignments[0]!.id}/acknowledge` }),
    expected: THE_ASSIGNMENT_HOLDER,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/assignments/{aid}/decline',
    call: (r) => ({
      path: `/rfis/${r.id}/assignments/${r.assignments[0]!.id}/decline`,
      json: { reason: 'Not ours' },
    }),
    expected: THE_ASSIGNMENT_HOLDER,
  },
  {
    method: 'POST',
    path: '/rfis/{id}/messages',
    call: (r) => ({
      path: `/rfis/${r.id}/messages`,
      json: { kind: 'RESPONSE', body: 'Answer', handlingCode: 'H0' },
    }),
    expected: {
      requester: 403,
      recipient: 201,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 201,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
];

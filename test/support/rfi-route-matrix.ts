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
  method: 'GET' | 'POST';
  path: string;
  /** `multilateral`: submitted, awaiting the secretariat; otherwise bilateral PAK → SRB, routed. */
  setup?: 'multilateral';
  call: (rfi: RfiBody) => { path: string; json?: unknown };
  expected: Record<Persona, number>;
}

/** Every RFI route of the API, and what each kind of caller gets. */
export const MATRIX: RouteCase[] = [
  {
    method: 'GET',
    path: '/rfis/{id}/attachments',
    call: (r) => ({ path: `/rfis/${r.id}/attachments` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}',
    call: (r) => ({ path: `/rfis/${r.id}` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/messages',
    call: (r) => ({ path: `/rfis/${r.id}/messages` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/history',
    call: (r) => ({ path: `/rfis/${r.id}/history` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
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
    expected: {
      requester: 200,
      recipient: 403,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 403,
      officerRecalled: 403,
    },
  },
  {
    method: 'GET',
    path: '/rfis/{id}/similar',
    call: (r) => ({ path: `/rfis/${r.id}/similar` }),
    expected: {
      requester: 200,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 200,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
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
    expected: {
      requester: 403,
      recipient: 403,
      unrelated: 403,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 403,
      officerRecalled: 403,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/reject',
    setup: 'multilateral',
    call: (r) => ({ path: `/rfis/${r.id}/reject`, json: { reason: 'Out of scope' } }),
    expected: {
      requester: 403,
      recipient: 403,
      unrelated: 403,
      secretariatFull: 200,
      secretariatMetadataOnly: 200,
      officerOwnPair: 403,
      officerOtherPair: 403,
      officerRecalled: 403,
    },
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
    expected: {
      requester: 403,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      // Not the officer's assignment, and not one it can see: it does not exist for them.
      officerOwnPair: 404,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
  },
  {
    method: 'POST',
    path: '/rfis/{id}/assignments/{aid}/decline',
    call: (r) => ({
      path: `/rfis/${r.id}/assignments/${r.assignments[0]!.id}/decline`,
      json: { reason: 'Not ours' },
    }),
    expected: {
      requester: 403,
      recipient: 200,
      unrelated: 404,
      secretariatFull: 403,
      secretariatMetadataOnly: 403,
      officerOwnPair: 404,
      officerOtherPair: 404,
      officerRecalled: 404,
    },
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

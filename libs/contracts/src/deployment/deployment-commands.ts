import { CommandInput, defineCommand } from '../commands/command-definition';
import { EmptyPayload } from '../commands/system-commands';
import { DeploymentAccess } from './deployment-access';
import {
  CoverageQuery,
  DeploymentListQuery,
  DeploymentOptionalReasonBody,
  DeploymentReasonBody,
  ExtensionBody,
  OfficerListQuery,
  ProposeDeploymentBody,
  RegisterOfficerBody,
} from './deployment-inputs';

const OFFICER = { officerId: 'id' } as const;
const DEPLOYMENT = { deploymentId: 'id' } as const;
const EXTENSION = { deploymentId: 'id', extensionId: 'eid' } as const;
const deployment = { service: 'deployment' } as const;

/** The host's answer to a PENDING extension: approve and refuse differ only in the outcome. */
const extensionDecision = {
  ...deployment,
  payload: EmptyPayload,
  ids: EXTENSION,
  key: 'deploymentId',
  mutating: true,
} as const;
const EXTENSION_DECISION_RULES =
  "The host party's focal points only, on an extension still PENDING (409 once decided; " +
  '404 for an unknown one) of an APPROVED or ACTIVE posting (else 409).';

/** The deployment-service's commands: officers, their postings, and the coverage of routes. */
export const DeploymentCommands = {
  registerOfficer: defineCommand({
    ...deployment,
    name: 'officer.register',
    payload: RegisterOfficerBody,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'officers',
      roles: DeploymentAccess.registerOfficer,
      summary: "Register an officer (the sending party's focal point, or the secretariat)",
      description:
        "The secretariat, or a focal point of `sendingParty` (403 for another party's). Party " +
        'and expertise codes must be listed by GET /parties and GET /topics (400); nothing ' +
        'checks whether the officer is registered already, so retry with the same ' +
        'Idempotency-Key. This creates the record only: POST /deployments posts the officer, ' +
        'and an admin gives them a sign-in by creating a `liaison_officer` account with this ' +
        '`officerId` (POST /users).',
    },
  }),
  listOfficers: defineCommand({
    ...deployment,
    name: 'officer.list',
    payload: OfficerListQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'officers',
      roles: DeploymentAccess.readOfficers,
      summary: 'Officers, newest first',
      description:
        'Filter by `sendingParty`; cursor pagination. Rank, e-mail and phone only for the sending ' +
        "party, a host of the officer's postings, the officer and the secretariat (`contactWithheld`).",
    },
  }),
  getOfficer: defineCommand({
    ...deployment,
    name: 'officer.get',
    payload: EmptyPayload,
    ids: OFFICER,
    mutating: false,
    http: {
      method: 'GET',
      path: 'officers/:id',
      roles: DeploymentAccess.readOfficers,
      summary: 'One officer',
      description:
        "Rank, e-mail and phone only for the sending party, a host of the officer's postings, the officer and the secretariat.",
    },
  }),
  propose: defineCommand({
    ...deployment,
    name: 'deployment.propose',
    payload: ProposeDeploymentBody,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'deployments',
      roles: DeploymentAccess.propose,
      summary: 'Propose a posting (sending focal point or secretariat)',
      description:
        'Dates are days (YYYY-MM-DD); one officer never holds two postings on the same day.',
    },
  }),
  list: defineCommand({
    ...deployment,
    name: 'deployment.list',
    payload: DeploymentListQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'deployments',
      roles: DeploymentAccess.readPostings,
      summary: 'Postings, newest first',
      description:
        'Filters `status`, `hostParty`, `sendingParty`, `activeOn=YYYY-MM-DD`; cursor pagination. ' +
        'Proposed, refused and cancelled postings only for the two parties, the officer and the ' +
        'secretariat; free text and extensions only for those.',
    },
  }),
  get: defineCommand({
    ...deployment,
    name: 'deployment.get',
    payload: EmptyPayload,
    ids: DEPLOYMENT,
    mutating: false,
    http: {
      method: 'GET',
      path: 'deployments/:id',
      roles: DeploymentAccess.readPostings,
      summary: 'One posting',
      description: '`version` (the ETag) counts only the changes the caller can see.',
    },
  }),
  approve: defineCommand({
    ...deployment,
    name: 'deployment.approve',
    payload: EmptyPayload,
    ids: DEPLOYMENT,
    mutating: true,
    http: {
      method: 'POST',
      path: 'deployments/:id/approve',
      roles: DeploymentAccess.decide,
      summary: "Approve (the host's focal point)",
      description:
        "ACTIVE at once if the start date has come. The sending party's focal points are " +
        'notified (`DEPLOYMENT_APPROVED`).',
    },
  }),
  refuse: defineCommand({
    ...deployment,
    name: 'deployment.refuse',
    payload: DeploymentReasonBody,
    ids: DEPLOYMENT,
    mutating: true,
    http: {
      method: 'POST',
      path: 'deployments/:id/refuse',
      roles: DeploymentAccess.decide,
      summary: "Refuse, with a reason (the host's focal point)",
      description:
        "The host party's focal points only (403 for the sending side and the secretariat), " +
        'while the posting is PROPOSED (else 409). It becomes REFUSED for good and the ' +
        "officer's dates are free for another proposal; the reason is shown to the two " +
        "parties, the officer and the secretariat. The sending party's focal points are " +
        'notified (`DEPLOYMENT_REFUSED`), without the reason.',
    },
  }),
  cancel: defineCommand({
    ...deployment,
    name: 'deployment.cancel',
    payload: DeploymentOptionalReasonBody,
    ids: DEPLOYMENT,
    mutating: true,
    http: {
      method: 'POST',
      path: 'deployments/:id/cancel',
      roles: DeploymentAccess.manage,
      summary: 'Cancel before it starts (sender or secretariat)',
      description:
        "The sending party's focal points or the secretariat, while the posting is PROPOSED or " +
        'APPROVED (409 once it is ACTIVE: recall it instead). It becomes CANCELLED and the ' +
        "officer's dates are free again; the optional reason is shown to the two parties, the " +
        "officer and the secretariat. Both parties' focal points are notified " +
        '(`DEPLOYMENT_CANCELLED`), without the reason.',
    },
  }),
  recall: defineCommand({
    ...deployment,
    name: 'deployment.recall',
    payload: DeploymentReasonBody,
    ids: DEPLOYMENT,
    mutating: true,
    http: {
      method: 'POST',
      path: 'deployments/:id/recall',
      roles: DeploymentAccess.manage,
      summary: 'Recall an active posting, with a reason (sender or secretariat)',
      description:
        "The sending party's focal points or the secretariat, on an ACTIVE posting only (else " +
        '409; cancel one that has not started). The posting ends at once ' +
        "(`endReason: RECALLED`) and both parties' focal points are notified " +
        '(`DEPLOYMENT_ENDED`); the ' +
        "officer's open assignments under it pass to the host party's focal points, or are " +
        'declined with a handover note where that party has its own on the request.',
    },
  }),
  requestExtension: defineCommand({
    ...deployment,
    name: 'deployment.request-extension',
    payload: ExtensionBody,
    ids: DEPLOYMENT,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'deployments/:id/extensions',
      roles: DeploymentAccess.manage,
      summary: 'Ask the host to move the end date (sender)',
      description:
        "The sending party's focal points or the secretariat, on an APPROVED or ACTIVE " +
        'posting, with one extension awaiting the host at a time (409 otherwise). `endDate` ' +
        "must be after the current end date (400) and clear of the officer's other postings " +
        "(409). The host's focal points are notified (`DEPLOYMENT_EXTENSION_REQUESTED`); the " +
        'end date moves only when they approve, and the answer is the posting with its PENDING ' +
        'extension.',
    },
  }),
  approveExtension: defineCommand({
    ...extensionDecision,
    name: 'deployment.approve-extension',
    http: {
      method: 'POST',
      path: 'deployments/:id/extensions/:eid/approve',
      roles: DeploymentAccess.decide,
      summary: "Approve an extension (the host's focal point)",
      description:
        `${EXTENSION_DECISION_RULES} The posting's \`endDate\` becomes the requested date and ` +
        "the extension APPROVED; the sending party's focal points are notified " +
        '(`DEPLOYMENT_EXTENDED`).',
    },
  }),
  refuseExtension: defineCommand({
    ...extensionDecision,
    name: 'deployment.refuse-extension',
    http: {
      method: 'POST',
      path: 'deployments/:id/extensions/:eid/refuse',
      roles: DeploymentAccess.decide,
      summary: "Refuse an extension (the host's focal point)",
      description:
        `${EXTENSION_DECISION_RULES} The extension becomes REFUSED and the end date stays; the ` +
        'sending party may ask again, and its focal points are notified ' +
        '(`DEPLOYMENT_EXTENSION_REFUSED`).',
    },
  }),
  coverage: defineCommand({
    ...deployment,
    name: 'deployment.coverage',
    payload: CoverageQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'coverage',
      roles: DeploymentAccess.readPostings,
      summary:
        'Active officers per sending/host pair along a route, and the parties on it where nobody is posted',
      description:
        'For focal points, the secretariat and liaison officers. `route` is a code from GET ' +
        '/routes (404 if unknown). Only ACTIVE postings hosted by a party on the route count, ' +
        'grouped by sending and host party, each officer with name, posting city and end date ' +
        "only; `uncovered` lists the route's parties that host nobody.",
    },
  }),
} as const;

export type OfficerRef = CommandInput<typeof DeploymentCommands.getOfficer>;
export type DeploymentRef = CommandInput<typeof DeploymentCommands.get>;
export type DeploymentReasonCommand = CommandInput<typeof DeploymentCommands.refuse>;
export type DeploymentOptionalReasonCommand = CommandInput<typeof DeploymentCommands.cancel>;
export type ExtensionCommand = CommandInput<typeof DeploymentCommands.requestExtension>;
export type ExtensionRef = CommandInput<typeof DeploymentCommands.approveExtension>;

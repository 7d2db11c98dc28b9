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
      description: 'ACTIVE at once if the start date has come.',
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
    },
  }),
  approveExtension: defineCommand({
    ...deployment,
    name: 'deployment.approve-extension',
    payload: EmptyPayload,
    ids: EXTENSION,
    key: 'deploymentId',
    mutating: true,
    http: {
      method: 'POST',
      path: 'deployments/:id/extensions/:eid/approve',
      roles: DeploymentAccess.decide,
      summary: "Approve an extension (the host's focal point)",
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
    },
  }),
} as const;

export type OfficerRef = CommandInput<typeof DeploymentCommands.getOfficer>;
export type DeploymentRef = CommandInput<typeof DeploymentCommands.get>;
export type DeploymentReasonCommand = CommandInput<typeof DeploymentCommands.refuse>;
export type DeploymentOptionalReasonCommand = CommandInput<typeof DeploymentCommands.cancel>;
export type ExtensionCommand = CommandInput<typeof DeploymentCommands.requestExtension>;
export type ExtensionRef = CommandInput<typeof DeploymentCommands.approveExtension>;

import { randomUUID } from 'node:crypto';
import {
  DeploymentAccess,
  DeploymentCommands,
  KnowledgeExchangeAccess,
  KnowledgeExchangeCommands,
  NotificationAccess,
  NotificationCommands,
  ReportingAccess,
  ReportingCommands,
  Role,
  ServiceKey,
} from '@bp/contracts';

const some = () => randomUUID();

/**
 * Every command of the deployment, knowledge-exchange, notification and reporting services with a payload they accept (ids
 * that do not exist) and the roles its access table lets call it: for asking the services
 * directly, past the gateway, whether they check the role themselves.
 */
export const SERVICE_COMMANDS: [ServiceKey, { name: string }, object, readonly Role[]][] = [
  [
    'deployment',
    DeploymentCommands.registerOfficer,
    officerBody(),
    DeploymentAccess.registerOfficer,
  ],
  [
    'deployment',
    DeploymentCommands.getOfficer,
    { officerId: some() },
    DeploymentAccess.readOfficers,
  ],
  ['deployment', DeploymentCommands.listOfficers, {}, DeploymentAccess.readOfficers],
  ['deployment', DeploymentCommands.propose, proposal(), DeploymentAccess.propose],
  ['deployment', DeploymentCommands.approve, { deploymentId: some() }, DeploymentAccess.decide],
  [
    'deployment',
    DeploymentCommands.refuse,
    { deploymentId: some(), reason: 'x' },
    DeploymentAccess.decide,
  ],
  ['deployment', DeploymentCommands.cancel, { deploymentId: some() }, DeploymentAccess.manage],
  [
    'deployment',
    DeploymentCommands.recall,
    { deploymentId: some(), reason: 'x' },
    DeploymentAccess.manage,
  ],
  [
    'deployment',
    DeploymentCommands.requestExtension,
    { deploymentId: some(), endDate: '2032-12-31' },
    DeploymentAccess.manage,
  ],
  [
    'deployment',
    DeploymentCommands.approveExtension,
    { deploymentId: some(), extensionId: some() },
    DeploymentAccess.decide,
  ],
  [
    'deployment',
    DeploymentCommands.refuseExtension,
    { deploymentId: some(), extensionId: some() },
    DeploymentAccess.decide,
  ],
  ['deployment', DeploymentCommands.get, { deploymentId: some() }, DeploymentAccess.readPostings],
  ['deployment', DeploymentCommands.list, {}, DeploymentAccess.readPostings],
  [
    'deployment',
    DeploymentCommands.coverage,
    { route: 'SILK_ROUTES_WESTERN_BALKANS' },
    DeploymentAccess.readPostings,
  ],
  ['knowledgeExchange', KnowledgeExchangeCommands.post, need(), KnowledgeExchangeAccess.post],
  [
    'knowledgeExchange',
    KnowledgeExchangeCommands.offer,
    { exchangeId: some(), description: 'x' },
    KnowledgeExchangeAccess.offer,
  ],
  [
    'knowledgeExchange',
    KnowledgeExchangeCommands.match,
    { exchangeId: some(), offerId: some() },
    KnowledgeExchangeAccess.takePart,
  ],
  [
    'knowledgeExchange',
    KnowledgeExchangeCommands.schedule,
    { exchangeId: some(), startsOn: '2031-01-01', endsOn: '2031-01-02', online: true },
    KnowledgeExchangeAccess.takePart,
  ],
  [
    'knowledgeExchange',
    KnowledgeExchangeCommands.complete,
    {
      exchangeId: some(),
      outcomeSummary: 'x',
      lessonsLearned: [],
      evaluation: { rating: 3 },
    },
    KnowledgeExchangeAccess.takePart,
  ],
  [
    'knowledgeExchange',
    KnowledgeExchangeCommands.cancel,
    { exchangeId: some(), reason: 'x' },
    KnowledgeExchangeAccess.takePart,
  ],
  [
    'knowledgeExchange',
    KnowledgeExchangeCommands.get,
    { exchangeId: some() },
    KnowledgeExchangeAccess.read,
  ],
  ['knowledgeExchange', KnowledgeExchangeCommands.list, {}, KnowledgeExchangeAccess.read],
  ['knowledgeExchange', KnowledgeExchangeCommands.knowledgeBase, {}, KnowledgeExchangeAccess.read],
  ['notification', NotificationCommands.list, {}, NotificationAccess.inbox],
  ['notification', NotificationCommands.read, { notificationId: some() }, NotificationAccess.inbox],
  ['notification', NotificationCommands.readAll, {}, NotificationAccess.inbox],
  ['notification', NotificationCommands.unreadCount, {}, NotificationAccess.inbox],
  [
    'notification',
    NotificationCommands.setDutyRoster,
    // A slot that ends before it starts: the allowed role is refused for that, after the role
    // check, and nothing is written.
    {
      party: 'PAK',
      slots: [{ userId: some(), from: '2031-01-01T08:00:00Z', to: '2031-01-01T00:00:00Z' }],
      fallback: { userId: some() },
    },
    NotificationAccess.dutyKeep,
  ],
  ['notification', NotificationCommands.dutyRoster, { party: 'PAK' }, NotificationAccess.dutyRead],
  [
    'notification',
    NotificationCommands.acknowledgePage,
    { pageId: some() },
    NotificationAccess.pageAcknowledge,
  ],
  ['reporting', ReportingCommands.responseHealth, {}, ReportingAccess.responseHealth],
  ['reporting', ReportingCommands.escalations, {}, ReportingAccess.escalations],
  ['reporting', ReportingCommands.deployments, {}, ReportingAccess.deployments],
  ['reporting', ReportingCommands.knowledgeExchange, {}, ReportingAccess.knowledgeExchange],
  ['reporting', ReportingCommands.earlyWarnings, {}, ReportingAccess.earlyWarnings],
  [
    'reporting',
    ReportingCommands.raiseAlert,
    // A party the reference data does not know: the allowed role is refused for that, after the
    // role check, and nothing is written.
    { title: 'Probe alert', summary: 'Probe', severity: 'LOW', parties: ['ZZZ'] },
    ReportingAccess.raiseAlert,
  ],
  ['reporting', ReportingCommands.listAlerts, {}, ReportingAccess.readAlerts],
  ['reporting', ReportingCommands.getAlert, { alertId: some() }, ReportingAccess.readAlerts],
  [
    'reporting',
    ReportingCommands.acknowledgeAlert,
    { alertId: some() },
    ReportingAccess.acknowledgeAlert,
  ],
];

export function officerBody() {
  return {
    fullName: 'Probe Officer',
    sendingParty: 'PAK',
    agency: 'Probe agency',
    languages: [],
    expertise: [],
    email: 'probe@example.org',
  };
}

function proposal() {
  return {
    officerId: randomUUID(),
    hostParty: 'SRB',
    postingCity: 'Belgrade',
    mandateTopics: [],
    startDate: '2031-07-01',
    endDate: '2032-06-30',
  };
}

function need() {
  return {
    kind: 'NEED',
    type: 'STUDY_VISIT',
    topics: ['REINTEGRATION'],
    title: 'Probe need',
    description: 'Probe',
    format: 'ONLINE',
  };
}

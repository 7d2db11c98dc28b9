import { CommandInput, defineCommand } from '../commands/command-definition';
import { EmptyPayload } from '../commands/system-commands';
import { AlertListQuery, RaiseAlertBody } from './alert-contracts';
import { EarlyWarningListQuery } from './early-warning-contracts';
import { ReportingAccess } from './reporting-access';
import { deploymentsChart, knowledgeExchangeChart, responseHealthChart } from './reporting-charts';
import {
  DeploymentStatisticsQuery,
  ExchangeStatisticsQuery,
  EscalationBoardQuery,
  ResponseHealthQuery,
  ResponseHealthReport,
  ResponseHealthRow,
} from './reporting-inputs';

/** Response health as a table: one line per row, the figures flat. */
const RESPONSE_HEALTH_CSV = {
  rows: (answer: ResponseHealthReport) => answer.rows,
  columns: (
    [
      ['key', (row) => row.key],
      ['filed', (row) => row.filed],
      ['received', (row) => row.received],
      ['acknowledged', (row) => row.acknowledged],
      ['responded', (row) => row.responded],
      ['declined', (row) => row.declined],
      ['hours_to_acknowledge_median', (row) => row.hoursToAcknowledge.median],
      ['hours_to_acknowledge_p90', (row) => row.hoursToAcknowledge.p90],
      ['hours_to_respond_median', (row) => row.hoursToRespond.median],
      ['hours_to_respond_p90', (row) => row.hoursToRespond.p90],
      ['on_time_rate', (row) => row.onTimeRate],
      ['overdue_now', (row) => row.overdueNow],
    ] as const satisfies readonly (readonly [string, (row: ResponseHealthRow) => unknown])[]
  ).map(([header, value]) => ({ header, value })),
};

const reporting = { service: 'reporting' } as const;
const ALERT = { alertId: 'id' } as const;

/** The reporting-service's commands: figures built from the events, read by who may see them. */
export const ReportingCommands = {
  responseHealth: defineCommand({
    ...reporting,
    name: 'statistics.response-health',
    payload: ResponseHealthQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'statistics/response-health',
      roles: ReportingAccess.responseHealth,
      csv: RESPONSE_HEALTH_CSV,
      chart: responseHealthChart,
      summary: 'Who answers, and how fast: requests filed and received per party, topic or month',
      description:
        'Per row (`groupBy=party|topic|month`, default `party`): requests filed and assignments ' +
        'received, acknowledged, responded and declined; median and 90th percentile hours to ' +
        'acknowledge and to respond (on the recipient’s clock); the on-time rate of first ' +
        'responses; assignments overdue now. `from`/`to` (days, UTC) bound the day a request was ' +
        'filed or an assignment received. The secretariat sees every party; a focal point only ' +
        'its own party’s requests and assignments, whatever `party` says. `Accept: text/csv` gives ' +
        'the rows as CSV (RFC 4180, a header row); `Accept: image/svg+xml` a chart: the on-time ' +
        'rate per party or topic, or requests filed and received per month.',
    },
  }),
  escalations: defineCommand({
    ...reporting,
    name: 'statistics.escalations',
    payload: EscalationBoardQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'statistics/escalations',
      roles: ReportingAccess.escalations,
      summary: 'The escalation board: every assignment overdue now, oldest due first',
      description:
        '`byLevel` counts every assignment overdue now by escalation level (0: not escalated ' +
        'yet, 3: reached the secretariat); `items` lists them oldest due first with the ' +
        'request’s reference, parties, priority, topics, level, due time and hours late ' +
        '(`level`, `party` filter; cursor pagination). An assignment whose clock stands for a ' +
        'clarification is not overdue.',
    },
  }),
  deployments: defineCommand({
    ...reporting,
    name: 'statistics.deployments',
    payload: DeploymentStatisticsQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'statistics/deployments',
      roles: ReportingAccess.deployments,
      chart: deploymentsChart,
      summary: 'Liaison officers on post per month, by host party, sending party or route',
      description:
        'Per row (`groupBy=host|sending|route`, default `host`), the officers on post at any ' +
        'time of each month from `from` to `to` (months, UTC; at most 60; default the last 12). ' +
        'A route counts the officers hosted by any of its parties. ' +
        '`routePartiesWithoutOfficers` names, per migration route, the parties that host no ' +
        'officer now. `Accept: image/svg+xml` gives a chart: one line per row.',
    },
  }),
  knowledgeExchange: defineCommand({
    ...reporting,
    name: 'statistics.knowledge-exchange',
    payload: ExchangeStatisticsQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'statistics/knowledge-exchange',
      roles: ReportingAccess.knowledgeExchange,
      chart: knowledgeExchangeChart,
      summary:
        'Knowledge exchange: needs, offers, matches, completions and ratings by type or topic',
      description:
        'Per row (`groupBy=type|topic`, default `type`), of the exchanges posted from `from` to ' +
        '`to` (days, UTC, inclusive): needs, standing offers, offers made on needs, matched, ' +
        'completed, cancelled, and the requesters’ mean rating (1 to 5) of the completed ones. ' +
        '`Accept: image/svg+xml` gives a chart of needs, matched and completed per row.',
    },
  }),
  earlyWarnings: defineCommand({
    ...reporting,
    name: 'early-warnings.list',
    payload: EarlyWarningListQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'early-warnings',
      roles: ReportingAccess.earlyWarnings,
      summary: 'Signals: routes and topics whose requests rose well above their baseline',
      description:
        'Newest first (`dimension=route|topic`; cursor pagination). Each signal has the figures that ' +
        'raised it: requests filed in the 7 days counted, the weekly counts of the 8 weeks before, ' +
        'and the one-sided Poisson test (p < 0.001 against the baseline mean, floored at 0.5 a ' +
        'week). A request counts on a route when its requesting party and a party it was assigned ' +
        'to both lie on the route. A route or topic raises at most one signal in 7 days; the ' +
        'secretariat is notified of each.',
    },
  }),
  raiseAlert: defineCommand({
    ...reporting,
    name: 'alerts.raise',
    payload: RaiseAlertBody,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'alerts',
      roles: ReportingAccess.raiseAlert,
      summary: 'Raise an alert to the parties of routes, regions or named parties',
      description:
        'An influx, a route shift, a new modus operandi. It reaches the focal points of every party ' +
        'of the routes and regions named and of the parties named (the sender’s own party aside) ' +
        'and the secretariat; nobody else can see it.',
    },
  }),
  listAlerts: defineCommand({
    ...reporting,
    name: 'alerts.list',
    payload: AlertListQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'alerts',
      roles: ReportingAccess.readAlerts,
      summary: 'Alerts raised by or addressed to your party, newest first',
      description:
        'The secretariat sees every alert. Each as the caller may see it (see the single alert).',
    },
  }),
  getAlert: defineCommand({
    ...reporting,
    name: 'alerts.get',
    payload: EmptyPayload,
    ids: ALERT,
    mutating: false,
    http: {
      method: 'GET',
      path: 'alerts/:id',
      roles: ReportingAccess.readAlerts,
      summary: 'One alert',
      description:
        'The sender’s party and the secretariat see `parties`, `addressedParties` and ' +
        '`acknowledgements`; an addressed party sees the `routes` and `regions` named (whose ' +
        'members the reference lists show) and its own `acknowledgedAt`, never the parties named ' +
        'nor who acknowledged. Anyone else: 404.',
    },
  }),
  acknowledgeAlert: defineCommand({
    ...reporting,
    name: 'alerts.acknowledge',
    payload: EmptyPayload,
    ids: ALERT,
    mutating: true,
    http: {
      method: 'POST',
      path: 'alerts/:id/acknowledge',
      roles: ReportingAccess.acknowledgeAlert,
      summary: 'Say your party has seen the alert (an addressed party’s focal point)',
      description: 'Once per party: acknowledging again changes nothing.',
    },
  }),
} as const;

export type AlertIdCommand = CommandInput<typeof ReportingCommands.getAlert>;

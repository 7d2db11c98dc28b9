import { CommandInput, defineCommand } from '../commands/command-definition';
import { EmptyPayload } from '../commands/system-commands';
import { NotificationAccess } from './notification-access';
import {
  NotificationListQuery,
  NotificationStreamBatch,
  NotificationStreamQuery,
} from './notification-inputs';
import { PartyDutyQuery, SetDutyRosterCommand } from './duty-inputs';

const NOTIFICATION = { notificationId: 'id' } as const;
const PAGE = { pageId: 'id' } as const;
const notification = { service: 'notification' } as const;

/** The notification-service's commands: the caller's inbox and its read marks, duty rosters and pages. */
export const NotificationCommands = {
  list: defineCommand({
    ...notification,
    name: 'notification.list',
    payload: NotificationListQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'notifications',
      roles: NotificationAccess.inbox,
      summary:
        'Your inbox: what asks you (your party, your role, your posting) to act, newest first',
      description:
        'Filters `unread=true`, `kind`; cursor pagination. Each item: `id`, `kind`, `subject` ' +
        "(`{ type, id, reference?, title? }`: references, titles and ids, never a body; a request's title " +
        'is the one you may see now, and none once the request was deleted at the end of its retention), `details` ' +
        '(e.g. `assignmentId`, `escalationLevel`), `createdAt`, `readAt` (yours: read marks are per user).',
    },
  }),
  read: defineCommand({
    ...notification,
    name: 'notification.read',
    payload: EmptyPayload,
    ids: NOTIFICATION,
    mutating: true,
    http: {
      method: 'POST',
      path: 'notifications/:id/read',
      roles: NotificationAccess.inbox,
      summary: 'Mark one notification of your inbox read (for you only)',
      description: 'Answers the notification with its `readAt`; again changes nothing.',
    },
  }),
  readAll: defineCommand({
    ...notification,
    name: 'notification.read-all',
    payload: EmptyPayload,
    mutating: true,
    http: {
      method: 'POST',
      path: 'notifications/read-all',
      roles: NotificationAccess.inbox,
      summary: 'Mark every notification of your inbox read (for you only)',
      description: 'Answers `{ marked, unread }`: how many were marked now, and how many remain.',
    },
  }),
  /** For the gateway's GET /me; no route of its own. */
  unreadCount: defineCommand({
    ...notification,
    name: 'notification.unread-count',
    payload: EmptyPayload,
    mutating: false,
  }),
  /**
   * PUT and GET /parties/{code}/duty have a hand-written gateway route (interface/notification/
   * duty.controller.ts): party codes are not UUIDs, and only the gateway knows accounts, so it checks
   * every person of the roster against its database and forwards them with their addresses.
   */
  setDutyRoster: defineCommand({
    ...notification,
    name: 'notification.duty.set',
    payload: SetDutyRosterCommand,
    mutating: true,
  }),
  dutyRoster: defineCommand({
    ...notification,
    name: 'notification.duty.get',
    payload: PartyDutyQuery,
    mutating: false,
  }),
  acknowledgePage: defineCommand({
    ...notification,
    name: 'notification.page.acknowledge',
    payload: EmptyPayload,
    ids: PAGE,
    mutating: true,
    http: {
      method: 'POST',
      path: 'pages/:id/acknowledge',
      roles: NotificationAccess.pageAcknowledge,
      summary: 'Acknowledge a duty page: you have the URGENT request; it climbs no further',
      description:
        'By anyone the page has reached (the person on duty, then the fallback) or, once it reached ' +
        'the secretariat, any of its members; a colleague who was not paged gets 404. Again changes nothing.',
    },
  }),
  /** For the gateway's GET /notifications/stream (its catch-up and audience); no route of its own. */
  streamFrom: defineCommand<NotificationStreamQuery, never, NotificationStreamBatch>({
    ...notification,
    name: 'notification.stream-from',
    payload: NotificationStreamQuery,
    mutating: false,
  }),
} as const;

export type PageIdCommand = CommandInput<typeof NotificationCommands.acknowledgePage>;

export type NotificationIdCommand = CommandInput<typeof NotificationCommands.read>;

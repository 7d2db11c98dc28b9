import { CommandInput, defineCommand } from '../commands/command-definition';
import { PageQuery } from '../commands/page-query';
import { AddEntitiesBody, PossibleLinksQuery } from './rfi-entities';
import { EmptyPayload } from '../commands/system-commands';
import {
  CloseRfiBody,
  CreateRfiBody,
  LegalHoldBody,
  OptionalReasonBody,
  PostMessageBody,
  ReasonBody,
  RfiListQuery,
  RfiTitles,
  RfiTitlesQuery,
  RouteRfiBody,
} from './rfi-inputs';

const RFI = { rfiId: 'id' } as const;
const ASSIGNMENT = { rfiId: 'id', assignmentId: 'aid' } as const;
const ATTACHMENT = { rfiId: 'id', attachmentId: 'aid' } as const;
const LINK = { linkId: 'lid' } as const;
const RFI_LINK = { rfiId: 'id', linkId: 'lid' } as const;
const rfi = { service: 'rfi' } as const;

/**
 * The rfi-service's commands, each with its route. Commands on one RFI are keyed by its id, so
 * they reach the service in order.
 */
export const RfiCommands = {
  create: defineCommand({
    ...rfi,
    name: 'rfi.create',
    payload: CreateRfiBody,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'rfis',
      roles: ['focal_point'],
      summary: 'File a request for information for your party',
      description:
        'Kept as DRAFT unless `submit: true`; a bilateral one is then routed at once to the target party.',
    },
  }),
  list: defineCommand({
    ...rfi,
    name: 'rfi.list',
    payload: RfiListQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis',
      summary: 'The requests you may see',
      description:
        'Filters combine; `box=sent|received`; `overdue=true`; `q` searches titles (and questions you may read). Cursor pagination: pass `nextCursor` back as `cursor`.',
    },
  }),
  // Reading a body is recorded in the history (get, messages, compilation): one insert, atomic on
  // its own and made before the answer leaves, so these reads need no transaction of their own.
  get: defineCommand({
    ...rfi,
    name: 'rfi.get',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id',
      summary: 'One request, with its assignments as far as you may see them',
      description: 'Reading the question is recorded in the history.',
    },
  }),
  submit: defineCommand({
    ...rfi,
    name: 'rfi.submit',
    payload: EmptyPayload,
    ids: RFI,
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/submit',
      summary: 'Submit a draft (requester)',
      description: 'A bilateral request is routed at once to the target party.',
    },
  }),
  route: defineCommand({
    ...rfi,
    name: 'rfi.route',
    payload: RouteRfiBody,
    ids: RFI,
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/route',
      roles: ['secretariat'],
      summary: 'Route to recipients (secretariat); again later to forward',
      description:
        'Only while the request is SUBMITTED or ROUTED (else 409). Each recipient is a party, ' +
        'or with `officerId` an officer actively posted there; the requesting party itself or ' +
        'a recipient named twice is 400, one that already has (or declined) the request 409. ' +
        "Each new recipient gets an assignment due by the request's priority and is notified " +
        "(`RFI_ROUTED`): the party's focal points (for an URGENT request also its duty " +
        'contact, paged) or the named officer; the `note` is shown to the secretariat only.',
    },
  }),
  reject: defineCommand({
    ...rfi,
    name: 'rfi.reject',
    payload: ReasonBody,
    ids: RFI,
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/reject',
      roles: ['secretariat'],
      summary: 'Reject as out of scope (secretariat), with a reason',
      description:
        'Only while the request awaits routing (SUBMITTED), else 409: a bilateral request is ' +
        'routed when submitted, so only a multilateral one can be rejected. It becomes ' +
        'REJECTED and takes no further steps; the reason is kept as `rejectionReason` and the ' +
        "requesting party's focal points are notified (`RFI_REJECTED`).",
    },
  }),
  withdraw: defineCommand({
    ...rfi,
    name: 'rfi.withdraw',
    payload: OptionalReasonBody,
    ids: RFI,
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/withdraw',
      summary: 'Withdraw (requester)',
      description:
        "Only the requesting party's focal points (403 for others who see the request), while " +
        'it is DRAFT, SUBMITTED or ROUTED (else 409). It becomes WITHDRAWN: no more messages, ' +
        'acknowledgements or declines, and its assignments are no longer reminded or ' +
        'escalated; the optional reason is kept as `withdrawalReason`. Nobody is notified.',
    },
  }),
  close: defineCommand({
    ...rfi,
    name: 'rfi.close',
    payload: CloseRfiBody,
    ids: RFI,
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/close',
      summary: 'Close (requester or secretariat)',
      description:
        "The requesting party's focal points or the secretariat (403 for recipients), only " +
        'once the request is ROUTED (else 409). It becomes CLOSED with the optional `outcome`: ' +
        'the thread takes no more messages and open assignments are no longer reminded or ' +
        'escalated. Nobody is notified.',
    },
  }),
  acknowledge: defineCommand({
    ...rfi,
    name: 'rfi.acknowledge',
    payload: EmptyPayload,
    ids: ASSIGNMENT,
    key: 'rfiId',
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/assignments/:aid/acknowledge',
      summary: 'Acknowledge your assignment (recipient)',
      description:
        "For the assignment's holder: the recipient party's focal points, or the officer it " +
        'was made to while still on that posting; the requester and the secretariat get 403, ' +
        "and another recipient's assignment is 404. Only a PENDING assignment of a ROUTED " +
        'request (else 409, so a second acknowledgement is refused). Recorded in the history; ' +
        'nobody is notified and the due date does not move.',
    },
  }),
  decline: defineCommand({
    ...rfi,
    name: 'rfi.decline',
    payload: ReasonBody,
    ids: ASSIGNMENT,
    key: 'rfiId',
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/assignments/:aid/decline',
      summary: 'Decline your assignment (recipient), with a reason',
      description:
        "For the assignment's holder, on a PENDING or ACKNOWLEDGED assignment of a ROUTED " +
        'request (else 409; `ASSIGNMENT.ALREADY_DECLINED` if declined before). The reason is ' +
        "kept on the assignment and the requesting party's focal points are notified " +
        '(`RFI_DECLINED`); the request stays ROUTED, and the secretariat may route it to other ' +
        'recipients.',
    },
  }),
  postMessage: defineCommand({
    ...rfi,
    name: 'rfi.post-message',
    payload: PostMessageBody,
    ids: RFI,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'rfis/:id/messages',
      summary: 'Add to the thread',
      description:
        'RESPONSE and CLARIFICATION_REQUEST by a recipient on its assignment (a clarification request stops its clock), CLARIFICATION by the requester (restarts it), NOTE by the secretariat (internal).',
    },
  }),
  messages: defineCommand({
    ...rfi,
    name: 'rfi.messages',
    payload: PageQuery,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/messages',
      summary: 'The thread, as far as you may read it',
      description:
        'Entries you may not read are left out; withheld bodies show `bodyWithheld: true`. Oldest first, paginated with `limit` and `cursor`.',
    },
  }),
  history: defineCommand({
    ...rfi,
    name: 'rfi.history',
    payload: PageQuery,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/history',
      summary: 'Every change and every read of a body that you may see: who, what, when',
      description:
        "A recipient sees the request-level lines and those of its own assignment; who else was asked, and their reads, are left out. Routing notes are the secretariat's. Paginated with `limit` and `cursor`.",
    },
  }),
  verifyHistory: defineCommand({
    ...rfi,
    name: 'rfi.verify-history',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/history/verify',
      roles: ['focal_point', 'secretariat'],
      summary: "Check the history's hash chain (requester, secretariat)",
      description:
        'Each line of the history carries the hash of the line before it and of its own content; ' +
        'this recomputes the chain and answers `intact` and the first line that does not hold ' +
        '(`reason`: CONTENT_CHANGED, LINK_BROKEN or HEAD_MISMATCH). The secretariat also gets the ' +
        "number of lines and the line's number; the requester gets where it broke only when that " +
        'line is one its own history shows. Recipients: 403.',
    },
  }),
  compilation: defineCommand({
    ...rfi,
    name: 'rfi.compilation',
    payload: PageQuery,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/compilation',
      summary: 'All responses side by side (requester, secretariat)',
      description:
        'One entry per recipient with its responses; a response whose releasability does not reach you shows `bodyWithheld: true`. Recipients are paginated with `limit` and `cursor` (`nextCursor`).',
    },
  }),
  similar: defineCommand({
    ...rfi,
    name: 'rfi.similar',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/similar',
      summary: 'Requests you may see that may be about the same: by entity, topics or title words',
      description:
        'First those naming what may be the same person, document, conveyance, phone or organisation (`sharedEntityTypes`, by the matching rule, over entities you may read on both), then earlier requests sharing topics or title words; at most 10. Beside them, up to 5 completed knowledge exchanges (`knowledgeExchanges`) on the same topics or words. Works on your draft too.',
    },
  }),
  addEntities: defineCommand({
    ...rfi,
    name: 'rfi.add-entities',
    payload: AddEntitiesBody,
    ids: RFI,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'rfis/:id/entities',
      summary: 'Name persons, documents, conveyances, phones, organisations or route legs',
      description:
        'On the request itself by its requester while a draft, or on a message by its author while the request is routed. Each entity is seen exactly as what it goes with; the history names their types, never their values. On a draft the answer also offers `suggestions`: what `GET /rfis/{id}/similar` answers.',
    },
  }),
  entities: defineCommand({
    ...rfi,
    name: 'rfi.entities',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/entities',
      summary: 'The entities of the request and its thread, as far as you may see them',
      description:
        'Entities of messages you may not see are left out; where you may know of an entity but not read it (the secretariat on a METADATA_ONLY request, a response not released to you), it shows its type and `valuesWithheld: true`.',
    },
  }),
  links: defineCommand({
    ...rfi,
    name: 'rfi.links',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/links',
      summary: "The request's possible links to others (requester, secretariat)",
      description:
        'A possible link: another request names what may be the same person, document, conveyance, phone or organisation. The requester sees its status, the types that matched and its own answer; which request it is only once both parties agreed (`LINKED`). The secretariat sees both references. Anyone else: an empty list.',
    },
  }),
  possibleLinks: defineCommand({
    ...rfi,
    name: 'rfi.possible-links',
    payload: PossibleLinksQuery,
    mutating: false,
    http: {
      method: 'GET',
      path: 'possible-links',
      roles: ['secretariat'],
      summary: 'Every possible link between requests, newest first (secretariat)',
      description:
        'Both references, the types that matched (never a value), and how consent stands. Filter with `status`; cursor pagination.',
    },
  }),
  askLinkConsent: defineCommand({
    ...rfi,
    name: 'rfi.ask-link-consent',
    payload: EmptyPayload,
    ids: LINK,
    mutating: true,
    http: {
      method: 'POST',
      path: 'possible-links/:lid/ask',
      roles: ['secretariat'],
      summary: 'Ask both requesting parties whether they agree to be put in contact (secretariat)',
      description:
        'Once per link (409 `LINK.ALREADY_ASKED`). Each requester is told, with the types that matched and nothing of the other request.',
    },
  }),
  consentToLink: defineCommand({
    ...rfi,
    name: 'rfi.consent-to-link',
    payload: EmptyPayload,
    ids: RFI_LINK,
    key: 'linkId',
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/links/:lid/consent',
      roles: ['focal_point'],
      summary: 'Agree to be put in contact with the other request of a link (requester)',
      description:
        "Once asked, once per side. When both agree the link is `LINKED`: each requester then sees the other request's reference (not its content).",
    },
  }),
  refuseLink: defineCommand({
    ...rfi,
    name: 'rfi.refuse-link',
    payload: EmptyPayload,
    ids: RFI_LINK,
    key: 'linkId',
    mutating: true,
    http: {
      method: 'POST',
      path: 'rfis/:id/links/:lid/refuse',
      roles: ['focal_point'],
      summary: 'Decline to be put in contact (requester)',
      description:
        'Closes the link for good (`REFUSED`). The other requester is told it was refused, the secretariat by which side.',
    },
  }),
  export: defineCommand({
    ...rfi,
    name: 'rfi.export',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/export',
      roles: ['focal_point'],
      summary: 'Everything you may see of your request, in one document (requester)',
      description:
        'For a data subject request or an audit: the request, its thread, its history, its entities, its files (their descriptions; download each with `GET /rfis/{id}/attachments/{aid}`), its links and its retention (when its bodies will be deleted, and the legal holds with their reasons), each exactly as its own route shows them to you. Recorded in the history as a read.',
    },
  }),
  retention: defineCommand({
    ...rfi,
    name: 'rfi.retention',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/retention',
      roles: ['focal_point', 'secretariat'],
      summary:
        'When the request is deleted, by which rule, and who holds it (requester, secretariat)',
      description:
        '`endsAt` and `rule` once the request ended (CLOSED, REJECTED, WITHDRAWN, or MINORS where a person named is a minor), the legal holds that suspend the deletion, and `deletedAt` once done (`RFI_RETENTION`).',
    },
  }),
  placeLegalHold: defineCommand({
    ...rfi,
    name: 'rfi.place-legal-hold',
    payload: LegalHoldBody,
    ids: RFI,
    mutating: true,
    status: 201,
    http: {
      method: 'POST',
      path: 'rfis/:id/legal-hold',
      roles: ['focal_point', 'secretariat'],
      summary: "Suspend the request's deletion, with a reason (requester, secretariat)",
      description:
        'One hold per holder (the requesting party, the secretariat); 409 `RETENTION.ALREADY_HELD` for a second, `RETENTION.DELETED` once deleted.',
    },
  }),
  releaseLegalHold: defineCommand({
    ...rfi,
    name: 'rfi.release-legal-hold',
    payload: EmptyPayload,
    ids: RFI,
    mutating: true,
    http: {
      method: 'DELETE',
      path: 'rfis/:id/legal-hold',
      roles: ['focal_point', 'secretariat'],
      summary: 'Release your legal hold (requester, secretariat)',
      description: "Releases the caller's own hold; 409 `RETENTION.NOT_HELD` when it has none.",
    },
  }),
  /** For the gateway: the titles its notifications show (rfi-inputs.ts RfiTitlesQuery); no route. */
  titles: defineCommand<RfiTitlesQuery, never, RfiTitles>({
    ...rfi,
    name: 'rfi.titles',
    payload: RfiTitlesQuery,
    mutating: false,
  }),
  attachments: defineCommand({
    ...rfi,
    name: 'rfi.attachments',
    payload: EmptyPayload,
    ids: RFI,
    mutating: false,
    http: {
      method: 'GET',
      path: 'rfis/:id/attachments',
      summary: 'The files on the request and its thread, as far as you may see them',
      description:
        'Files of messages you may not see are left out; where you may know of a file but not read it (the secretariat on a METADATA_ONLY request, a response not released to you), it shows `contentWithheld: true`. Upload with `POST /rfis/{id}/attachments`, download with `GET /rfis/{id}/attachments/{aid}`.',
    },
  }),
  removeAttachment: defineCommand({
    ...rfi,
    name: 'rfi.remove-attachment',
    payload: EmptyPayload,
    ids: ATTACHMENT,
    key: 'rfiId',
    mutating: true,
    http: {
      method: 'DELETE',
      path: 'rfis/:id/attachments/:aid',
      roles: ['focal_point'],
      summary: 'Remove a file from your draft (requester); its bytes are freed',
      description:
        'Only while the request is a draft: once submitted, its files are part of the record. Answers the removed file.',
    },
  }),
} as const;

export type CreateRfiCommand = CommandInput<typeof RfiCommands.create>;
export type ListRfisCommand = CommandInput<typeof RfiCommands.list>;
export type RfiRef = CommandInput<typeof RfiCommands.get>;
export type AssignmentRef = CommandInput<typeof RfiCommands.acknowledge>;
export type RouteRfiCommand = CommandInput<typeof RfiCommands.route>;
export type ReasonCommand = CommandInput<typeof RfiCommands.reject>;
export type OptionalReasonCommand = CommandInput<typeof RfiCommands.withdraw>;
export type CloseRfiCommand = CommandInput<typeof RfiCommands.close>;
export type DeclineAssignmentCommand = CommandInput<typeof RfiCommands.decline>;
export type PostMessageCommand = CommandInput<typeof RfiCommands.postMessage>;
export type AddEntitiesCommand = CommandInput<typeof RfiCommands.addEntities>;
export type PossibleLinksCommand = CommandInput<typeof RfiCommands.possibleLinks>;
export type LinkRef = CommandInput<typeof RfiCommands.askLinkConsent>;
export type RfiLinkRef = CommandInput<typeof RfiCommands.consentToLink>;
export type RfiPageCommand = CommandInput<typeof RfiCommands.messages>;
export type AttachmentRef = CommandInput<typeof RfiCommands.removeAttachment>;

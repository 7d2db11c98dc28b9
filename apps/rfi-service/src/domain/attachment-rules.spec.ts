import { RfiStatus } from '@bp/domain-kernel';
import { AccessFacts } from './need-to-know';
import {
  AttachmentLimits,
  AttachmentTarget,
  attachmentAccess,
  checkMayAttach,
  checkMayRemove,
  roomFor,
} from './attachment-rules';
import { cast } from '../../test/rfi-fixtures';

const facts = (status: RfiStatus, overrides: Partial<AccessFacts> = {}): AccessFacts => ({
  requesterParty: 'PAK',
  status,
  submittedAt: status === 'DRAFT' ? null : new Date('2026-05-19T09:00:00Z'),
  secretariatAccess: 'FULL',
  assignments: [
    { id: 'a-srb', recipientParty: 'SRB', officerId: null, postingId: null },
    { id: 'a-hun', recipientParty: 'HUN', officerId: null, postingId: null },
  ],
  ...overrides,
});

const response = (releasability: 'REQUESTER' | 'ALL_RECIPIENTS' | 'ALL_PARTIES') =>
  ({
    id: 'm-1',
    kind: 'RESPONSE',
    assignmentId: 'a-srb',
    authorParty: 'SRB',
    authorUserId: cast.serbia.userId,
    releasability,
  }) satisfies AttachmentTarget;

const limits: AttachmentLimits = { maxBytes: 50, maxTotalBytes: 120, maxCount: 3 };

describe('who may attach a file', () => {
  it('lets the requester attach to its draft only; after that, files go with a message', () => {
    expect(() => checkMayAttach(cast.pakistan, 'REQUESTER', facts('DRAFT'), null)).not.toThrow();
    expect(() => checkMayAttach(cast.pakistan, 'REQUESTER', facts('ROUTED'), null)).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.DRAFT_ONLY' }),
    );
    expect(() => checkMayAttach(cast.serbia, 'RECIPIENT', facts('ROUTED'), null)).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.NOT_ALLOWED' }),
    );
  });

  it("lets a message's author alone attach to it, while the request is routed", () => {
    const target = response('ALL_RECIPIENTS');
    expect(() => checkMayAttach(cast.serbia, 'RECIPIENT', facts('ROUTED'), target)).not.toThrow();
    expect(() => checkMayAttach(cast.pakistan, 'REQUESTER', facts('ROUTED'), target)).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.NOT_AUTHOR' }),
    );
    expect(() => checkMayAttach(cast.serbia, 'RECIPIENT', facts('CLOSED'), target)).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.CLOSED' }),
    );
  });

  it('answers a message the caller may not see as absent, not as forbidden', () => {
    expect(() =>
      checkMayAttach(cast.hungary, 'RECIPIENT', facts('ROUTED'), response('REQUESTER')),
    ).toThrow(expect.objectContaining({ code: 'ATTACHMENT.MESSAGE_NOT_FOUND' }));
  });

  it('lets only the requester remove a file, and only from a draft', () => {
    expect(() => checkMayRemove('REQUESTER', facts('DRAFT'))).not.toThrow();
    expect(() => checkMayRemove('REQUESTER', facts('SUBMITTED'))).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.DRAFT_ONLY' }),
    );
    expect(() => checkMayRemove('SECRETARIAT', facts('SUBMITTED'))).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.NOT_ALLOWED' }),
    );
  });
});

describe('how much a request may carry', () => {
  it('gives a file the smaller of its own limit and what is left of the total', () => {
    expect(roomFor(limits, { count: 0, totalBytes: 0 })).toBe(50);
    expect(roomFor(limits, { count: 2, totalBytes: 100 })).toBe(20);
  });

  it('refuses at once a file that says it is larger, and any file when nothing is left', () => {
    expect(() => roomFor(limits, { count: 0, totalBytes: 0 }, 51)).toThrow(
      expect.objectContaining({ kind: 'TOO_LARGE', code: 'ATTACHMENT.FILE_TOO_LARGE' }),
    );
    expect(() => roomFor(limits, { count: 2, totalBytes: 100 }, 21)).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.TOTAL_TOO_LARGE' }),
    );
    expect(() => roomFor(limits, { count: 2, totalBytes: 120 })).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.TOTAL_TOO_LARGE' }),
    );
    expect(() => roomFor(limits, { count: 3, totalBytes: 3 })).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT.TOO_MANY' }),
    );
  });
});

describe('what a caller may have of a file', () => {
  it("follows the request's question for a file on the request: METADATA_ONLY keeps the secretariat to metadata", () => {
    expect(attachmentAccess(cast.serbia, 'RECIPIENT', facts('ROUTED'), null)).toBe('FULL');
    expect(attachmentAccess(cast.secretariat, 'SECRETARIAT', facts('ROUTED'), null)).toBe('FULL');
    expect(
      attachmentAccess(
        cast.secretariat,
        'SECRETARIAT',
        facts('ROUTED', { secretariatAccess: 'METADATA_ONLY' }),
        null,
      ),
    ).toBe('METADATA');
  });

  it('follows the message for a file on a response: its releasability decides', () => {
    const routed = facts('ROUTED');
    expect(attachmentAccess(cast.pakistan, 'REQUESTER', routed, response('REQUESTER'))).toBe(
      'FULL',
    );
    expect(attachmentAccess(cast.hungary, 'RECIPIENT', routed, response('REQUESTER'))).toBe(
      'HIDDEN',
    );
    expect(attachmentAccess(cast.hungary, 'RECIPIENT', routed, response('ALL_RECIPIENTS'))).toBe(
      'FULL',
    );
    expect(
      attachmentAccess(cast.secretariat, 'SECRETARIAT', routed, response('ALL_RECIPIENTS')),
    ).toBe('METADATA');
    expect(attachmentAccess(cast.secretariat, 'SECRETARIAT', routed, response('ALL_PARTIES'))).toBe(
      'FULL',
    );
  });
});

import { Actor } from '@bp/domain-kernel';
import { HistoryEntry, visibleHistory, visibleVersion } from './history-visibility';
import { InformationRequest } from './information-request';
import { Relation, relationTo } from './need-to-know';
import { cast, draft, environment } from '../../test/rfi-fixtures';

/** A multilateral RFI from PAK, routed to SRB and HUN with a routing note, then worked on by both. */
function story(secretariatAccess: 'FULL' | 'METADATA_ONLY' = 'FULL') {
  const env = environment();
  const rfi = draft('MULTILATERAL', ['SRB', 'HUN'], { secretariatAccess });
  const entries: HistoryEntry[] = [];
  const keep = () =>
    entries.push(
      ...rfi.pullChanges().map((change) => ({
        position: entries.length + 1,
        at: change.at,
        action: change.action,
        actor: change.actor,
        assignmentId: change.assignmentId ?? null,
        details: change.details,
      })),
    );
  const read = (who: Actor) =>
    entries.push({
      position: entries.length + 1,
      at: env.now,
      action: 'BODY_READ',
      actor: who,
      assignmentId: null,
      details: { what: 'question' },
    });
  keep();
  rfi.submit(cast.pakistan, env);
  keep();
  const [srb, hun] = rfi.route(
    cast.secretariat,
    [
      { party: 'SRB', officerId: null },
      { party: 'HUN', officerId: null },
    ],
    'HUN knows the network best',
    env,
  );
  keep();
  rfi.acknowledge(cast.serbia, srb!.id, env.now);
  rfi.decline(cast.hungary, hun!.id, 'Not our competence', env.now);
  rfi.post(cast.secretariat, { kind: 'NOTE', body: 'internal', handlingCode: 'H0' }, env);
  keep();
  read(cast.serbia);
  read(cast.hungary);
  read(cast.pakistan);
  rfi.route(cast.secretariat, [{ party: 'AUT', officerId: null }], 'forward to AUT', env);
  keep();
  return { rfi, entries, srb: srb!, hun: hun! };
}

const relationOf = (rfi: InformationRequest, actor: Actor): Relation => relationTo(actor, rfi)!;
const seenBy = (rfi: InformationRequest, entries: HistoryEntry[], actor: Actor) =>
  visibleHistory(actor, relationOf(rfi, actor), rfi, entries);

describe('what each caller sees of an RFI history', () => {
  it('shows the requester everything but the secretariat notes and routing notes', () => {
    const { rfi, entries } = story();
    const seen = seenBy(rfi, entries, cast.pakistan);
    expect(seen.map((e) => e.action)).toEqual(
      entries.filter((e) => e.action !== 'NOTE_ADDED').map((e) => e.action),
    );
    for (const entry of seen.filter((e) => e.action === 'ROUTED'))
      expect(entry.details).not.toHaveProperty('note');
    expect(JSON.stringify(seen)).not.toContain('HUN knows the network best');
  });

  it('shows a recipient its own assignment only: no one else asked, no one else acting or reading', () => {
    const { rfi, entries, srb, hun } = story();
    const seen = seenBy(rfi, entries, cast.serbia);
    expect(seen.map((e) => e.action)).toEqual([
      'CREATED',
      'SUBMITTED',
      'ROUTED',
      'ACKNOWLEDGED',
      'BODY_READ',
    ]);
    const text = JSON.stringify(seen);
    for (const secret of [hun.id, 'HUN', 'AUT', 'fp-hun', 'note', 'internal'])
      expect(text).not.toContain(secret);
    const reads = seen.filter((e) => e.action === 'BODY_READ');
    expect(reads.map((e) => e.actor?.username)).toEqual(['fp-srb']);
    expect(seen.find((e) => e.action === 'ROUTED')!.details.recipients).toEqual([
      expect.objectContaining({ assignmentId: srb.id, party: 'SRB' }),
    ]);
  });

  it('shows the second recipient its own decline and nothing of the first', () => {
    const { rfi, entries, srb } = story();
    const seen = seenBy(rfi, entries, cast.hungary);
    expect(seen.map((e) => e.action)).toEqual([
      'CREATED',
      'SUBMITTED',
      'ROUTED',
      'DECLINED',
      'BODY_READ',
    ]);
    expect(JSON.stringify(seen)).not.toContain(srb.id);
    expect(JSON.stringify(seen)).not.toContain('SRB');
  });

  it('shows the secretariat every line, and on METADATA_ONLY no free text others wrote', () => {
    const full = story();
    expect(seenBy(full.rfi, full.entries, cast.secretariat)).toEqual(full.entries);
    const closed = story('METADATA_ONLY');
    const seen = seenBy(closed.rfi, closed.entries, cast.secretariat);
    expect(seen.map((e) => e.action)).toEqual(closed.entries.map((e) => e.action));
    // Its own routing note stays readable: it wrote it.
    expect(seen.filter((e) => e.action === 'ROUTED').map((e) => e.details.note)).toEqual([
      'HUN knows the network best',
      'forward to AUT',
    ]);
  });

  it('moves a recipient’s version only when something it can see changes', () => {
    const { rfi, entries } = story();
    const before = visibleVersion(cast.serbia, 'RECIPIENT', rfi, entries);
    const othersActed: HistoryEntry[] = [
      ...entries,
      {
        position: 99,
        at: new Date('2026-05-20T00:00:00Z'),
        action: 'RESPONDED',
        actor: cast.austria,
        assignmentId: rfi.assignments.find((a) => a.recipientParty === 'AUT')!.id,
        details: { recipientParty: 'AUT' },
      },
    ];
    expect(visibleVersion(cast.serbia, 'RECIPIENT', rfi, othersActed)).toEqual(before);
    expect(visibleVersion(cast.pakistan, 'REQUESTER', rfi, othersActed).version).toBe(
      visibleVersion(cast.pakistan, 'REQUESTER', rfi, entries).version + 1,
    );
    // Reads are history, not versions.
    expect(before.version).toBe(4);
  });
});

describe('the drafting of a request', () => {
  it("is the requester's alone: every other history starts at the submission, and so do their versions", () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 29, 9, minutes));
    const rfi = draft();
    rfi.submit(cast.pakistan, environment(at(30)));
    const line = (position: number, minutes: number, action: string): HistoryEntry => ({
      position,
      at: at(minutes),
      action,
      actor: cast.pakistan,
      assignmentId: null,
      details: {},
    });
    const entries = [
      line(1, 0, 'CREATED'),
      line(2, 10, 'ATTACHMENT_ADDED'),
      line(3, 20, 'ATTACHMENT_REMOVED'),
      line(4, 25, 'ENTITIES_ADDED'),
      line(5, 30, 'SUBMITTED'),
    ];
    expect(seenBy(rfi, entries, cast.pakistan).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    for (const other of [cast.serbia, cast.secretariat]) {
      expect(seenBy(rfi, entries, other).map((e) => e.action)).toEqual(['SUBMITTED']);
      expect(visibleVersion(other, relationOf(rfi, other), rfi, entries).version).toBe(1);
    }
    // By position, not by clock: a later line whose replica's clock reads earlier is shown.
    const late = [...entries, line(6, 29, 'CLOSED')];
    expect(seenBy(rfi, late, cast.serbia).map((e) => e.action)).toEqual(['SUBMITTED', 'CLOSED']);
  });

  it('shows the creation of a request filed and submitted at once: nothing was drafted', () => {
    const rfi = draft();
    rfi.submit(cast.pakistan, environment());
    const entries = rfi.pullChanges().map((change, i) => ({
      position: i + 1,
      at: change.at,
      action: change.action,
      actor: change.actor,
      assignmentId: change.assignmentId ?? null,
      details: change.details,
    }));
    expect(seenBy(rfi, entries, cast.serbia).map((e) => e.action)).toEqual([
      'CREATED',
      'SUBMITTED',
      'ROUTED',
    ]);
  });
});

describe('a possible link to another request', () => {
  it("is the requester's and the secretariat's: only the secretariat learns which request", () => {
    const { rfi, entries } = story();
    const link: HistoryEntry = {
      position: entries.length + 1,
      at: entries.at(-1)!.at,
      action: 'POSSIBLE_LINK_FOUND',
      actor: null,
      assignmentId: null,
      details: {
        linkId: 'link-1',
        entityTypes: ['PERSON'],
        linkedRfiId: 'rfi-2',
        linkedReference: 'RFI-2026-ABCDEFGH',
      },
    };
    const lineFor = (actor: Actor) =>
      seenBy(rfi, [...entries, link], actor).find((e) => e.action === 'POSSIBLE_LINK_FOUND');
    expect(lineFor(cast.secretariat)).toEqual(link);
    expect(lineFor(cast.pakistan)?.details).toEqual({ linkId: 'link-1', entityTypes: ['PERSON'] });
    expect(lineFor(cast.serbia)).toBeUndefined();
    expect(lineFor(cast.hungary)).toBeUndefined();
    // Once both agreed, the requester learns which request it is; recipients still nothing.
    const opened = { ...link, position: link.position + 1, action: 'LINK_OPENED' };
    const openedFor = (actor: Actor) =>
      seenBy(rfi, [...entries, link, opened], actor).find((e) => e.action === 'LINK_OPENED');
    expect(openedFor(cast.pakistan)?.details).toEqual(link.details);
    expect(openedFor(cast.serbia)).toBeUndefined();
  });
});

describe('when a caller last saw an RFI change', () => {
  it('is the time of the last line it may see, even where an earlier line’s clock reads later', () => {
    // Two replicas' clocks may disagree a little: the line written last is the last change, and
    // the SQL of the lists (need-to-know.sql.ts) must say the same.
    const { rfi, entries } = story();
    const line = (position: number, at: string, action: string): HistoryEntry => ({
      position,
      at: new Date(at),
      action,
      actor: cast.secretariat,
      assignmentId: null,
      details: {},
    });
    const skewed = [
      ...entries,
      line(90, '2026-06-01T10:00:05Z', 'CLARIFIED'),
      line(91, '2026-06-01T10:00:02Z', 'CLOSED'),
      line(92, '2026-06-01T10:00:09Z', 'NOTE_ADDED'),
    ];
    expect(visibleVersion(cast.serbia, 'RECIPIENT', rfi, skewed).updatedAt).toEqual(
      new Date('2026-06-01T10:00:02Z'),
    );
    expect(visibleVersion(cast.secretariat, 'SECRETARIAT', rfi, skewed).updatedAt).toEqual(
      new Date('2026-06-01T10:00:09Z'),
    );
  });
});

describe('the lines about files', () => {
  const line = (
    position: number,
    action: string,
    actor: Actor,
    details: Record<string, unknown>,
    assignmentId: string | null = null,
  ): HistoryEntry => ({ position, at: new Date(), action, actor, assignmentId, details });

  it("keep a secretariat note's file as internal as the note, its download included", () => {
    const { rfi, entries } = story();
    const noteFile = { attachmentId: 'f-note', messageKind: 'NOTE' };
    const withFiles = [
      ...entries,
      line(90, 'ATTACHMENT_ADDED', cast.secretariat, noteFile),
      line(91, 'ATTACHMENT_DOWNLOADED', cast.secretariat, noteFile),
    ];
    for (const actor of [cast.pakistan, cast.serbia])
      expect(JSON.stringify(seenBy(rfi, withFiles, actor))).not.toContain('f-note');
    expect(seenBy(rfi, withFiles, cast.secretariat).map((e) => e.details.attachmentId)).toEqual(
      expect.arrayContaining(['f-note']),
    );
  });

  it("show a recipient the files of its own assignment's messages and its own downloads, not another recipient's", () => {
    const { rfi, entries, srb, hun } = story();
    const withFiles = [
      ...entries,
      line(
        90,
        'ATTACHMENT_ADDED',
        cast.serbia,
        { attachmentId: 'f-srb', messageKind: 'RESPONSE' },
        srb.id,
      ),
      line(
        91,
        'ATTACHMENT_ADDED',
        cast.hungary,
        { attachmentId: 'f-hun', messageKind: 'RESPONSE' },
        hun.id,
      ),
      line(92, 'ATTACHMENT_DOWNLOADED', cast.pakistan, { attachmentId: 'f-hun' }),
    ];
    const serbia = JSON.stringify(seenBy(rfi, withFiles, cast.serbia));
    expect(serbia).toContain('f-srb');
    expect(serbia).not.toContain('f-hun');
    expect(JSON.stringify(seenBy(rfi, withFiles, cast.pakistan))).toContain('f-hun');
  });

  it('count a download as a read: it moves no version', () => {
    const { rfi, entries } = story();
    const before = visibleVersion(cast.pakistan, 'REQUESTER', rfi, entries).version;
    const read = [
      ...entries,
      line(90, 'ATTACHMENT_DOWNLOADED', cast.pakistan, { attachmentId: 'f' }),
    ];
    expect(visibleVersion(cast.pakistan, 'REQUESTER', rfi, read).version).toBe(before);
  });
});

import { createHash } from 'node:crypto';
import { openNote, sealNote } from './history-notes';

describe('routing notes kept beside the history chain', () => {
  const details = { by: 'secretariat', note: 'Route to the Belgrade desk', recipients: [] };

  it('leaves the line a salted digest of the note in its place, and keeps the note and salt apart', () => {
    const { details: line, kept } = sealNote(details);
    expect(line).toEqual({ by: 'secretariat', recipients: [], noteDigest: kept!.digest });
    expect(JSON.stringify(line)).not.toContain('Belgrade');
    expect(kept!.note).toBe(details.note);
    const digest = createHash('sha256').update(kept!.salt).update(details.note).digest('hex');
    expect(kept!.digest).toBe(digest);
    // Salted: the same note twice gives two digests, so a digest cannot be matched to a guess.
    expect(sealNote(details).kept!.digest).not.toBe(kept!.digest);
  });

  it('leaves lines without a note as they are', () => {
    const routed = { by: 'bilateral', note: null, recipients: [] };
    expect(sealNote(routed)).toEqual({ details: routed, kept: null });
    expect(sealNote({ rule: 'CLOSED' })).toEqual({ details: { rule: 'CLOSED' }, kept: null });
  });

  it('shows the note where it was, null once deleted, and never the digest', () => {
    const { details: line, kept } = sealNote(details);
    expect(openNote(line, new Map([[kept!.digest, kept!.note]]))).toEqual(details);
    expect(openNote(line, new Map())).toEqual({ ...details, note: null });
    expect(openNote({ rule: 'CLOSED' }, new Map())).toEqual({ rule: 'CLOSED' });
  });
});

import { cast, draft, environment } from '../../../test/rfi-fixtures';
import { HistoryEntry, visibleHistory } from '../history-visibility';
import { relationTo } from '../need-to-know';

describe('the end of a request’s retention', () => {
  it('blanks what people wrote, keeps the tombstone, and says so in a line by no one', () => {
    const rfi = draft('BILATERAL', ['SRB'], { handlingNote: 'Handle with care' });
    rfi.submit(cast.pakistan, environment());
    rfi.decline(cast.serbia, rfi.assignments[0]!.id, 'Not ours to answer', new Date());
    rfi.close(cast.pakistan, 'No answer', new Date());
    rfi.pullChanges();
    const [reference, status, parties] = [rfi.reference, rfi.status, rfi.targetParties];
    const now = new Date();
    rfi.eraseForRetention('CLOSED', now);
    expect(rfi).toMatchObject({
      reference,
      status,
      targetParties: parties,
      title: '',
      question: '',
      handlingNote: null,
      outcome: null,
      deletedAt: now,
    });
    expect(rfi.assignments.map((a) => a.declineReason)).toEqual([null]);
    expect(rfi.pullChanges()).toEqual([
      { action: 'RETENTION_DELETED', at: now, actor: null, details: { rule: 'CLOSED' } },
    ]);
    // Once is enough.
    rfi.eraseForRetention('CLOSED', new Date());
    expect(rfi.pullChanges()).toEqual([]);
  });

  it('shows legal hold lines to the requester and the secretariat only', () => {
    const rfi = draft();
    rfi.submit(cast.pakistan, environment());
    const entries: HistoryEntry[] = rfi.pullChanges().map((change, i) => ({
      position: i + 1,
      at: change.at,
      action: change.action,
      actor: change.actor,
      assignmentId: change.assignmentId ?? null,
      details: change.details,
    }));
    const hold: HistoryEntry = {
      position: entries.length + 1,
      at: new Date(),
      action: 'LEGAL_HOLD_PLACED',
      actor: cast.secretariat,
      assignmentId: null,
      details: { holder: 'SECRETARIAT' },
    };
    const sees = (actor: typeof cast.pakistan) =>
      visibleHistory(actor, relationTo(actor, rfi)!, rfi, [...entries, hold]).some(
        (e) => e.action === 'LEGAL_HOLD_PLACED',
      );
    expect([sees(cast.pakistan), sees(cast.secretariat), sees(cast.serbia)]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

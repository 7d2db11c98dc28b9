import { fieldErrorsOf } from '../../../../test/support/domain-fixtures';
import { DutyRoster, MAX_DUTY_SLOTS, checkDutySlots, onDutyAt } from './duty-roster';

const ANA = { userId: '11111111-1111-4111-8111-111111111111', email: 'ana@example.org' };
const BOJAN = { userId: '22222222-2222-4222-8222-222222222222', email: null };
const at = (iso: string) => new Date(iso);
const slot = (who: typeof ANA | typeof BOJAN, from: string, to: string) => ({
  ...who,
  from: at(from),
  to: at(to),
});

describe('a duty roster', () => {
  const roster: DutyRoster = {
    party: 'SRB',
    slots: [
      slot(ANA, '2026-11-28T08:00:00Z', '2026-11-28T20:00:00Z'),
      slot(BOJAN, '2026-11-28T20:00:00Z', '2026-11-29T08:00:00Z'),
    ],
    fallback: BOJAN,
  };

  it('has one person on duty at a time, a slot ending where the next begins', () => {
    expect(onDutyAt(roster, at('2026-11-28T08:00:00Z'))).toEqual(ANA);
    expect(onDutyAt(roster, at('2026-11-28T19:59:59.999Z'))).toEqual(ANA);
    expect(onDutyAt(roster, at('2026-11-28T20:00:00Z'))).toEqual(BOJAN);
  });

  it('has nobody on duty outside its slots', () => {
    expect(onDutyAt(roster, at('2026-11-28T07:59:59Z'))).toBeNull();
    expect(onDutyAt(roster, at('2026-11-29T08:00:00Z'))).toBeNull();
    expect(onDutyAt({ ...roster, slots: [] }, at('2026-11-28T12:00:00Z'))).toBeNull();
  });

  it('accepts back-to-back slots and no slots at all', () => {
    expect(fieldErrorsOf(() => checkDutySlots(roster.slots))).toEqual([]);
    expect(fieldErrorsOf(() => checkDutySlots([]))).toEqual([]);
  });

  it('refuses a slot that ends before it starts, or at once, naming it', () => {
    expect(
      fieldErrorsOf(() =>
        checkDutySlots([
          slot(ANA, '2026-11-28T08:00:00Z', '2026-11-28T08:00:00Z'),
          slot(ANA, '2026-11-28T10:00:00Z', '2026-11-28T09:00:00Z'),
        ]),
      ).map((e) => e.field),
    ).toEqual(['slots.0.to', 'slots.1.to']);
  });

  it('refuses overlapping slots, whatever order they are written in', () => {
    const errors = fieldErrorsOf(() =>
      checkDutySlots([
        slot(BOJAN, '2026-11-28T19:00:00Z', '2026-11-29T08:00:00Z'),
        slot(ANA, '2026-11-28T08:00:00Z', '2026-11-28T20:00:00Z'),
      ]),
    );
    expect(errors).toEqual([
      { field: 'slots.0.from', message: expect.stringContaining('overlaps slot 1') },
    ]);
  });

  it('refuses more slots than a roster holds', () => {
    const many = Array.from({ length: MAX_DUTY_SLOTS + 1 }, (_, i) => ({
      from: new Date(Date.UTC(2027, 0, 1, i)),
      to: new Date(Date.UTC(2027, 0, 1, i + 1)),
    }));
    expect(fieldErrorsOf(() => checkDutySlots(many)).map((e) => e.field)).toEqual(['slots']);
  });
});

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DutyRoster } from '../../domain/duty-roster';

/** A roster as kept, with when and by whom it was last set. */
export interface KeptDutyRoster extends DutyRoster {
  updatedAt: Date;
}

interface Row {
  party: string;
  slots: { userId: string; email: string | null; from: string; to: string }[];
  fallback_user_id: string;
  fallback_email: string | null;
  updated_at: Date;
}

/** Each party's duty roster, one row, replaced whole. */
@Injectable()
export class DutyRosters {
  async replace(em: EntityManager, roster: DutyRoster, by: string, now: Date): Promise<void> {
    const slots = roster.slots.map((s) => ({
      userId: s.userId,
      email: s.email,
      from: s.from.toISOString(),
      to: s.to.toISOString(),
    }));
    await em.execute(
      `insert into duty_roster (party, slots, fallback_user_id, fallback_email, updated_at, updated_by)
       values (?, ?::jsonb, ?, ?, ?, ?)
       on conflict (party) do update set slots = excluded.slots,
         fallback_user_id = excluded.fallback_user_id, fallback_email = excluded.fallback_email,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [roster.party, JSON.stringify(slots), roster.fallback.userId, roster.fallback.email, now, by],
    );
  }

  async of(em: EntityManager, party: string): Promise<KeptDutyRoster | null> {
    const [row] = await em.execute<Row[]>(
      `select party, slots, fallback_user_id, fallback_email, updated_at from duty_roster where party = ?`,
      [party],
    );
    if (!row) return null;
    return {
      party: row.party,
      slots: row.slots.map((s) => ({ ...s, from: new Date(s.from), to: new Date(s.to) })),
      fallback: { userId: row.fallback_user_id, email: row.fallback_email },
      updatedAt: new Date(row.updated_at),
    };
  }
}

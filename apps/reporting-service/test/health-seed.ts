import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from '@bp/domain-kernel';
import { textArray } from '@bp/persistence';

export const PARTIES = ['SRB', 'HUN', 'PAK', 'AUT', 'TUR', 'ICMPD'];
export const TOPICS = ['ASYLUM', 'DOCUMENT_FRAUD', 'SMUGGLING_OF_MIGRANTS', 'RETURN_READMISSION'];
export const NOW = new Date('2026-03-10T12:00:00Z');

/**
 * Requests and assignments over fourteen months up to NOW, with a deterministic spread of parties,
 * topics, officers' assignments and answer times from seconds to months (some never answered,
 * some declined, some paused), written as SQL rows with the cells' triggers on.
 */
export async function seedHealth(em: EntityManager, requests: number): Promise<void> {
  await em.execute(
    `insert into report_request (rfi_id, reference, requester_party, priority, topics, submitted_at)
     select md5('r' || i)::uuid, 'RFI-' || i, (?::text[])[1 + (i * 7) % 6], 'NORMAL',
       case when i % 5 = 0 then '{}'::text[]
            else array[(?::text[])[1 + i % 4]] || case when i % 3 = 0 then array[(?::text[])[1 + (i + 1) % 4]] else '{}' end end,
       ?::timestamptz - make_interval(secs => i * ?::float8)
     from generate_series(1, ?) i`,
    // Fourteen months of 30.4 days.
    [
      textArray(PARTIES),
      textArray(TOPICS),
      textArray(TOPICS),
      NOW,
      (14 * 30.4 * 86_400) / requests,
      requests,
    ],
  );
  await em.execute(
    `insert into report_assignment (assignment_id, rfi_id, requester_party, recipient_party, via_officer,
       priority, topics, assigned_at, due_at, acknowledged_at, responded_at, declined_at, paused_ms,
       responded_on_time)
     select md5('a' || r.reference || '/' || j)::uuid, r.rfi_id, r.requester_party,
       (?::text[])[1 + (array_position(?::text[], r.requester_party) + j) % 6], (n + j) % 11 = 0,
       r.priority, r.topics, r.submitted_at + interval '1 hour', r.submitted_at + interval '7 days',
       case when (n + j) % 4 <> 0 then r.submitted_at + interval '1 hour' + ack end,
       case when (n + j) % 6 not in (0, 1) then r.submitted_at + interval '1 hour' + ack * 9 + interval '10 minutes' end,
       case when (n + j) % 6 = 1 then r.submitted_at + interval '2 days' end,
       case when (n + j) % 13 = 0 then 3600000 else 0 end,
       case when (n + j) % 6 not in (0, 1) then ack * 9 < interval '7 days' end
     from (select *, substr(reference, 5)::int as n from report_request) r
     cross join generate_series(1, 1 + n % 3) j
     -- From no time at all to about 69 hours; responses nine times as long, and 10 minutes.
     cross join lateral (select make_interval(secs => ((n * 7919 + j * 104729) % 100000) ^ 1.6 / 400.0) as ack) d`,
    [textArray(PARTIES), textArray(PARTIES)],
  );
  await em.execute(
    `update report_assignment set acknowledged_at = null where acknowledged_at > ?`,
    [NOW],
  );
  await em.execute(
    `update report_assignment set responded_at = null, responded_on_time = null where responded_at > ?`,
    [NOW],
  );
}

export const secretariat: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'secretariat',
  role: 'secretariat',
  party: null,
  officerId: null,
};

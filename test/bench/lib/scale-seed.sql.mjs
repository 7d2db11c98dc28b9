// The SQL that seeds one batch of RFIs for `--scale`, straight into the rfi-service's tables
// (apps/rfi-service/src/infrastructure/persistence/*.migration.ts), shaped as the service writes
// them: history lines included, since the list's `updatedAt` and a read's version come from them.
//
// Parameters: $1 party codes, $2 their focal points' user ids, $3 their usernames, $4 the index
// (1-based) of the party the benchmark reads as, $5 the newest creation time, $6..$7 the batch's
// numbers, $8 the secretariat's user id, $9 messages per RFI, $10 title words, $11 question words.
//
// Ids carry the prefix b5eed0xx so seeded rows can be counted and deleted again. RFI i gets
// k = 1 + i % 3 recipients (one: bilateral, routed at once by the requester; more: multilateral,
// routed by the secretariat two hours later); every fourth RFI goes first to the benchmark's party.
// Messages are RESPONSEs, message m on the assignment m % k; 70 % of RFIs stay ROUTED, 30 % are
// CLOSED five days after routing.

export const SEEDED_RFI = {
  low: 'b5eed000-0000-4000-8000-000000000000',
  high: 'b5eed000-0000-4000-8000-ffffffffffff',
};

export const BATCH_SQL = [
  `create temp table seed_batch on commit drop as
   with base as (
     select i, cardinality($1::text[]) as n, 1 + (i % 3) as k,
            1 + ((i * 7) % cardinality($1::text[])) as req0,
            date_trunc('milliseconds', $5::timestamptz) - make_interval(secs => i * 31) as created_at
     from generate_series($6::int, $7::int) as i
   ), req as (
     select b.*, case when i % 4 = 0 and req0 = $4 then 1 + (req0 % n) else req0 end as req from base b
   )
   select i, n, k, req, created_at,
          ('b5eed000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid as id,
          case when i % 4 = 0 then ((($4 - req) % n) + n) % n else 1 + ((i * 13) % (n - 1)) end as offset0,
          case when i % 10 < 7 then 'ROUTED' else 'CLOSED' end as status,
          created_at + case when k = 1 then interval '0' else interval '2 hours' end as routed_at
   from req`,
  `create temp table seed_assignment on commit drop as
   select s.i, j, s.id as rfi_id, p.r,
          ('b5eed001-' || lpad(to_hex(j), 4, '0') || '-4000-8000-' || lpad(to_hex(s.i), 12, '0'))::uuid as id,
          s.routed_at as assigned_at,
          case when j < $9::int then s.routed_at + make_interval(hours => j + 1) end as responded_at
   from seed_batch s
   cross join lateral generate_series(0, s.k - 1) as j
   cross join lateral (select 1 + ((s.req - 1 + 1 + ((s.offset0 - 1 + j) % (s.n - 1))) % s.n) as r) p`,
  // Per RFI, its recipients in order: for target_parties and the ROUTED line's details.
  `create temp table seed_routed on commit drop as
   select a.rfi_id, array_agg(($1::text[])[a.r] order by a.j) as parties,
          jsonb_agg(jsonb_build_object(
            'dueAt', to_char((a.assigned_at + interval '7 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'party', ($1::text[])[a.r], 'officerId', null, 'assignmentId', a.id) order by a.j) as recipients
   from seed_assignment a group by a.rfi_id`,
  'analyze seed_batch',
  'analyze seed_assignment',
  'analyze seed_routed',
  // Assignments before their RFIs (the foreign keys are deferred): the RFI's insert then computes
  // focal_recipients itself (focal-recipients.migration.ts), and no RFI row is written twice.
  `insert into rfi_assignment (id, rfi_id, recipient_party, officer_id, status, assigned_at, due_at,
     acknowledged_at, responded_at, escalation_level, ordinal, posting_id)
   select a.id, a.rfi_id, ($1::text[])[a.r], null, case when a.responded_at is null then 'PENDING' else 'RESPONDED' end,
     a.assigned_at, a.assigned_at + interval '7 days', a.responded_at, a.responded_at, 0, a.j, null
   from seed_assignment a`,
  `insert into information_request (id, reference, requester_party, created_by, title, question, topics,
     priority, channel, target_parties, handling_code, handling_note, secretariat_access, language, status,
     created_at, updated_at, submitted_at, routed_at, closed_at, outcome, version)
   select s.id, 'RFI-2026-Z' || lpad(upper(to_hex(s.i)), 7, '0'), ($1::text[])[s.req], ($2::uuid[])[s.req],
     'Request on ' || ($10::text[])[1 + (s.i * 7) % cardinality($10::text[])] || ' '
       || ($10::text[])[1 + (s.i * 11 + 3) % cardinality($10::text[])] || ' and '
       || ($10::text[])[1 + (s.i * 17 + 5) % cardinality($10::text[])],
     'Do you hold information on ' || ($11::text[])[1 + (s.i * 3) % cardinality($11::text[])] || ' and '
       || ($11::text[])[1 + (s.i * 19 + 1) % cardinality($11::text[])] || ', '
       || ($11::text[])[1 + (s.i * 23 + 2) % cardinality($11::text[])] || ' they use and '
       || ($11::text[])[1 + (s.i * 29 + 7) % cardinality($11::text[])] || ' named in case ' || s.i || '?',
     case when s.i % 8 = (s.i * 3 + 1) % 8
       then array[(array['ASYLUM','SMUGGLING_OF_MIGRANTS','TRAFFICKING_IN_HUMAN_BEINGS','RETURN_READMISSION','REINTEGRATION','BORDER_MANAGEMENT','DOCUMENT_FRAUD','LEGAL_PATHWAYS'])[1 + s.i % 8]]
       else array[(array['ASYLUM','SMUGGLING_OF_MIGRANTS','TRAFFICKING_IN_HUMAN_BEINGS','RETURN_READMISSION','REINTEGRATION','BORDER_MANAGEMENT','DOCUMENT_FRAUD','LEGAL_PATHWAYS'])[1 + s.i % 8],
                  (array['ASYLUM','SMUGGLING_OF_MIGRANTS','TRAFFICKING_IN_HUMAN_BEINGS','RETURN_READMISSION','REINTEGRATION','BORDER_MANAGEMENT','DOCUMENT_FRAUD','LEGAL_PATHWAYS'])[1 + (s.i * 3 + 1) % 8]] end,
     (array['URGENT','HIGH','NORMAL','LOW'])[1 + s.i % 4],
     case when s.k = 1 then 'BILATERAL' else 'MULTILATERAL' end,
     d.parties,
     'H1', null, case when s.i % 5 = 0 then 'METADATA_ONLY' else 'FULL' end, 'en', s.status,
     s.created_at,
     case when s.status = 'CLOSED' then s.routed_at + interval '5 days'
          else s.routed_at + make_interval(hours => $9::int) end,
     s.created_at, s.routed_at,
     case when s.status = 'CLOSED' then s.routed_at + interval '5 days' end,
     case when s.status = 'CLOSED' then 'Answered' end,
     3 + $9::int + case when s.status = 'CLOSED' then 1 else 0 end
   from seed_batch s join seed_routed d on d.rfi_id = s.id`,
  `insert into rfi_message (id, rfi_id, assignment_id, kind, author_user_id, author_role, author_party, body,
     handling_code, source_reliability, accuracy, releasability, posted_at)
   select ('b5eed002-' || lpad(to_hex(m), 4, '0') || '-4000-8000-' || lpad(to_hex(s.i), 12, '0'))::uuid,
     s.id, a.id, 'RESPONSE', ($2::uuid[])[a.r], 'focal_point', ($1::text[])[a.r],
     'Our services know of ' || ($11::text[])[1 + (s.i + m * 5) % cardinality($11::text[])]
       || '; the attached report names ' || ($11::text[])[1 + (s.i * 7 + m) % cardinality($11::text[])]
       || ' and their contacts in detail.',
     'H1', 'B', 2, 'REQUESTER', s.routed_at + make_interval(hours => m + 1)
   from seed_batch s
   cross join lateral generate_series(0, $9::int - 1) as m
   join seed_assignment a on a.rfi_id = s.id and a.j = m % s.k`,
  // One statement, ordered, so each RFI's lines get ascending ids in the order they happened.
  `insert into rfi_history (rfi_id, at, action, actor_user_id, actor_username, actor_role, actor_party, assignment_id, details)
   select rfi_id, at, action, actor_user_id, actor_username, actor_role, actor_party, assignment_id, details
   from (
     select s.i, 0 as seq, s.id as rfi_id, s.created_at as at, 'CREATED' as action, ($2::uuid[])[s.req] as actor_user_id,
            ($3::text[])[s.req] as actor_username, 'focal_point' as actor_role, ($1::text[])[s.req] as actor_party,
            null::uuid as assignment_id,
            jsonb_build_object('channel', case when s.k = 1 then 'BILATERAL' else 'MULTILATERAL' end,
                               'priority', (array['URGENT','HIGH','NORMAL','LOW'])[1 + s.i % 4]) as details
     from seed_batch s
     union all
     select s.i, 1, s.id, s.created_at, 'SUBMITTED', ($2::uuid[])[s.req], ($3::text[])[s.req], 'focal_point',
            ($1::text[])[s.req], null, jsonb_build_object('channel', case when s.k = 1 then 'BILATERAL' else 'MULTILATERAL' end)
     from seed_batch s
     union all
     select s.i, 2, s.id, s.routed_at, 'ROUTED',
            case when s.k = 1 then ($2::uuid[])[s.req] else $8::uuid end,
            case when s.k = 1 then ($3::text[])[s.req] else 'secretariat' end,
            case when s.k = 1 then 'focal_point' else 'secretariat' end,
            case when s.k = 1 then ($1::text[])[s.req] end, null,
            jsonb_build_object('by', case when s.k = 1 then 'bilateral' else 'secretariat' end, 'note', null,
              'recipients', d.recipients)
     from seed_batch s join seed_routed d on d.rfi_id = s.id
     union all
     select s.i, 3 + m, s.id, s.routed_at + make_interval(hours => m + 1), 'RESPONDED', ($2::uuid[])[a.r],
            ($3::text[])[a.r], 'focal_point', ($1::text[])[a.r], a.id,
            jsonb_build_object('messageId', ('b5eed002-' || lpad(to_hex(m), 4, '0') || '-4000-8000-' || lpad(to_hex(s.i), 12, '0')),
                               'recipientParty', ($1::text[])[a.r])
     from seed_batch s
     cross join lateral generate_series(0, $9::int - 1) as m
     join seed_assignment a on a.rfi_id = s.id and a.j = m % s.k
     union all
     select s.i, 1000, s.id, s.routed_at + interval '5 days', 'CLOSED', ($2::uuid[])[s.req], ($3::text[])[s.req],
            'focal_point', ($1::text[])[s.req], null, '{}'::jsonb
     from seed_batch s where s.status = 'CLOSED'
   ) lines
   order by i desc, seq`,
];

export const TITLE_WORDS = [
  'smuggling',
  'networks',
  'facilitators',
  'routes',
  'documents',
  'forged',
  'passports',
  'visas',
  'boats',
  'departures',
  'trucks',
  'crossings',
  'border',
  'checkpoints',
  'returnees',
  'readmission',
  'reintegration',
  'asylum',
  'claims',
  'trafficking',
  'victims',
  'recruiters',
  'payments',
  'hawala',
  'safe',
  'houses',
  'drivers',
  'guides',
  'corridors',
  'airports',
  'transit',
  'hubs',
  'sponsors',
  'labour',
  'exploitation',
  'minors',
  'families',
  'convoys',
  'camps',
  'permits',
];

export const QUESTION_WORDS = [
  'the three facilitators',
  'the network leaders',
  'recent departures',
  'the forged documents',
  'the money transfers',
  'the safe houses',
  'the transport companies',
  'the travel agencies',
  'the recruiters',
  'the border crossings',
  'the vehicles',
  'the phone numbers',
  'the accomplices',
  'the victims',
  'the smuggling fees',
  'the routes',
  'the visa sponsors',
  'the intermediaries',
  'the document vendors',
  'the boat owners',
  'the drivers',
  'the guides',
  'the hawala brokers',
  'the airline tickets',
  'the hotels',
  'the shell companies',
  'the accounts',
  'the aliases',
  'the meeting points',
  'the convoys',
];

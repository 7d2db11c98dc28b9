// The SQL that seeds one batch of requests for `--statistics`, straight into the reporting-service's
// read model (report_request, report_assignment: apps/reporting-service/.../reporting.migration.ts),
// with the columns its event handlers would have written (report-model.ts, assignment-record.ts).
//
// Parameters: $1 party codes (libs/reference PARTIES), $2 a weighted lottery of 1-based indexes
// into $1, $3 topic codes (libs/reference TOPICS), $4 a weighted lottery of indexes into $3, $5 the
// newest submission time, $6 the seconds the volume spans, $7 the total number of requests, $8..$9
// the batch's numbers, $10 now (what has happened by then is in the rows, the rest is not yet).
//
// Request i is submitted (i - 1) × span / total seconds before the newest, plus up to 90 s, so the
// volume spreads evenly over the span. It has 1 recipient (60 %), 2 (25 %) or 3 (15 %), all other
// parties than the requester; a bilateral one is routed at once, and 6 % of those also go to a
// liaison officer of the requester posted with the recipient (via_officer, not counted as
// received); a multilateral one is routed by the secretariat 30 min to 36 h later. Priority URGENT
// 5 %, HIGH 20 %, NORMAL 55 %, LOW 20 %, due 8 h, 3 d, 7 d, 28 d after routing. One or two topics.
//
// Each assignment: 84 % respond (time on the recipient's clock exponential, mean 0.55 × the due
// period, so about 84 % of those on time), acknowledged first (mean 0.08 ×) or by the response
// itself (15 %); 6 % decline (half of them acknowledged first); 10 % never answer (40 % of those
// acknowledged). 5 % had a clarification asked on the way (the clock
// stood for a mean of 0.25 × the due period and the due time moved by as much). A request with a
// silent recipient is closed (withdrawn) 45 to 75 days after routing (90 %); one with every
// recipient answered is closed a mean of 3 days after the last answer (75 %); the rest stay open.
// Nothing after now or after the close happened: recent assignments are open, some overdue, a few
// paused (a clarification still owed). An assignment's escalation level follows how late it went.
//
// Ids carry the prefix b5eed010 (requests) and b5eed011 (assignments), so seeded rows can be
// counted and deleted again.

export const SEEDED_REPORT = {
  low: 'b5eed010-0000-4000-8000-000000000000',
  high: 'b5eed010-0000-4000-8000-ffffffffffff',
};

export const REPORT_BATCH_SQL = [
  // Per request: who files, its recipients' positions, priority, topics, when it was routed.
  `create temp table stat_request on commit drop as
   with base as materialized (
     select i, cardinality($1::text[]) as n,
       $5::timestamptz - make_interval(secs => (i - 1) * $6::float8 / $7::int + random() * 90) as submitted_at,
       random() as u_req, random() as u_k, random() as u_pri, random() as u_t1, random() as u_t2,
       random() as u_route, random() as u_first, random() as u_step, random() as u_officer,
       random() as u_close
     from generate_series($8::int, $9::int) as i
   ), drawn as (
     select b.*, ($2::int[])[1 + floor(u_req * cardinality($2::int[]))::int] as req,
       ($2::int[])[1 + floor(u_first * cardinality($2::int[]))::int] as first,
       ($4::int[])[1 + floor(u_t1 * cardinality($4::int[]))::int] as t1,
       case when u_k < 0.6 then 1 when u_k < 0.85 then 2 else 3 end as k,
       case when u_pri < 0.05 then 1 when u_pri < 0.25 then 2 when u_pri < 0.8 then 3 else 4 end as p
     from base b
   )
   select i, n, req, k, u_close,
     ('b5eed010-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid as rfi_id,
     submitted_at,
     case when first = req then 1 + req % n else first end as r0,
     1 + floor(u_step * (n - 1))::int as step,
     case when k = 1 and u_officer < 0.06 then 1 else 0 end as officers,
     (array['URGENT','HIGH','NORMAL','LOW'])[p] as priority,
     make_interval(hours => (array[8, 72, 168, 672])[p]) as due_in,
     case when u_t2 < 0.35
       then array[($3::text[])[t1], ($3::text[])[1 + (t1 + floor(u_t2 / 0.35 * (cardinality($3::text[]) - 1))::int) % cardinality($3::text[])]]
       else array[($3::text[])[t1]] end as topics,
     case when k = 1 then submitted_at else submitted_at + make_interval(secs => 1800 + u_route * 127800) end as routed_at
   from drawn`,
  // Per assignment: its recipient and when each thing would happen if nothing stopped it.
  `create temp table stat_assignment on commit drop as
   with base as materialized (
     select s.i, s.rfi_id, s.req, s.priority, s.topics, s.routed_at as assigned_at, s.due_in, j,
       j = s.k as via_officer,
       case when j = s.k then s.r0 else 1 + (s.r0 - 1 + j * s.step) % s.n end as r,
       (j = 2 and (2 * s.step) % s.n = 0) as repeats,
       random() as u_out, random() as u_ack, random() as u_resp, random() as u_noack,
       random() as u_pause, random() as u_pause_at, random() as u_pause_len
     from stat_request s cross join lateral generate_series(0, s.k - 1 + s.officers) as j
   ), drawn as (
     select b.*,
       case when u_out < 0.06 then 'DECLINED' when u_out < 0.16 then 'SILENT' else 'RESPONDED' end as outcome,
       -ln(1 - u_resp) * (case when u_out < 0.06 then 0.3 else 0.55 end) as answer_share,
       least(-ln(1 - u_resp) * (case when u_out < 0.06 then 0.3 else 0.55 end), -ln(1 - u_ack) * 0.08) as ack_share,
       case when u_pause < 0.05 then due_in * (-ln(1 - u_pause_len) * 0.25) end as pause_len
     from base b where r <> req and not repeats
   )
   select i, rfi_id, req, r, j, via_officer, priority, topics, assigned_at, due_in, outcome, pause_len,
     case when pause_len is not null then assigned_at + due_in * (answer_share * u_pause_at) end as pause_at,
     case when outcome = 'RESPONDED' and u_noack < 0.15 then null
          when outcome = 'DECLINED' and u_noack < 0.5 then null
          when outcome = 'SILENT' and u_noack < 0.6 then null
          else assigned_at + due_in * ack_share
            + case when pause_len is not null and ack_share > answer_share * u_pause_at then pause_len else interval '0' end
     end as ack_t,
     case when outcome <> 'SILENT' then assigned_at + due_in * answer_share + coalesce(pause_len, interval '0') end as answer_t
   from drawn`,
  // Per request: when it was closed, if ever.
  `create temp table stat_close on commit drop as
   select s.rfi_id,
     case when bool_or(a.outcome = 'SILENT') then
            case when s.u_close < 0.9 then s.routed_at + make_interval(days => 45) + make_interval(secs => s.u_close / 0.9 * 30 * 86400) end
          when s.u_close < 0.75 then max(a.answer_t) + make_interval(secs => -ln(1 - s.u_close / 0.75) * 3 * 86400)
     end as closed_t
   from stat_request s join stat_assignment a on a.rfi_id = s.rfi_id
   group by s.rfi_id, s.u_close, s.routed_at`,
  'analyze stat_request',
  'analyze stat_assignment',
  'analyze stat_close',
  `insert into report_request (rfi_id, reference, requester_party, priority, topics, submitted_at, closed_at)
   select s.rfi_id, 'RFI-' || to_char(s.submitted_at at time zone 'UTC', 'YYYY') || '-S' || lpad(upper(to_hex(s.i)), 6, '0'),
     ($1::text[])[s.req], s.priority, s.topics, s.submitted_at, case when c.closed_t <= $10 then c.closed_t end
   from stat_request s join stat_close c on c.rfi_id = s.rfi_id`,
  // What happened by now (or by the close, which stops everything after it), as applyFact leaves it.
  `insert into report_assignment (assignment_id, rfi_id, requester_party, recipient_party, via_officer, priority,
     topics, assigned_at, due_at, acknowledged_at, responded_at, declined_at, closed_at, paused_since, paused_ms,
     escalation_level, responded_on_time)
   select ('b5eed011-' || lpad(to_hex(a.j), 4, '0') || '-4000-8000-' || lpad(to_hex(a.i), 12, '0'))::uuid,
     a.rfi_id, ($1::text[])[a.req], ($1::text[])[a.r], a.via_officer, a.priority, a.topics, a.assigned_at,
     t.due_at, t.acknowledged_at, t.responded_at, t.declined_at, t.closed_at, t.paused_since, t.paused_ms,
     case when t.late <= interval '0' then 0 when t.late <= a.due_in / 2 then 1 when t.late <= a.due_in then 2 else 3 end,
     case when t.responded_at is not null then t.responded_at <= t.due_at end
   from stat_assignment a join stat_close c on c.rfi_id = a.rfi_id
   cross join lateral (select least($10::timestamptz, coalesce(c.closed_t, 'infinity')) as by_then,
                              case when c.closed_t <= $10 then c.closed_t end as closed_at) h
   cross join lateral (select
       case when a.ack_t <= h.by_then then a.ack_t end as ack,
       case when a.answer_t <= h.by_then then a.answer_t end as answer,
       a.pause_at <= h.by_then as paused,
       a.pause_at + a.pause_len <= h.by_then as clarified) e
   cross join lateral (select
       a.assigned_at + a.due_in + case when e.clarified then a.pause_len else interval '0' end as due_at,
       case when e.answer is not null and a.outcome = 'RESPONDED' then coalesce(e.ack, e.answer)
            else e.ack end as acknowledged_at,
       case when a.outcome = 'RESPONDED' then e.answer end as responded_at,
       case when a.outcome = 'DECLINED' then e.answer end as declined_at,
       h.closed_at,
       case when e.paused and not e.clarified and h.closed_at is null then a.pause_at end as paused_since,
       (case when e.clarified then extract(epoch from a.pause_len) * 1000
             when e.paused and h.closed_at is not null then extract(epoch from h.closed_at - a.pause_at) * 1000
             else 0 end)::bigint as paused_ms) t0
   cross join lateral (select t0.*,
       coalesce(t0.responded_at, t0.declined_at, t0.closed_at, t0.paused_since, $10::timestamptz) - t0.due_at as late) t`,
];

import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';
import { DURATION_HISTOGRAM } from '../../domain/duration-histogram';

const { firstBound, growth, last } = DURATION_HISTOGRAM;

/**
 * The SQL of durationBucket (domain/duration-histogram.ts) over an interval, in double precision
 * (date_part; extract's numeric costs more than the rest of the query).
 */
const BUCKET_FUNCTION = `create function report_health_bucket(duration interval) returns integer
  language sql immutable parallel safe as $$
    select case
      when duration is null then 0
      when date_part('epoch', duration) / 3600 < ${firstBound} then 1
      else least(${last}, 2 + floor(ln(date_part('epoch', duration) / 3600 / ${firstBound})
        / ln(${growth}))::integer)
    end $$`;

/**
 * Adds `sign` × one request's or one assignment's share to each cell it counts in: every party's
 * ('') and its party's, under no topic ('': all topics) and under each of its topics. A cell whose
 * rows have all gone stays, at zero: readers skip it. A cell's
 * histograms count `received` × `sign` at the assignment's buckets (0 when it has no duration yet).
 * Unqualified table names, so that a rebuild writing under its own search_path counts into its
 * own copy; functions qualified, so that they are found there too.
 */
const ADD_FUNCTION = `create function report_health_add(month date, party text, topics text[],
    sign integer, filed integer, received integer, acknowledged integer, responded integer,
    declined integer, on_time integer, ack_bucket integer, respond_bucket integer)
  returns void language plpgsql as $$
  declare
    cell_party text;
    cell_topic text;
    ack_share integer[] := array_fill(0, array[${last + 1}], array[0]);
    respond_share integer[] := array_fill(0, array[${last + 1}], array[0]);
  begin
    -- One writer of these cells at a time: runs of events touch the cells of several months in
    -- any order, and two of them would otherwise deadlock. Per schema: a rebuild does not wait.
    perform pg_advisory_xact_lock(hashtext(current_schema() || '.report_health_cell'));
    ack_share[ack_bucket] := sign * received;
    respond_share[respond_bucket] := sign * received;
    foreach cell_party in array array['', party] loop
      for cell_topic in select '' union all (select distinct t from unnest(topics) t order by t) loop
        -- One statement a cell: a cell is never deleted, so no writer can miss one.
        insert into report_health_cell as c (month, party, topic, filed, received, acknowledged,
            responded, declined, on_time, ack_hours, respond_hours)
          values (report_health_add.month, cell_party, cell_topic, sign * report_health_add.filed,
            sign * report_health_add.received, sign * report_health_add.acknowledged,
            sign * report_health_add.responded, sign * report_health_add.declined,
            sign * report_health_add.on_time, ack_share, respond_share)
          -- By the key's name: its columns' names are this function's parameters' too.
          on conflict on constraint report_health_cell_pkey do update set
            filed = c.filed + excluded.filed,
            received = c.received + excluded.received,
            acknowledged = c.acknowledged + excluded.acknowledged,
            responded = c.responded + excluded.responded,
            declined = c.declined + excluded.declined,
            on_time = c.on_time + excluded.on_time,
            ack_hours[ack_bucket] = c.ack_hours[ack_bucket] + sign * report_health_add.received,
            respond_hours[respond_bucket] = c.respond_hours[respond_bucket] + sign * report_health_add.received;
      end loop;
    end loop;
  end $$`;

/** A month of the model: the first day of the UTC month of `at`. */
const monthOf = (at: string) => `date_trunc('month', ${at} at time zone 'UTC')::date`;

/** The buckets and counts one assignment row (`row`) adds, in report_health_add's order. */
const assignmentShare = (row: string) => `${monthOf(`${row}.assigned_at`)}, ${row}.recipient_party,
  ${row}.topics, SIGN, 0, 1, (${row}.acknowledged_at is not null)::int,
  (${row}.responded_at is not null)::int, (${row}.declined_at is not null)::int,
  coalesce(${row}.responded_on_time, false)::int,
  public.report_health_bucket(${row}.acknowledged_at - ${row}.assigned_at),
  public.report_health_bucket(${row}.responded_at - ${row}.assigned_at - ${row}.paused_ms * interval '1 millisecond')`;

const ASSIGNMENT_TRIGGER_FUNCTION = `create function report_health_assignment_changed()
  returns trigger language plpgsql as $$
  begin
    if current_setting('bp.health_cells', true) = 'off' then return null; end if;
    if tg_op = 'UPDATE' and not old.via_officer and not new.via_officer
      and row(${assignmentShare('old').replace('SIGN', '1')})::text
        = row(${assignmentShare('new').replace('SIGN', '1')})::text then
      return null;
    end if;
    if tg_op <> 'INSERT' and not old.via_officer then
      perform public.report_health_add(${assignmentShare('old').replace('SIGN', '-1')});
    end if;
    if tg_op <> 'DELETE' and not new.via_officer then
      perform public.report_health_add(${assignmentShare('new').replace('SIGN', '1')});
    end if;
    return null;
  end $$`;

const requestShare = (row: string, sign: number) =>
  `${monthOf(`${row}.submitted_at`)}, ${row}.requester_party, ${row}.topics, ${sign}, 1, 0, 0, 0, 0, 0, 0, 0`;

const REQUEST_TRIGGER_FUNCTION = `create function report_health_request_changed()
  returns trigger language plpgsql as $$
  begin
    if current_setting('bp.health_cells', true) = 'off' then return null; end if;
    if tg_op = 'UPDATE' and old.submitted_at = new.submitted_at
      and old.requester_party = new.requester_party and old.topics = new.topics then
      return null;
    end if;
    if tg_op <> 'INSERT' then perform public.report_health_add(${requestShare('old', -1)}); end if;
    if tg_op <> 'DELETE' then perform public.report_health_add(${requestShare('new', 1)}); end if;
    return null;
  end $$`;

/**
 * Every cell counted afresh from the rows, in one statement per side: after a bulk load written
 * with the triggers off (`set bp.health_cells = 'off'`), or to check the cells the triggers kept.
 */
const REFILL_FUNCTION = `create function report_health_refill() returns void language plpgsql as $$
  begin
    delete from report_health_cell;
    insert into report_health_cell (month, party, topic, filed)
      select ${monthOf('r.submitted_at')}, p.party, t.topic, count(*)
      from report_request r
      cross join lateral (values (r.requester_party), ('')) p(party)
      cross join lateral (select '' union all select distinct u from unnest(r.topics) u) t(topic)
      group by 1, 2, 3;
    with shares as (
      select ${monthOf('a.assigned_at')} as month, p.party, t.topic,
        a.acknowledged_at is not null as acknowledged, a.responded_at is not null as responded,
        a.declined_at is not null as declined, coalesce(a.responded_on_time, false) as on_time,
        public.report_health_bucket(a.acknowledged_at - a.assigned_at) as ack_bucket,
        public.report_health_bucket(a.responded_at - a.assigned_at - a.paused_ms * interval '1 millisecond') as respond_bucket
      from report_assignment a
      cross join lateral (values (a.recipient_party), ('')) p(party)
      cross join lateral (select '' union all select distinct u from unnest(a.topics) u) t(topic)
      where not a.via_officer
    ),
    counts as (
      select month, party, topic, count(*) as received, count(*) filter (where acknowledged) as acknowledged,
        count(*) filter (where responded) as responded, count(*) filter (where declined) as declined,
        count(*) filter (where on_time) as on_time
      from shares group by 1, 2, 3
    ),
    by_bucket as (
      select month, party, topic, 'ack' as side, ack_bucket as bucket, count(*) as n from shares group by 1, 2, 3, 5
      union all
      select month, party, topic, 'respond', respond_bucket, count(*) from shares group by 1, 2, 3, 5
    ),
    histograms as (
      select c.month, c.party, c.topic, s.side,
        -- Lower bound 0, as the cells' arrays have: bucket 0 is "no duration".
        ('[0:${last}]=' || array_agg(coalesce(b.n, 0) order by i)::text)::integer[] as hours
      from counts c
      cross join (values ('ack'), ('respond')) s(side)
      cross join generate_series(0, ${last}) i
      left join by_bucket b on b.month = c.month and b.party = c.party and b.topic = c.topic
        and b.side = s.side and b.bucket = i
      group by 1, 2, 3, 4
    )
    insert into report_health_cell as cell (month, party, topic, received, acknowledged, responded,
      declined, on_time, ack_hours, respond_hours)
    select c.month, c.party, c.topic, c.received, c.acknowledged, c.responded, c.declined, c.on_time,
      ack.hours, respond.hours
    from counts c
    join histograms ack on ack.month = c.month and ack.party = c.party and ack.topic = c.topic
      and ack.side = 'ack'
    join histograms respond on respond.month = c.month and respond.party = c.party
      and respond.topic = c.topic and respond.side = 'respond'
    on conflict (month, party, topic) do update set received = excluded.received,
      acknowledged = excluded.acknowledged, responded = excluded.responded,
      declined = excluded.declined, on_time = excluded.on_time,
      ack_hours = excluded.ack_hours, respond_hours = excluded.respond_hours;
  end $$`;

/**
 * Response health's monthly cells: per UTC month, party ('' for all) and topic ('' for all), what
 * was filed and received and how it went, with the times to acknowledge and respond in
 * log-spaced buckets (domain/duration-histogram.ts). Triggers keep them in step with
 * report_request and report_assignment in the same transaction, so a long window's figures read
 * a few hundred cells instead of half a million assignments (test/bench/RESULTS.md).
 */
class HealthCellsMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table report_health_cell (
      month date not null,
      party text not null,
      topic text not null,
      filed integer not null default 0,
      received integer not null default 0,
      acknowledged integer not null default 0,
      responded integer not null default 0,
      declined integer not null default 0,
      on_time integer not null default 0,
      ack_hours integer[] not null default array_fill(0, array[${last + 1}], array[0]),
      respond_hours integer[] not null default array_fill(0, array[${last + 1}], array[0]),
      primary key (month, party, topic)
    )`);
    this.addSql(BUCKET_FUNCTION);
    this.addSql(ADD_FUNCTION);
    this.addSql(ASSIGNMENT_TRIGGER_FUNCTION);
    this.addSql(REQUEST_TRIGGER_FUNCTION);
    this.addSql(REFILL_FUNCTION);
    this.addSql(`create trigger report_health_assignment after insert or update or delete
      on report_assignment for each row execute function report_health_assignment_changed()`);
    this.addSql(`create trigger report_health_request after insert or update or delete
      on report_request for each row execute function report_health_request_changed()`);
    // Counting afresh is the owner's (migrations, rebuilds, the benchmark's seeding), not the app's.
    this.addSql('revoke execute on function report_health_refill() from public');
    this.addSql('select report_health_refill()');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger report_health_request on report_request');
    this.addSql('drop trigger report_health_assignment on report_assignment');
    this.addSql('drop function report_health_refill()');
    this.addSql('drop function report_health_request_changed()');
    this.addSql('drop function report_health_assignment_changed()');
    this.addSql('drop function report_health_add');
    this.addSql('drop function report_health_bucket');
    this.addSql('drop table report_health_cell');
  }
}

export const HEALTH_CELLS_MIGRATION: MigrationObject = {
  name: 'Migration20261129150000_health_cells',
  class: HealthCellsMigration,
};

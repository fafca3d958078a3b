-- EXPLAIN ANALYZE of every statement GET /stats runs, on the group load.sql builds (best after
-- neighbours.sql, so that the tables hold other groups too, as in production):
--   psql -h 127.0.0.1 -U postgres -d "$DB" -f bench/dashboard-stats/explain.sql
-- queries.sql runs the same statements through pgbench for their latency without instrumentation.
\set g '''00000000-0000-7000-8000-00000000d0a5'''
\pset pager off
\echo '--- access check (groups): the caller''s role and ban, the group''s post policy'
explain (analyze, buffers, costs off) select m.role, m.muted_until, (g.kind = 'FAN' and g.visibility = 'PUBLIC'),
       exists (select 1 from group_ban b where b.group_id = g.id and b.user_id = 'creator'), g.post_policy
  from chat_group g left join group_member m on m.group_id = g.id and m.user_id = 'creator'
 where g.id = :g and g.deleted_at is null;
\echo '--- counts (groups): member count and pending join requests'
explain (analyze, buffers, costs off) select g.member_count,
       (select count(*) from join_request r where r.group_id = g.id and r.status = 'PENDING')
  from chat_group g where g.id = :g;
\echo '--- moderators (groups)'
explain (analyze, buffers, costs off) select user_id from group_member where group_id = :g and role in ('OWNER', 'ADMIN');
\echo '--- latest announcements (messaging)'
explain (analyze, buffers, costs off) select l.seq from unnest(array['creator', 'admin-1', 'admin-2']) as s(id)
 cross join lateral (select m.seq from message m where m.group_id = :g and m.sender_id = s.id
                       and m.type <> 'SYSTEM' and m.deleted_at is null order by m.seq desc limit 5) l
 order by l.seq desc limit 5;
\echo '--- active members and read counts, one pass over the member rows (groups)'
explain (analyze, buffers, costs off) select width_bucket(last_read_seq, array[992000, 994000, 996000, 998000, 1000000]::bigint[]) as bucket,
       count(*) filter (where greatest(last_read_at, last_posted_at) >= now() - interval '7 days') as active,
       count(*) as members
  from group_member where group_id = :g group by 1;
\echo '--- messages today (messaging)'
explain (analyze, buffers, costs off) select coalesce(sum(messages), 0) from message_hourly
 where group_id = :g and hour >= date_trunc('day', now(), 'UTC');
\echo '--- open reports (moderation)'
explain (analyze, buffers, costs off) select count(*) from message_report where group_id = :g and status = 'OPEN';
\echo '--- messages per day (messaging)'
explain (analyze, buffers, costs off) select (hour at time zone 'UTC')::date, sum(messages) from message_hourly
 where group_id = :g and hour >= date_trunc('day', now(), 'UTC') - interval '29 days' group by 1;
\echo '--- joins and leaves per day (groups)'
explain (analyze, buffers, costs off) select day, joins, leaves from group_member_daily
 where group_id = :g and day >= current_date - 29;
\echo '--- top posters (messaging)'
explain (analyze, buffers, costs off) select sender_id, sum(messages) as total from message_sender_daily
 where group_id = :g and day >= current_date - 29 group by sender_id order by total desc, sender_id limit 10;
\echo '--- names of the top posters (identity)'
explain (analyze, buffers, costs off) select id, name from user_profile
 where id in ('fan-1', 'fan-2', 'fan-3', 'fan-4', 'fan-5', 'fan-6', 'fan-7', 'fan-8', 'fan-9', 'fan-10');
\echo '--- peak hours (messaging)'
explain (analyze, buffers, costs off) select h, coalesce(sum(c.messages), 0) from generate_series(0, 23) h
  left join message_hourly c on c.group_id = :g and c.hour >= date_trunc('day', now(), 'UTC') - interval '29 days'
   and extract(hour from c.hour at time zone 'UTC') = h
 group by h order by h;
\echo '--- for comparison: counting the same 30 days from the messages themselves'
explain (analyze, buffers, costs off) select (created_at at time zone 'UTC')::date, count(*) from message
 where group_id = :g and created_at >= now() - interval '30 days' group by 1;
\echo '--- for comparison: the member pass as the generic plan a prepared statement gets without'
\echo '--- plan_cache_mode = force_custom_plan (GroupStats sets it for its transaction)'
set plan_cache_mode = force_generic_plan;
prepare member_pass(bigint[], timestamptz, uuid) as
select width_bucket(last_read_seq, $1) as bucket,
       count(*) filter (where greatest(last_read_at, last_posted_at) >= $2) as active, count(*) as members
  from group_member where group_id = $3 group by 1;
explain (analyze, buffers, costs off) execute member_pass(array[992000, 994000, 996000, 998000, 1000000]::bigint[],
                                                          now() - interval '7 days', :g);
deallocate member_pass;
reset plan_cache_mode;

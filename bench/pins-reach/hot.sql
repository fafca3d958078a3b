-- How many read-marker moves stay HOT updates, with and without group_member_by_read. Each round
-- moves the markers of 10,000 fans forward (every 10th fan, a different tenth each round). The
-- first round makes room: its updates leave dead tuples on the freshly loaded, full pages, and
-- VACUUM (as autovacuum would) frees that space, so the later rounds find room on the same pages.
--   psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -f bench/pins-reach/hot.sql
-- Run it on a throwaway copy: it drops and recreates the index.
\pset pager off
create temporary table round (label text, upd bigint, hot bigint);
create function pg_temp.move_markers(tenth int) returns void language sql as $$
  update group_member set last_read_seq = last_read_seq + 1, last_read_at = now()
   where group_id = '00000000-0000-7000-8000-00000000d0a5'
     and user_id in (select 'fan-' || i from generate_series(tenth, 99997, 10) i);
$$;
create function pg_temp.snapshot(label text) returns void language sql as $$
  insert into round select label, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'group_member';
$$;
drop index if exists group_member_by_read;
select pg_temp.move_markers(1);
vacuum group_member;
select pg_stat_force_next_flush();
select pg_sleep(1.1);
select pg_temp.snapshot('without the index: before');
select pg_temp.move_markers(5);
select pg_stat_force_next_flush();
select pg_sleep(1.1);
select pg_temp.snapshot('without the index');
create index group_member_by_read on group_member (group_id, last_read_seq);
vacuum group_member;
select pg_stat_force_next_flush();
select pg_sleep(1.1);
select pg_temp.snapshot('with the index: before');
select pg_temp.move_markers(7);
select pg_stat_force_next_flush();
select pg_sleep(1.1);
select pg_temp.snapshot('with the index');
select label, updates, hot_updates from (
  select label, upd - lag(upd) over (order by ctid) as updates, hot - lag(hot) over (order by ctid) as hot_updates
    from round) r
 where label not like '%before';

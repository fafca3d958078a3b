-- EXPLAIN ANALYZE of the statements GET /api/v1/groups/{groupId}/messages/{seq}/reach runs, on the
-- group bench/dashboard-stats/load.sql builds (100,000 members, 1,000,000 messages; best after
-- neighbours.sql). Messages by 'creator' every 2,000th seq; read markers spread towards the end.
--   psql -h 127.0.0.1 -U postgres -d "$DB" -v seq=998000 -f bench/pins-reach/explain.sql
\set g '''00000000-0000-7000-8000-00000000d0a5'''
\pset pager off
\echo '--- the caller''s standing (groups, GroupAccess.standing): role, ban, post policy'
explain (analyze, buffers, costs off) select m.role, m.muted_until, (g.kind = 'FAN' and g.visibility = 'PUBLIC'),
       exists (select 1 from group_ban b where b.group_id = g.id and b.user_id = 'admin-1'), g.post_policy
  from chat_group g left join group_member m on m.group_id = g.id and m.user_id = 'admin-1'
 where g.id = :g and g.deleted_at is null;
\echo '--- the message (messaging, History.find)'
explain (analyze, buffers, costs off) select id, group_id, seq, sender_id, deleted_at from message
 where group_id = :g and seq = :seq;
\echo '--- is it pinned (pins)'
explain (analyze, buffers, costs off) select seq, pinned_by, pinned_at, until, announcement from message_pin
 where group_id = :g and seq = :seq and (until is null or until > now());
\echo '--- the read-through (groups, ReadMarkers.readThrough), FAN: no reader list'
explain (analyze, buffers, costs off) select g.member_count - (s.user_id is not null)::int as member_count,
       (select count(*) from group_member m where m.group_id = g.id and m.last_read_seq >= :seq)
         - coalesce((s.last_read_seq >= :seq)::int, 0) as read_count,
       case when false then array(
           select m.user_id from group_member m
            where m.group_id = g.id and m.last_read_seq >= :seq and m.user_id <> 'creator'
            order by m.user_id) end as readers
  from chat_group g left join group_member s on s.group_id = g.id and s.user_id = 'creator'
 where g.id = :g and g.deleted_at is null;

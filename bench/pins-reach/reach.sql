-- pgbench script: the read-through statement alone, for its latency without instrumentation.
--   pgbench -h 127.0.0.1 -U postgres -n -t 200 -D seq=998000 -f bench/pins-reach/reach.sql "$DB"
select g.member_count - (s.user_id is not null)::int as member_count,
       (select count(*) from group_member m where m.group_id = g.id and m.last_read_seq >= :seq)
         - coalesce((s.last_read_seq >= :seq)::int, 0) as read_count
  from chat_group g left join group_member s on s.group_id = g.id and s.user_id = 'creator'
 where g.id = '00000000-0000-7000-8000-00000000d0a5' and g.deleted_at is null;

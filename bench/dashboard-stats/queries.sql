-- The statements one GET /api/v1/groups/{groupId}/stats?days=30 runs, in its order, with the values it
-- binds for the group load.sql builds (a pgbench script: -r prints each statement's mean latency).
--   pgbench -h 127.0.0.1 -U postgres -n -r -t 20 -f bench/dashboard-stats/queries.sql "$DB"
-- access check (groups)
select m.role, m.muted_until, (g.kind = 'FAN' and g.visibility = 'PUBLIC') as public_readable, exists (select 1 from group_ban b where b.group_id = g.id and b.user_id = 'creator') as banned, g.post_policy from chat_group g left join group_member m on m.group_id = g.id and m.user_id = 'creator' where g.id = '00000000-0000-7000-8000-00000000d0a5' and g.deleted_at is null;
-- member count and pending join requests (groups)
select g.member_count, (select count(*) from join_request r where r.group_id = g.id and r.status = 'PENDING') from chat_group g where g.id = '00000000-0000-7000-8000-00000000d0a5';
-- moderators (groups)
select user_id from group_member where group_id = '00000000-0000-7000-8000-00000000d0a5' and role in ('OWNER', 'ADMIN');
-- latest announcements (messaging)
select l.seq from unnest(array['creator', 'admin-1', 'admin-2']) as s(id) cross join lateral (select m.seq from message m where m.group_id = '00000000-0000-7000-8000-00000000d0a5' and m.sender_id = s.id and m.type <> 'SYSTEM' and m.deleted_at is null order by m.seq desc limit 5) l order by l.seq desc limit 5;
-- active members and read counts (groups)
select width_bucket(last_read_seq, array[992000, 994000, 996000, 998000, 1000000]::bigint[]) as bucket, count(*) filter (where greatest(last_read_at, last_posted_at) >= now() - interval '7 days') as active, count(*) as members from group_member where group_id = '00000000-0000-7000-8000-00000000d0a5' group by 1;
-- messages today (messaging)
select coalesce(sum(messages), 0) from message_hourly where group_id = '00000000-0000-7000-8000-00000000d0a5' and hour >= date_trunc('day', now(), 'UTC');
-- open reports (moderation)
select count(*) from message_report where group_id = '00000000-0000-7000-8000-00000000d0a5' and status = 'OPEN';
-- messages per day (messaging)
select (hour at time zone 'UTC')::date, sum(messages) from message_hourly where group_id = '00000000-0000-7000-8000-00000000d0a5' and hour >= date_trunc('day', now(), 'UTC') - interval '29 days' group by 1;
-- joins and leaves per day (groups)
select day, joins, leaves from group_member_daily where group_id = '00000000-0000-7000-8000-00000000d0a5' and day >= current_date - 29;
-- top posters (messaging)
select sender_id, sum(messages) as total from message_sender_daily where group_id = '00000000-0000-7000-8000-00000000d0a5' and day >= current_date - 29 group by sender_id order by total desc, sender_id limit 10;
-- their names (identity)
select id, name from user_profile where id in ('fan-1', 'fan-2', 'fan-3', 'fan-4', 'fan-5', 'fan-6', 'fan-7', 'fan-8', 'fan-9', 'fan-10');
-- peak hours (messaging)
select h, coalesce(sum(c.messages), 0) from generate_series(0, 23) h left join message_hourly c on c.group_id = '00000000-0000-7000-8000-00000000d0a5' and c.hour >= date_trunc('day', now(), 'UTC') - interval '29 days' and extract(hour from c.hour at time zone 'UTC') = h group by h order by h;

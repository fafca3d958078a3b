-- Loads one FAN group with 1,000,000 messages and 100,000 members (plus profiles, join requests and
-- reports) for measuring GET /api/v1/groups/{groupId}/stats. Run against a database the service has
-- migrated (Flyway), e.g.:
--   psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -f bench/dashboard-stats/load.sql
-- The group id is fixed (below); the owner is 'creator', admins 'admin-1' and 'admin-2', fans 'fan-N'.
-- Messages span the last 365 days in seq order, senders are skewed (a few fans post most, as in real
-- fan groups); read markers and read times are spread so that about a third were active this week.
\set group_id '''00000000-0000-7000-8000-00000000d0a5'''
\timing on
begin;
delete from chat_group where id = :group_id;
delete from user_profile where id = 'creator' or id like 'admin-_' or id like 'fan-%';

insert into chat_group (id, kind, name, description, owner_id, member_count, member_limit, join_policy,
                        post_policy, slow_mode_seconds, visibility, min_fan_level, last_seq, created_at, updated_at)
values (:group_id, 'FAN', 'Big fan group', 'one million messages', 'creator', 100000, 100000, 'APPROVAL',
        'EVERYONE', 0, 'PUBLIC', 0, 1000000, now() - interval '366 days', now());

insert into user_profile (id, name, fan_level, first_seen_at, updated_at)
select id, initcap(replace(id, '-', ' ')), 0, now(), now()
  from (select 'creator' as id union all select 'admin-' || i from generate_series(1, 2) i
        union all select 'fan-' || i from generate_series(1, 99997) i) p;

-- members: creator, two admins, 99,997 fans; joined over the year, read markers somewhere behind the end
insert into group_member (group_id, user_id, role, joined_at, last_read_seq, last_read_at, last_posted_at)
select :group_id, user_id, role, now() - (random() * interval '365 days'),
       greatest(0, 1000000 - floor(random() * random() * 1000000))::bigint,
       now() - (random() * random() * interval '30 days'),
       null
  from (select 'creator' as user_id, 'OWNER' as role
        union all select 'admin-' || i, 'ADMIN' from generate_series(1, 2) i
        union all select 'fan-' || i, 'MEMBER' from generate_series(1, 99997) i) m;

-- 1,000,000 messages over the last 365 days; every 2,000th is an announcement by the creator
insert into message (group_id, seq, id, sender_id, client_msg_id, type, text, created_at)
select :group_id, s, gen_random_uuid(),
       case when s % 2000 = 0 then 'creator' else 'fan-' || (1 + floor(99996 * power(random(), 4)))::int end,
       'bench-' || s, 'TEXT', 'message number ' || s,
       now() - interval '365 days' + (s * interval '365 days' / 1000000)
  from generate_series(1, 1000000) s;

update group_member m set last_posted_at = p.at
  from (select sender_id, max(created_at) as at from message where group_id = :group_id group by 1) p
 where m.group_id = :group_id and m.user_id = p.sender_id;

insert into group_member_daily (group_id, day, joins)
select :group_id, (joined_at at time zone 'UTC')::date, count(*) from group_member where group_id = :group_id
 group by 2
on conflict (group_id, day) do update set joins = excluded.joins;

insert into join_request (group_id, user_id, status, requested_at)
select :group_id, 'applicant-' || i, 'PENDING', now() - i * interval '1 minute' from generate_series(1, 500) i;

insert into message_report (id, group_id, seq, sender_id, reporter_id, reason, created_at)
select gen_random_uuid(), :group_id, 1000000 - i * 7, m.sender_id, 'fan-1', 'spam', now()
  from generate_series(1, 40) i join message m on m.group_id = :group_id and m.seq = 1000000 - i * 7;
commit;
vacuum analyze chat_group, group_member, message, message_hourly, message_sender_daily, group_member_daily,
               join_request, message_report;

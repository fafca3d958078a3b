-- Other groups next to the big one, so that the planner sees tables shared by many groups, as in
-- production (with load.sql's group alone, chat_group, join_request and message_report hold one
-- group's rows and a sequential scan is cheapest). Adds 10,000 FAN groups, each with 10 members,
-- 20 messages over the last 30 days, 5 pending join requests and 1 open report. Run after load.sql:
--   psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -f bench/dashboard-stats/neighbours.sql
\timing on
begin;
delete from chat_group where name = 'Neighbour group';

create temporary table neighbour on commit drop as
select ('00000000-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid as id, i from generate_series(1, 10000) i;

insert into chat_group (id, kind, name, description, owner_id, member_count, member_limit, join_policy,
                        post_policy, slow_mode_seconds, visibility, min_fan_level, last_seq, created_at, updated_at)
select id, 'FAN', 'Neighbour group', null, 'fan-' || i, 10, 1000, 'APPROVAL', 'EVERYONE', 0, 'PRIVATE', 0, 20,
       now() - interval '60 days', now()
  from neighbour;

insert into group_member (group_id, user_id, role, joined_at, last_read_seq, last_read_at)
select n.id, 'fan-' || (n.i + k * 10000) % 99997 + 1, case when k = 0 then 'OWNER' else 'MEMBER' end,
       now() - interval '60 days', 20, now() - random() * interval '30 days'
  from neighbour n cross join generate_series(0, 9) k;

insert into message (group_id, seq, id, sender_id, client_msg_id, type, text, created_at)
select n.id, s, gen_random_uuid(), 'fan-' || (n.i + (s % 10) * 10000) % 99997 + 1, 'bench-' || s, 'TEXT',
       'neighbour message ' || s, now() - interval '30 days' + s * interval '1 day' * 1.5
  from neighbour n cross join generate_series(1, 20) s;

insert into group_member_daily (group_id, day, joins)
select id, (now() - interval '60 days')::date, 10 from neighbour;

insert into join_request (group_id, user_id, status, requested_at)
select n.id, 'applicant-' || r, 'PENDING', now() - r * interval '1 hour'
  from neighbour n cross join generate_series(1, 5) r;

insert into message_report (id, group_id, seq, sender_id, reporter_id, reason, created_at)
select gen_random_uuid(), n.id, 7, m.sender_id, 'fan-1', 'spam', now()
  from neighbour n join message m on m.group_id = n.id and m.seq = 7;
commit;
vacuum analyze chat_group, group_member, message, message_hourly, message_sender_daily, group_member_daily,
               join_request, message_report;

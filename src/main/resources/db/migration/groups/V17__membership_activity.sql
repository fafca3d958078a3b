-- Creator dashboard (issue 9), groups module.
-- When a member last read (POST /read, STOMP read): with last_posted_at it tells who was active lately.
-- Not indexed on purpose: read markers move on every read and every post, and an index on these
-- columns would turn those updates from HOT into index-maintaining ones; the dashboard counts the
-- active members of a group in one pass over its member rows instead.
alter table group_member add column last_read_at timestamptz;

-- Joins and leaves per group and UTC day, counted in the transaction that admits or removes the
-- member (the group row is locked there, so the counter row never sees two writers at once).
create table group_member_daily (
    group_id uuid    not null references chat_group (id) on delete cascade,
    day      date    not null,
    joins    integer not null default 0 check (joins >= 0),
    leaves   integer not null default 0 check (leaves >= 0),
    primary key (group_id, day)
);

-- history so far: the joins of today's members (leaves before now were not recorded)
insert into group_member_daily (group_id, day, joins)
select group_id, (joined_at at time zone 'UTC')::date, count(*) from group_member group by 1, 2;

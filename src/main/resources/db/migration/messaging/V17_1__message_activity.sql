-- Creator dashboard (issue 9), messaging module: message counts per group kept as they are stored,
-- so the stats of a group with millions of messages read a few hundred counter rows instead of
-- scanning its messages. SYSTEM messages (joins, renames) are not counted.

-- per group and UTC hour: messages per day, messages today, peak hours
create table message_hourly (
    group_id uuid        not null references chat_group (id) on delete cascade,
    hour     timestamptz not null,
    messages integer     not null check (messages >= 0),
    primary key (group_id, hour)
);

-- per group, UTC day and sender: top posters
create table message_sender_daily (
    group_id  uuid    not null references chat_group (id) on delete cascade,
    day       date    not null,
    sender_id text    not null,
    messages  integer not null check (messages >= 0),
    primary key (group_id, day, sender_id)
);

-- One statement-level trigger per INSERT statement (the writer stores a batch in one statement):
-- the new rows are aggregated once and added to the counters with one upsert per table. Counter
-- rows of a group are only written by transactions that hold the group's row lock (writers and
-- SYSTEM messages both take it), so upserts of one group never race.
create function message_activity_count() returns trigger language plpgsql as $$
begin
    insert into message_hourly (group_id, hour, messages)
    select group_id, date_trunc('hour', created_at, 'UTC'), count(*)
      from new_messages where type <> 'SYSTEM'
     group by 1, 2 order by 1, 2
    on conflict (group_id, hour) do update set messages = message_hourly.messages + excluded.messages;
    insert into message_sender_daily (group_id, day, sender_id, messages)
    select group_id, (created_at at time zone 'UTC')::date, sender_id, count(*)
      from new_messages where type <> 'SYSTEM'
     group by 1, 2, 3 order by 1, 2, 3
    on conflict (group_id, day, sender_id) do update set messages = message_sender_daily.messages + excluded.messages;
    return null;
end
$$;

create trigger message_activity after insert on message
    referencing new table as new_messages
    for each statement execute function message_activity_count();

-- history so far
insert into message_hourly (group_id, hour, messages)
select group_id, date_trunc('hour', created_at, 'UTC'), count(*) from message where type <> 'SYSTEM' group by 1, 2;
insert into message_sender_daily (group_id, day, sender_id, messages)
select group_id, (created_at at time zone 'UTC')::date, sender_id, count(*) from message where type <> 'SYSTEM'
 group by 1, 2, 3;

-- the latest messages of a group's moderators (announcements), newest first per sender
create index message_by_group_sender on message (group_id, sender_id, seq desc);

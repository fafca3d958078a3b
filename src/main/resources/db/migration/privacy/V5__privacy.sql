-- Data rights (privacy module): per-group message retention.
-- null keeps messages forever; otherwise messages older than this many days become tombstones.
alter table chat_group
    add column retention_days integer check (retention_days between 1 and 3650);

-- the retention job lists the groups that have a retention period
create index chat_group_with_retention on chat_group (id) where retention_days is not null;

-- the retention job finds a group's live messages older than the cutoff; tombstones leave the index,
-- so it stays as small as the messages still to expire
create index message_live_by_age on message (group_id, created_at) where deleted_at is null;

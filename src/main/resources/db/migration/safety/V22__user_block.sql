-- Blocks between users (safety module). User ids are the platform's opaque subjects: no foreign key to
-- user_profile, since a user may block someone whose token this service has not seen yet.
-- The primary key serves "whom did X block" (every CONNECT, history page, group list); the index on
-- blocked_id serves "who blocked X" (notification expansion, account deletion).
create table user_block (
    blocker_id text        not null check (char_length(blocker_id) between 1 and 64),
    blocked_id text        not null check (char_length(blocked_id) between 1 and 64),
    blocked_at timestamptz not null,
    primary key (blocker_id, blocked_id),
    constraint user_block_not_self check (blocker_id <> blocked_id)
);
create index user_block_by_blocked on user_block (blocked_id);

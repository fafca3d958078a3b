-- Per-member notification and list settings (issue 11). notify null means the group kind's default
-- (ALL in CHAT, MENTIONS in FAN), so the default follows the kind without a backfill of every member.
-- A mute is a time or forever: a nullable timestamp plus a flag, never a far-future sentinel.
alter table group_member
    add column notify                      text check (notify in ('ALL', 'MENTIONS', 'NONE')),
    add column notifications_muted_until   timestamptz,
    add column notifications_muted_forever boolean not null default false,
    add column pinned_at                   timestamptz,
    add column archived_at                 timestamptz;

-- When the group last got a message: set by the same UPDATE that moves last_seq, so that the group
-- list can tell an archived group with a newer message (un-archived) from one without, at read time.
alter table chat_group add column last_message_at timestamptz;

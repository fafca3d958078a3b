-- Message history (messaging module). (group_id, seq) is the key: history pages are index range
-- scans on it, so a page costs the same in a group of a million messages as in a new one.
create table message (
    group_id        uuid        not null references chat_group (id) on delete cascade,
    seq             bigint      not null check (seq > 0),
    id              uuid        not null unique,
    sender_id       text        not null,
    client_msg_id   text        not null check (char_length(client_msg_id) between 1 and 64),
    type            text        not null check (type in ('TEXT', 'VIDEO_SHARE', 'IMAGE', 'STICKER', 'SYSTEM')),
    text            text        check (char_length(text) <= 4000),
    video_id        text,
    video_cover_url text,
    media_url       text,
    reply_to_seq    bigint,
    mentions        text[]      not null default '{}',
    reactions       jsonb       not null default '{}',
    created_at      timestamptz not null,
    edited_at       timestamptz,
    deleted_at      timestamptz,
    primary key (group_id, seq),
    -- idempotency: one message per (group, sender, clientMsgId), whatever races
    constraint message_idempotency unique (group_id, sender_id, client_msg_id),
    constraint message_reply_in_group foreign key (group_id, reply_to_seq) references message (group_id, seq)
);
-- a user's own messages (export, account deletion)
create index message_by_sender on message (sender_id, created_at);

create table message_reaction (
    group_id   uuid        not null,
    seq        bigint      not null,
    user_id    text        not null,
    emoji      text        not null check (char_length(emoji) between 1 and 32),
    created_at timestamptz not null,
    primary key (group_id, seq, emoji, user_id),
    foreign key (group_id, seq) references message (group_id, seq) on delete cascade
);
create index message_reaction_by_user on message_reaction (user_id);

-- Groups and membership (groups module). User ids are the platform's opaque subjects: no foreign
-- key to user_profile, since a member can be added before their first token is ever seen here.
create table chat_group (
    id                uuid        primary key,
    kind              text        not null check (kind in ('CHAT', 'FAN')),
    name              text        not null check (char_length(name) between 1 and 100),
    description       text        check (char_length(description) <= 1000),
    owner_id          text        not null,
    member_count      integer     not null default 0 check (member_count >= 0),
    member_limit      integer     not null check (member_limit >= 2),
    join_policy       text        not null check (join_policy in ('OPEN', 'APPROVAL', 'INVITE_ONLY')),
    post_policy       text        not null check (post_policy in ('EVERYONE', 'ADMINS')),
    slow_mode_seconds integer     not null default 0 check (slow_mode_seconds in (0, 5, 10, 30, 60, 300, 900, 3600)),
    visibility        text        not null check (visibility in ('PRIVATE', 'PUBLIC')),
    min_fan_level     integer     not null default 0 check (min_fan_level >= 0),
    last_seq          bigint      not null default 0 check (last_seq >= 0),
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    deleted_at        timestamptz,
    constraint chat_group_within_limit check (member_count <= member_limit),
    constraint chat_group_public_is_fan check (visibility = 'PRIVATE' or kind = 'FAN')
);

create table group_member (
    group_id      uuid        not null references chat_group (id) on delete cascade,
    user_id       text        not null,
    role          text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    joined_at     timestamptz not null,
    muted_until   timestamptz,
    last_read_seq bigint      not null default 0 check (last_read_seq >= 0),
    primary key (group_id, user_id)
);
-- "my groups" by user; the member list in join order; exactly one owner per group.
create index group_member_by_user on group_member (user_id, group_id);
create index group_member_by_join on group_member (group_id, joined_at, user_id);
create unique index group_member_one_owner on group_member (group_id) where role = 'OWNER';

create table group_ban (
    group_id  uuid        not null references chat_group (id) on delete cascade,
    user_id   text        not null,
    reason    text        check (char_length(reason) <= 500),
    banned_by text        not null,
    banned_at timestamptz not null,
    primary key (group_id, user_id)
);

create table group_invite (
    code       text        primary key,
    group_id   uuid        not null references chat_group (id) on delete cascade,
    created_by text        not null,
    max_uses   integer     check (max_uses > 0),
    uses       integer     not null default 0 check (uses >= 0),
    expires_at timestamptz,
    created_at timestamptz not null,
    constraint group_invite_within_uses check (max_uses is null or uses <= max_uses)
);
create index group_invite_by_group on group_invite (group_id);

create table join_request (
    group_id     uuid        not null references chat_group (id) on delete cascade,
    user_id      text        not null,
    status       text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    requested_at timestamptz not null,
    decided_by   text,
    decided_at   timestamptz,
    primary key (group_id, user_id)
);
create index join_request_pending on join_request (group_id, requested_at, user_id) where status = 'PENDING';

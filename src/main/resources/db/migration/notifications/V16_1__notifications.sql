-- Push notifications (notifications module). A device belongs to one user; its token is unique per
-- platform, so a phone that changes hands (log out, log in as someone else) stops waking the old user.
create table push_device (
    user_id    text        not null check (char_length(user_id) between 1 and 255),
    device_id  text        not null check (device_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
    platform   text        not null check (platform in ('FCM', 'APNS', 'GATEWAY')),
    token      text        not null check (token ~ '^[\x21-\x7e]+$' and char_length(token) <= 1024),
    locale     text        check (char_length(locale) between 1 and 35),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (user_id, device_id)
);
create unique index push_device_token on push_device (platform, token);

-- One row per stored message, written in the send transaction by the same statement as the message
-- (a rollback writes none, a crash loses none). Workers claim rows with FOR UPDATE SKIP LOCKED and
-- expand them into deliveries in batches, keyset over the members (after_user_id is the position).
create table notification_outbox (
    id            bigint      generated always as identity primary key,
    group_id      uuid        not null,
    seq           bigint      not null,
    created_at    timestamptz not null,
    after_user_id text,
    foreign key (group_id, seq) references message (group_id, seq) on delete cascade
);

-- One row per (message, device) to notify: the unique key is the idempotency key, so a re-run of an
-- expansion never queues a device twice. Sent rows are deleted; failed ones stay for operators.
create table push_delivery (
    id              bigint      generated always as identity primary key,
    group_id        uuid        not null,
    seq             bigint      not null,
    user_id         text        not null,
    device_id       text        not null,
    unread          bigint      not null check (unread >= 0),
    attempts        integer     not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null,
    status          text        not null default 'QUEUED' check (status in ('QUEUED', 'FAILED')),
    last_error      text        check (char_length(last_error) <= 200),
    created_at      timestamptz not null,
    constraint push_delivery_once unique (group_id, seq, user_id, device_id),
    foreign key (user_id, device_id) references push_device (user_id, device_id) on delete cascade,
    foreign key (group_id, seq) references message (group_id, seq) on delete cascade
);
create index push_delivery_due on push_delivery (next_attempt_at) where status = 'QUEUED';
create index push_delivery_by_device on push_delivery (user_id, device_id);

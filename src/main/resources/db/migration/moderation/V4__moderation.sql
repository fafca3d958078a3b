-- Moderation module: keyword filters, reports and the audit log.
create table group_keyword_filter (
    group_id   uuid        primary key references chat_group (id) on delete cascade,
    words      text[]      not null default '{}',
    patterns   text[]      not null default '{}',
    updated_by text        not null,
    updated_at timestamptz not null
);

create table message_report (
    id          uuid        primary key,
    group_id    uuid        not null,
    seq         bigint      not null,
    sender_id   text        not null,
    reporter_id text        not null,
    reason      text        not null check (char_length(reason) between 1 and 1000),
    status      text        not null default 'OPEN' check (status in ('OPEN', 'DISMISSED', 'ACTIONED')),
    created_at  timestamptz not null,
    resolved_by text,
    resolved_at timestamptz,
    foreign key (group_id, seq) references message (group_id, seq) on delete cascade,
    constraint message_report_once unique (group_id, seq, reporter_id)
);
create index message_report_open on message_report (group_id, created_at, id) where status = 'OPEN';

create table audit_entry (
    id         bigint      generated always as identity primary key,
    group_id   uuid        not null,
    actor_id   text        not null,
    action     text        not null,
    target_id  text,
    reason     text,
    details    jsonb,
    created_at timestamptz not null
);
create index audit_entry_by_group on audit_entry (group_id, id desc);

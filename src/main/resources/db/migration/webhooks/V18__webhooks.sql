-- Webhooks (webhooks module): endpoints a group's OWNER registered, with the event types they want.
-- The secret signs each delivery; it is shown once, at registration.
create table webhook (
    id         uuid        primary key,
    group_id   uuid        not null references chat_group (id) on delete cascade,
    url        text        not null check (char_length(url) between 1 and 2048),
    events     text[]      not null check (cardinality(events) between 1 and 32),
    secret     text        not null,
    created_by text        not null,
    created_at timestamptz not null
);
create index webhook_group on webhook (group_id, created_at);

-- One row per (event, endpoint), written in the transaction of the change (messages: by the insert
-- statement itself; other events: before commit). Deleted once delivered or given up. No foreign key
-- to webhook: a send must never fail because an endpoint was deleted at the same moment; the worker
-- removes rows whose endpoint is gone. Per endpoint only the oldest row (lowest position) is due, so
-- deliveries to one endpoint keep their order. next_attempt_at doubles as the lease of a claimed row.
-- data is the event's JSON as the STOMP event carries it; for message.created the insert statement
-- writes the row without it and a second statement of the same transaction fills it in (only groups
-- with such endpoints pay for that); a row still without it is filled from the message at its first
-- attempt and kept, so that retries send the same body.
create table webhook_outbox (
    id              uuid        primary key,
    position        bigint      generated always as identity,
    webhook_id      uuid        not null,
    group_id        uuid        not null,
    type            text        not null,
    seq             bigint,
    data            json,
    created_at      timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    check (data is not null or seq is not null)
);
create index webhook_outbox_head on webhook_outbox (webhook_id, position);
create index webhook_outbox_created on webhook_outbox (created_at);
create index webhook_outbox_unfilled on webhook_outbox (group_id, seq) where data is null;

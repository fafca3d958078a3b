-- Pinned messages and the group's announcement (pins module, issue 12). At most 10 pins per group
-- (checked under a per-group advisory lock by the service, as a count cannot be a constraint) and
-- at most one announcement (the partial unique index). A pin goes with its message: recalls and
-- retention remove it in their own transaction; the foreign key covers the rest.
create table message_pin (
    group_id     uuid        not null,
    seq          bigint      not null,
    pinned_by    text        not null check (char_length(pinned_by) between 1 and 64),
    pinned_at    timestamptz not null,
    until        timestamptz,
    announcement boolean     not null default false,
    primary key (group_id, seq),
    foreign key (group_id, seq) references message (group_id, seq) on delete cascade,
    constraint message_pin_until_after_pinning check (until is null or until > pinned_at)
);
create unique index message_pin_one_announcement on message_pin (group_id) where announcement;

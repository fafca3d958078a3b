-- Polls (messaging module, issue 12): a POLL message keeps its question, options and vote counts in
-- one jsonb column, as reactions keep theirs: a read of the history costs no join. Each vote is a row
-- (one per chosen option), so a changed vote replaces the voter's rows and the counts are recomputed
-- from them in the vote's transaction, with the message row locked.
alter table message drop constraint message_type_check;
alter table message add constraint message_type_check
    check (type in ('TEXT', 'VIDEO_SHARE', 'IMAGE', 'STICKER', 'SYSTEM', 'POLL')) not valid;
alter table message validate constraint message_type_check;
-- {"question": text, "options": [text, ...], "votes": [int, ...], "multiple": bool, "anonymous": bool,
--  "closesAt": timestamp or null}; null on every other message, and on a recalled poll
alter table message add column poll jsonb;
alter table message add constraint message_poll_only_on_poll check (poll is null or type = 'POLL') not valid;
alter table message validate constraint message_poll_only_on_poll;

create table poll_vote (
    group_id uuid        not null,
    seq      bigint      not null,
    user_id  text        not null,
    option   smallint    not null check (option between 0 and 9),
    voted_at timestamptz not null,
    primary key (group_id, seq, user_id, option),
    foreign key (group_id, seq) references message (group_id, seq) on delete cascade
);

-- Shadow mute (issue 12), messaging module: a message stored while its sender was shadow-muted in the
-- group. It stays one seq in the group's sequence (readers other than its sender and the moderators get
-- a placeholder), and the group list subtracts such messages from their unread counts, which this
-- partial index answers without touching the other messages (it is empty in most groups).
alter table message add column shadow boolean not null default false;
create index message_shadow on message (group_id, seq) where shadow;

-- The outbox row is written by the same statement as its message, and a foreign key made PostgreSQL
-- run one check query per message and lock the message row it had just inserted (a WAL record per
-- send); a delivery paid the same again. No message is ever deleted (recalls, expiries and erasures
-- update the row), and both the expander and the sender join the message and skip a recalled one,
-- so the keys guarded nothing.
alter table notification_outbox drop constraint notification_outbox_group_id_seq_fkey;
alter table push_delivery drop constraint push_delivery_group_id_seq_fkey;

-- A delivery waiting for its first try is unique per (group, user, device) (push_delivery_pending),
-- and an outbox row is expanded once: its deliveries and its removal commit together. The older key
-- on (group, seq, user, device) therefore only made every collapse (a newer message taking a waiting
-- delivery's seq) a non-HOT update that rewrote all five indexes. Without it the columns a collapse
-- changes (seq, unread) are in no index, and room left on each page lets PostgreSQL update in place.
alter table push_delivery drop constraint push_delivery_once;
alter table push_delivery set (fillfactor = 70);

-- The expander takes the groups of the oldest rows and every waiting row of those groups, so that a
-- backlog (sends came first while the node was busy) costs one read of a group's members and one
-- delivery per device for many messages at once.
create index notification_outbox_by_group on notification_outbox (group_id, id);

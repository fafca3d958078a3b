-- Read-through of a message (issue 12, GET .../messages/{seq}/reach): how many members have read
-- at or past a seq is one range count on this index (an index-only scan where the pages are
-- all-visible) instead of a pass over every member row of the group.
-- The price, accepted knowingly (V17 chose the other way for the dashboard): a read-marker move
-- (POST /read, STOMP read, and the sender's own marker on every post) now also writes an entry of
-- this index, so those updates are no longer HOT. docs/pins-reach-explain.md has both plans.
create index group_member_by_read on group_member (group_id, last_read_seq);

-- The OWNER and ADMINs of a group (dashboard announcements) without a pass over a group of 100,000
-- members. Roles rarely change, and read-marker updates do not touch role, so they stay HOT updates.
create index group_member_moderators on group_member (group_id, user_id) where role in ('OWNER', 'ADMIN');

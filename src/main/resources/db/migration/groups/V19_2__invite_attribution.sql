-- Which invite link brought which fans: the code a member joined with (directly, or through a join
-- request made with it and approved later). Null for members who were added, joined a PUBLIC group
-- or joined before this column existed.
alter table group_member add column invite_code text;
alter table join_request add column invite_code text;
create index group_member_by_invite on group_member (group_id, invite_code, joined_at, user_id)
    where invite_code is not null;

-- Invites can be revoked: by OWNER/ADMIN or their creator, and by the service when the creator loses
-- the right to invite (leaves, is kicked or banned, is demoted in a FAN group). A revoked invite is
-- kept (so joining with it answers 410, not 404) but no longer listed.
alter table group_invite
    add column revoked_at timestamptz,
    add column revoked_by text check (char_length(revoked_by) <= 64);

-- The list of a group's invites, newest first, paged by (created_at, code).
create index group_invite_by_group_created on group_invite (group_id, created_at desc, code desc);
drop index group_invite_by_group;
-- Revoking the live invites of one creator.
create index group_invite_live_by_creator on group_invite (group_id, created_by) where revoked_at is null;

-- Invites whose creator already lost the right before this release stop working now.
update group_invite i
   set revoked_at = now()
 where revoked_at is null
   and not exists (select 1
                     from group_member m
                     join chat_group g on g.id = m.group_id
                    where m.group_id = i.group_id
                      and m.user_id = i.created_by
                      and (g.kind = 'CHAT' or m.role in ('OWNER', 'ADMIN')));

-- Shadow mute (issue 12), groups module: an OWNER/ADMIN action after which the member's messages reach
-- only the member themselves and the group's OWNER and ADMINs. The writer copies the flag onto each
-- message as it is stored (message.shadow), so that readers never look the sender's state up again.
-- A constant default: adding the column rewrites nothing.
alter table group_member add column shadow_muted boolean not null default false;

-- Reactions of a shadow-muted member are shadow reactions: set when the reaction is stored (from
-- group_member.shadow_muted, as message.shadow) and kept. Only the reactor and the group's OWNER
-- and ADMINs see them. Both columns are added with a constant default: no table rewrite.
alter table message_reaction add column shadow boolean not null default false;

-- The counts per emoji of a message's shadow reactions, kept beside the public ones (reactions,
-- which leave them out) by the same statement that recounts those.
alter table message add column shadow_reactions jsonb not null default '{}';

-- Actions the server takes by itself (raid defence pausing an invite) have no acting user:
-- actor_id null means the server, and no user id can be mistaken for it.
alter table audit_entry alter column actor_id drop not null;

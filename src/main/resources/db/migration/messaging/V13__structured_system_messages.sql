-- SYSTEM messages are structured events ({event, actorId, targetIds, name?}) that clients render in
-- their own words; user ids never become prose. Rows written before keep their text and a null system.
alter table message add column system jsonb
    check (system is null or (jsonb_typeof(system) = 'object' and system ? 'event'));
alter table message add constraint message_system_only_on_system check (system is null or type = 'SYSTEM');

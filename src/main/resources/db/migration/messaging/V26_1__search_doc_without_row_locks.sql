-- The search indexer no longer locks the messages it reads (FOR SHARE wrote a row lock into every
-- message it indexed, and the foreign key's check locked each one again, one query per document),
-- so an edit or a recall that commits while a batch is being indexed cannot be waited for. Instead
-- the trigger writes the document itself: an edit upserts it, a recall, a retention expiry or an
-- erasure leaves a tombstone (no text, found by nothing). The indexer inserts with ON CONFLICT DO
-- NOTHING, so whichever of the two comes second keeps the trigger's version: nothing recalled or
-- erased becomes searchable, and an edited message is found by its new text.
-- No message is ever deleted (a recall, an expiry and an erasure update the row), so the foreign key
-- guarded nothing that the trigger does not.
alter table message_search_doc drop constraint message_search_doc_group_id_seq_fkey;
alter table message_search_doc alter column folded drop not null;

create or replace function message_search_doc_sync() returns trigger language plpgsql as $$
begin
    if new.deleted_at is not null or new.text is null then
        insert into message_search_doc (group_id, seq, sender_id, shadow, folded, short_terms)
        values (new.group_id, new.seq, new.sender_id, new.shadow, null, null)
        on conflict (group_id, seq) do update set folded = null, short_terms = null;
    else
        insert into message_search_doc (group_id, seq, sender_id, shadow, folded, short_terms)
        values (new.group_id, new.seq, new.sender_id, new.shadow, message_search_fold(new.text),
                case when new.text ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]'
                     then message_search_short_terms(new.text) end)
        on conflict (group_id, seq) do update set folded = excluded.folded, short_terms = excluded.short_terms;
    end if;
    return null;
end
$$;

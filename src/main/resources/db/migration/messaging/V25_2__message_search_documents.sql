-- Search off the send path (issue 12: ingest may not drop by more than 10 % for search). The two GIN
-- indexes on message made every stored message pay for its trigrams inside the send transaction
-- (pgbench's single-row INSERT into a copy of message: -28 %). The folded text now lives in its own
-- table, filled after the messages are acknowledged by each node's SearchIndexer in batches of
-- many messages per statement, up to a watermark per group; a search reads messages above the
-- watermark through the primary key, so a message is found the moment it is stored.
drop index message_search;
drop index message_search_short;

-- sender_id and shadow are copied (neither changes after the send), so that a page's visibility
-- filter runs on the documents and only the page's own messages are read from message.
create table message_search_doc (
    group_id    uuid    not null,
    seq         bigint  not null,
    sender_id   text    not null,
    shadow      boolean not null,
    folded      text    not null,
    short_terms text[],
    primary key (group_id, seq),
    foreign key (group_id, seq) references message (group_id, seq) on delete cascade
);
-- btree_gin puts group_id into both indexes, so a search reads only its own group's entries;
-- short terms (CJK characters and neighbour pairs) only for text in those scripts.
create index message_search_doc_trgm on message_search_doc using gin (group_id, folded gin_trgm_ops);
create index message_search_doc_short on message_search_doc using gin (group_id, short_terms)
    where short_terms is not null;

-- Everything up to indexed_seq of a group is in message_search_doc (or has no text to find).
create table message_search_progress (
    group_id    uuid   primary key,
    indexed_seq bigint not null check (indexed_seq >= 0)
);

-- An edit, a recall, a retention expiry or an account deletion changes the document in the same
-- transaction: nothing recalled or erased stays searchable, or stored here. Only updates fire it,
-- never the send path's inserts. (The indexer reads messages FOR SHARE, so an update waits for it
-- or it sees the update.)
create function message_search_doc_sync() returns trigger language plpgsql as $$
begin
    if new.deleted_at is not null or new.text is null then
        delete from message_search_doc where group_id = new.group_id and seq = new.seq;
    else
        update message_search_doc
           set folded = message_search_fold(new.text),
               short_terms = case when new.text ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]'
                                  then message_search_short_terms(new.text) end
         where group_id = new.group_id and seq = new.seq;
    end if;
    return null;
end
$$;

create trigger message_search_doc_sync after update of text, deleted_at on message
    for each row when (new.text is distinct from old.text or new.deleted_at is distinct from old.deleted_at)
    execute function message_search_doc_sync();

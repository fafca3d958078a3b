-- EXPLAIN ANALYZE of the statements GET /groups/{id}/messages/search runs, as the service runs them
-- (prepared, generic plans), on the group of bench/dashboard-stats/load.sql + bench/search/texts.sql,
-- once the service's SearchIndexer has caught up (message_search_progress.indexed_seq = last_seq):
--   psql -h 127.0.0.1 -U postgres -d "$DB" -f bench/search/explain.sql
\set g '''00000000-0000-7000-8000-00000000d0a5'''
set plan_cache_mode = force_generic_plan;
select last_seq, (select indexed_seq from message_search_progress where group_id = :g) as indexed_seq
  from chat_group where id = :g;

-- messages above the watermark through the primary key (none once the indexer has caught up)
prepare recent(uuid, bigint, bigint, text, text[], boolean, text, int) as
select id, seq, sender_id, text from (select * from message where group_id = $1 and seq < $2 and seq >= $3
 order by seq desc offset 0) recent
 where true and deleted_at is null and text is not null and sender_id <> all($5)
   and (not shadow or $6 or sender_id = $7)
   and message_search_fold(text) like '%' || message_search_fold($4) || '%' escape '\'
 order by seq desc limit $8;

-- the newest 20,000 documents below the watermark, newest first, each tested (3 or more characters)
prepare documents(uuid, bigint, bigint, text, text[], boolean, text, int) as
select id, seq, sender_id, text from (select d.seq as hit_seq from (select * from message_search_doc
 where group_id = $1 and seq < $2 and seq >= $3 order by seq desc offset 0) d
 where true and d.folded like (select '%' || message_search_fold($4) || '%') escape '\'
   and d.sender_id <> all($5) and (not d.shadow or $6 or d.sender_id = $7)
 order by d.seq desc limit $8) page
  join message on group_id = $1 and seq = hit_seq
 where true and deleted_at is null and text is not null and sender_id <> all($5)
   and (not shadow or $6 or sender_id = $7)
 order by seq desc;

-- the same for 1 or 2 CJK characters
prepare documents_short(uuid, bigint, bigint, text, text[], boolean, text, int) as
select id, seq, sender_id, text from (select d.seq as hit_seq from (select * from message_search_doc
 where group_id = $1 and seq < $2 and seq >= $3 order by seq desc offset 0) d
 where true and d.short_terms @> (select array[message_search_fold($4)])
   and d.sender_id <> all($5) and (not d.shadow or $6 or d.sender_id = $7)
 order by d.seq desc limit $8) page
  join message on group_id = $1 and seq = hit_seq
 where true and deleted_at is null and text is not null and sender_id <> all($5)
   and (not shadow or $6 or sender_id = $7)
 order by seq desc;

-- below the window through the trigram index of the documents
prepare indexed(uuid, bigint, text, text[], boolean, text, int) as
with hits as materialized (select d.seq as hit_seq from message_search_doc d
 where d.group_id = $1 and d.seq < $2 and d.folded like '%' || message_search_fold($3) || '%' escape '\'
   and d.sender_id <> all($4) and (not d.shadow or $5 or d.sender_id = $6))
select id, seq, sender_id, text from (select hit_seq from hits order by hit_seq desc limit $7) page
  join message on group_id = $1 and seq = hit_seq
 where true and deleted_at is null and text is not null and sender_id <> all($4)
   and (not shadow or $5 or sender_id = $6)
 order by seq desc;

-- below the window through the short-term index (1 or 2 CJK characters)
prepare short(uuid, bigint, text, text[], boolean, text, int) as
with hits as materialized (select d.seq as hit_seq from message_search_doc d
 where d.group_id = $1 and d.seq < $2 and d.short_terms is not null
   and d.short_terms @> array[message_search_fold($3)]
   and d.sender_id <> all($4) and (not d.shadow or $5 or d.sender_id = $6))
select id, seq, sender_id, text from (select hit_seq from hits order by hit_seq desc limit $7) page
  join message on group_id = $1 and seq = hit_seq
 where true and deleted_at is null and text is not null and sender_id <> all($4)
   and (not shadow or $5 or sender_id = $6)
 order by seq desc;

\echo '### 1. A common word ("video"): the newest documents fill the page at once'
explain (analyze, buffers, costs off) execute documents(:g, 1000001, 980001, 'video', '{}', false, 'creator', 21);
\echo '### 2. A rare word ("ornitorrinco", 10 in 1,000,000): none in the newest 20,000 documents, the trigram index the rest'
explain (analyze, buffers, costs off) execute documents(:g, 1000001, 980001, 'ornitorrinco', '{}', false, 'creator', 21);
explain (analyze, buffers, costs off) execute indexed(:g, 980001, 'ornitorrinco', '{}', false, 'creator', 21);
\echo '### 3. A two-character Chinese word ("熊猫", 100 in 1,000,000): the newest documents, then the short-term index'
explain (analyze, buffers, costs off) execute documents_short(:g, 1000001, 980001, '熊猫', '{}', false, 'creator', 21);
explain (analyze, buffers, costs off) execute short(:g, 980001, '熊猫', '{}', false, 'creator', 21);
\echo '### 4. A phrase of two common words ("great again"): the newest documents fill the page'
explain (analyze, buffers, costs off) execute documents(:g, 1000001, 980001, 'great again', '{}', false, 'creator', 21);
\echo '### 5. A medium-frequency Chinese phrase ("喜欢这个")'
explain (analyze, buffers, costs off) execute documents(:g, 1000001, 980001, '喜欢这个', '{}', false, 'creator', 21);
\echo '### 6. Messages above the watermark (none here: the indexer has caught up)'
explain (analyze, buffers, costs off) execute recent(:g, 1000001, 1000001, 'video', '{}', false, 'creator', 21);

-- Message search (GET /groups/{id}/messages/search). Text is folded to lower case without accents, so
-- "cafe" finds "Café". A query of 3 or more characters is found as a substring (a Chinese word inside a
-- sentence without spaces too) through a GIN index of trigrams (pg_trgm); a Chinese, Japanese or
-- Korean query of 1 or 2 characters, which has no trigram, through a second GIN index of CJK
-- characters and neighbour pairs. (Other queries need 3 characters.) btree_gin puts group_id into both indexes, so a
-- search reads only its own group's entries. Recalled and retention-expired messages (deleted_at set)
-- leave both indexes. All three extensions are trusted (PostgreSQL 13+): the database owner may create
-- them, and both Debian's packages and the embedded binaries ship them.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists btree_gin;

-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes this fold
-- immutable, as an index expression must be.
create function message_search_fold(text) returns text
    language sql immutable parallel safe strict
    return lower(public.unaccent('public.unaccent'::regdictionary, $1));

-- The terms a 1- or 2-character query (Chinese, Japanese or Korean) may equal: every character and
-- pair of neighbouring characters in runs of those scripts. Texts without them (the cheap regular
-- expression test first) have none, so the send path pays for this only on CJK text; the planner is
-- told it is expensive (cost) so that searches evaluate it after cheaper conditions.
create function message_search_short_terms(t text) returns text[]
    language sql immutable parallel safe strict cost 1000
    return case when t !~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]' then '{}'::text[]
    else (select coalesce(array_agg(distinct term), '{}') from (
        select substr(r, i, n) as term
          from regexp_matches(message_search_fold(t),
                              '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+', 'g') m(a)
               cross join lateral (select a[1] as r) x
               cross join lateral generate_series(1, char_length(r)) i
               cross join (values (1), (2)) v(n)
         where i + n - 1 <= char_length(r)) s) end;

create index message_search on message using gin (group_id, message_search_fold(text) gin_trgm_ops)
    where deleted_at is null and text is not null;
-- Partial on CJK text: any other message skips this index without calling the function (measured with
-- pgbench on single-row inserts of Latin text: 3,000/s with the index on every row, 6,500/s like this).
-- Searches repeat the same condition, character for character, so that the planner can use it.
create index message_search_short on message using gin (group_id, message_search_short_terms(text))
    where deleted_at is null and text is not null
      and text ~ '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]';

-- Gives the big group of bench/dashboard-stats/load.sql realistic multilingual text for measuring
-- GET /groups/{id}/messages/search: a third English, a third Spanish (with accents), a third Chinese
-- (no spaces between words), 3 to 10 words from each language's list, plus a few rare words:
-- "ornitorrinco" in 1 of 100,000 messages, "熊猫" in 1 of 10,000, "Zürich" in 1 of 1,000.
--   psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -f bench/search/texts.sql
\set group_id '''00000000-0000-7000-8000-00000000d0a5'''
\timing on
update message m set text = case m.seq % 3
    when 0 then (select string_agg(w[1 + floor(random() * array_length(w, 1))::int], ' ')
                   from (select array['the', 'video', 'was', 'great', 'love', 'this', 'song', 'when', 'next',
                                      'live', 'stream', 'please', 'hello', 'everyone', 'amazing', 'dance', 'music',
                                      'tonight', 'thanks', 'creator', 'funny', 'best', 'part', 'again', 'watch']
                                 || m.seq::text as w) a, generate_series(1, 3 + (m.seq % 8)))
    when 1 then (select string_agg(w[1 + floor(random() * array_length(w, 1))::int], ' ')
                   from (select array['el', 'vídeo', 'fue', 'increíble', 'canción', 'baile', 'música', 'mañana',
                                      'gracias', 'qué', 'bonito', 'está', 'aquí', 'después', 'también', 'corazón',
                                      'país', 'años', 'niño', 'excelente', 'hola', 'todos', 'directo', 'más', 'árbol']
                                 || m.seq::text as w) a, generate_series(1, 3 + (m.seq % 8)))
    else (select string_agg(w[1 + floor(random() * array_length(w, 1))::int], '')
            from (select array['我', '喜欢', '这个', '视频', '太', '好看', '了', '今天', '直播', '什么', '时候',
                               '大家', '好', '谢谢', '音乐', '跳舞', '明天', '见', '主播', '加油', '真的', '可爱',
                               '哈哈', '厉害', '朋友'] as w) a, generate_series(1, 3 + (m.seq % 8)))
    end
    || case when m.seq % 100000 = 7 then ' ornitorrinco' else '' end
    || case when m.seq % 10000 = 13 then ' 熊猫' else '' end
    || case when m.seq % 1000 = 17 then ' Zürich' else '' end
 where m.group_id = :group_id;
vacuum analyze message;

-- Who has an open STOMP session on which node (realtime module), so that any node can tell whether a
-- user is online anywhere (push skips online users). Each node writes its own rows: a user's row
-- appears when their first session on that node opens and goes when the last one closes (batched,
-- a fraction of a second late). A node refreshes seen_at every few seconds; a node not seen for 30 s
-- is dead (killed, cut off), and its rows do not count and are deleted by whichever node notices.
create table realtime_node (
    node_id    uuid        primary key,
    started_at timestamptz not null,
    seen_at    timestamptz not null
);

create table user_presence (
    user_id text        not null check (char_length(user_id) between 1 and 255),
    node_id uuid        not null references realtime_node (node_id) on delete cascade,
    since   timestamptz not null,
    primary key (user_id, node_id)
);
create index user_presence_by_node on user_presence (node_id);

-- Slow mode: when each member last posted, written by the statement that assigns a message its seq.
alter table group_member add column last_posted_at timestamptz;

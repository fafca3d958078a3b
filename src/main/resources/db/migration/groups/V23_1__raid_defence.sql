-- Raid defence. An invite counts its uses in a window of its own, in its own row: every join
-- through it locks that row already, so nodes sharing this database count together. A window
-- opens with the first use after the previous one closed. An invite whose window sees too many
-- uses is paused (paused_at) until an OWNER or ADMIN resumes it.
alter table group_invite
    add column paused_at         timestamptz,
    add column window_started_at timestamptz,
    add column window_uses       integer not null default 0 check (window_uses >= 0);

-- Probation: until when a member who came in by themselves (invite, public join, approved
-- request) may not post links or media and is held to a slower rate; null for everyone else.
-- Read with the member's row by primary key: no index needed.
alter table group_member add column probation_until timestamptz;

-- GET /groups/{id}/bans pages a group's bans newest first.
create index group_ban_by_time on group_ban (group_id, banned_at desc, user_id desc);

-- Hidden member list (issue 12), groups module. hidden_members is the OWNER/ADMIN setting: true or false
-- as set, null "automatic": hidden in a FAN group while any member is in age band 16-17. That test must
-- cost nothing on a group of 100,000, so it is a counter on the group row, kept by the one way in and out
-- of a member list (Admission, with the row locked): group_member.minor says whether the member was
-- counted (age band 16-17 in user_profile when they joined), so a leave takes back exactly what its join
-- added. Constant defaults: adding the columns rewrites no table.
alter table chat_group add column hidden_members boolean;
alter table chat_group add column minor_members integer not null default 0;
alter table chat_group add constraint chat_group_minor_members check (minor_members between 0 and member_count);
alter table group_member add column minor boolean not null default false;

-- Members who are in age band 16-17 today are counted now (identity's user_profile; read, never changed).
update group_member m set minor = true
  from user_profile p
 where p.id = m.user_id and p.age_band = 'UNDER_18';
update chat_group g set minor_members = c.minors
  from (select group_id, count(*) as minors from group_member where minor group by group_id) c
 where c.group_id = g.id;

-- Member search by name (dashboard, app): `q` on GET /groups/{id}/members matches a part of the
-- member's display name, case-insensitively. pg_trgm (a trusted extension since PostgreSQL 13, shipped
-- by Debian's packages and the embedded binaries) lets a GIN index serve `lower(name) like '%q%'`.
create extension if not exists pg_trgm;
create index user_profile_name_trgm on user_profile using gin (lower(name) gin_trgm_ops);

-- Profiles mirror the claims of platform users' tokens (identity module).
create table user_profile (
    id            text        primary key check (char_length(id) between 1 and 64),
    name          text        check (char_length(name) <= 200),
    fan_level     integer     not null default 0,
    age_band      text        check (age_band in ('UNDER_16', 'UNDER_18', 'ADULT')),
    first_seen_at timestamptz not null,
    updated_at    timestamptz not null
);

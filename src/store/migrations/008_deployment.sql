-- When the bot first ran for this district (its first data: the first message, report or ticket
-- import; else its first start), and when each unit first appeared on its roster:
-- the 月评比 counts only the working days since then (a unit is not marked missing for days
-- before the bot existed or before it was on the roster).
create table deployment (
  id             int primary key default 1 check (id = 1),
  started_at     timestamptz not null,   -- the first start
  first_data_at  timestamptz             -- the first message, report or ticket import (set on first read once there is one)
);

create table units_seen (
  unit_id        text primary key,
  first_seen_at  timestamptz not null
);

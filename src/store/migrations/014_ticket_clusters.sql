-- Repeat warnings (issue 18 §1): each ticket's place and problem words, and the clusters of
-- tickets about one place and one problem, with the size last warned about and a dismissal.
create table ticket_places (
  ticket_number  text primary key,
  place          text not null,
  problem        jsonb not null,              -- the problem words, sorted
  words          jsonb not null,              -- all its words (near-identical texts: 并单)
  at             timestamptz not null         -- 派单时间, else first seen
);
create index ticket_places_place on ticket_places (place, at);

create table ticket_clusters (
  id             bigserial primary key,
  code           text unique not null,        -- C1, C2…
  place          text not null,
  unit_id        text not null,               -- the unit with most of its tickets
  members        jsonb not null,              -- ticket numbers, oldest first
  warned_size    integer not null default 0,  -- size at the last warning (the step)
  dismissed_size integer,                     -- size when a supervisor dismissed it (忽略 C12)
  dismissed_by   text,
  created_at     timestamptz not null,
  updated_at     timestamptz not null
);
create index ticket_clusters_place on ticket_clusters (place);

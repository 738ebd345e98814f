-- Repeat warnings, incremental (issue 18 §1): ticket_places is remade (derived data: a ticket is keyed again
-- the next time an import lists it). Each keyed ticket has a row, with the hash of the text its keys come from
-- (title, start of content, address, category, 派单时间), so a re-import with the same text is not cut again; a
-- ticket naming no place has place null (and no problem words). The problem words are stored space-separated:
-- reading 50k rows of text is much cheaper than parsing 50k jsonb arrays. All the words (for 并单) are no longer
-- stored: they are cut from the tickets of a warning when it is made. Clustering reads one place's rows of the
-- window through (place, at).
drop table ticket_places;
create table ticket_places (
  ticket_number  text primary key,
  text_hash      text not null,               -- of the keyed text: unchanged on a re-import, not cut again
  place          text,                        -- null: the text names no place (never in a cluster)
  category       text,                        -- 问题分类 when the export gives one: the same one is the same problem
  problem        text not null default '',    -- the problem words, sorted, space-separated
  at             timestamptz not null         -- 派单时间, else when first keyed
);
create index ticket_places_place on ticket_places (place, at) where place is not null;

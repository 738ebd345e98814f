-- A refused 代报 (a head reporting for another unit, a leader or supervisor without 代报): shown
-- to the unit's head, who may adopt it as the unit's own report (issue 12).
create table report_proxy_offers (
  message_id         text primary key,           -- the refused message
  unit_id            text not null,
  day                text not null,
  sender_id          text not null,
  sent_at            timestamptz not null,
  text               text not null,
  figures            jsonb not null,
  offered_at         timestamptz not null,
  adopted_at         timestamptz,
  adopted_by         text,
  adopt_message_id   text unique
);

create index report_proxy_offers_pending on report_proxy_offers (unit_id, sent_at desc) where adopted_at is null;

-- 百日攻坚 (issue 19): what a lead unit's messages said about each campaign item, one row per item and message.
-- The day's figures of an item are the fold of its rows for that day in the order received (a full report
-- again replaces them, a correction only the figures it gives; domain/campaign/day.ts); a withdrawn message
-- (撤回) no longer counts. `question` is what the sender was asked about a cumulative figure that does not add up.
create table campaign_progress (
  item_id       text not null,
  day           text not null,               -- YYYY-MM-DD the figures are about
  unit_id       text not null,
  message_id    text not null,
  sender_id     text not null,
  received_at   timestamptz not null,
  today         double precision,
  cumulative    double precision,
  correction    boolean not null default false,
  said          text not null,
  question      text,
  withdrawn_at  timestamptz,
  primary key (item_id, message_id)
);
create index campaign_progress_item_day on campaign_progress (item_id, day);
create index campaign_progress_message on campaign_progress (message_id);

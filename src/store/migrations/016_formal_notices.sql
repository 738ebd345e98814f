-- Formal notices (issue 18 §4): 《催办通知书》 for 书面督办 and 《督办函》 for 提请督办, numbered
-- 督〔YYYY〕N号 per year. A number is taken once per notice (notice_key) and never reused.
create table notice_sequences (
  year           integer primary key,
  last           integer not null
);

create table formal_notices (
  notice_key     text primary key,            -- 'ticket-written:<cycle>:<unit>' | 'ticket-referral:<cycle>'
  kind           text not null,               -- written | referral
  year           integer not null,
  seq            integer not null,
  unit_ids       jsonb not null,
  ticket_numbers jsonb not null,
  issued_at      timestamptz not null,
  file_name      text,
  file_path      text,
  unique (year, seq)
);
create index formal_notices_tickets on formal_notices using gin (ticket_numbers);

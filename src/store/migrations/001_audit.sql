-- The audit trail: every inbound message of the group and of private chats with roster
-- people, and every outbound message with its purpose.
create table inbound_messages (
  id            text primary key,            -- the chat's message id
  chat          text not null,               -- 'group' | 'private'
  room_id       text,
  sender_id     text not null,               -- contact id (never the display name)
  sender_name   text,
  known_sender  boolean not null,
  text          text not null default '',
  mentions      jsonb not null default '[]',
  file_name     text,
  file_path     text,
  sent_at       timestamptz not null,
  received_at   timestamptz not null,
  processed_at  timestamptz,
  handler       text,
  error         text
);
create index inbound_messages_sent_at on inbound_messages (sent_at);

create table outbound_messages (
  job_id        text primary key,            -- derived from the purpose: one message per purpose
  purpose       text not null,
  to_kind       text not null,               -- 'group' | 'person'
  to_id         text,
  text          text not null,
  mentions      jsonb not null default '[]',
  file_name     text,
  enqueued_at   timestamptz not null,
  sent_at       timestamptz,
  delivered_via text,                        -- 'group' | 'private' | 'group-fallback'
  attempts      integer not null default 0,
  last_error    text
);
create index outbound_messages_enqueued_at on outbound_messages (enqueued_at);

-- One row per step a routine or a scan took, so the next run does not take it again.
create table routine_steps (
  key           text primary key,            -- e.g. 'report-reminder:2026-11-20'
  routine       text not null,
  day           text,
  taken_at      timestamptz not null,
  detail        jsonb not null default '{}'
);

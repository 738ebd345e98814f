-- Leaders' point-to-point dispatches (点对点调度): the dispatch, one row per target unit with
-- its delivery, acknowledgement, answer and follow-up steps, and every event with its time.
create sequence dispatch_code_seq;

create table dispatches (
  id                integer primary key,        -- from dispatch_code_seq; the code is 'D' || id
  code              text not null unique,
  leader_id         text not null,               -- contact id of the leader who gave it
  source_message_id text unique,                 -- the inbound message it came from (one dispatch per message)
  chat              text not null,               -- 'group' | 'private' (转办)
  text              text not null,
  urgent            boolean not null default false,
  deadline          timestamptz not null,
  deadline_given    boolean not null,             -- false: the district's default answer window
  created_at        timestamptz not null,
  status            text not null default 'open', -- 'open' | 'answered'
  answered_at       timestamptz,
  escalated_at      timestamptz                   -- deadline passed unanswered: group, supervisors, leader told
);
create index dispatches_status on dispatches (status);

create table dispatch_targets (
  dispatch_id       integer not null references dispatches(id),
  unit_id           text not null,
  position          integer not null default 0,
  delivered_at      timestamptz,
  acked_at          timestamptz,
  acked_by          text,
  answered_at       timestamptz,
  answered_by       text,
  ack_reminded_at   timestamptz,
  due_reminded_at   timestamptz,
  late_at           timestamptz,
  primary key (dispatch_id, unit_id)
);
create index dispatch_targets_unit on dispatch_targets (unit_id);

-- The timeline: created, delivered, ack, answer, ack-reminder, due-reminder, late,
-- supervisors, leader-status, ask-which, forwarded …
create table dispatch_events (
  id                serial primary key,
  dispatch_id       integer references dispatches(id),
  unit_id           text,
  kind              text not null,
  actor_id          text,
  message_id        text,
  text              text,
  at                timestamptz not null,
  detail            jsonb not null default '{}'
);
create index dispatch_events_dispatch on dispatch_events (dispatch_id, at);

-- A unit's reply the bot could not link (several open dispatches): kept until the unit names the code.
create table dispatch_pending_replies (
  id                serial primary key,
  unit_id           text not null,
  sender_id         text not null,
  message_id        text not null unique,
  kind              text not null,               -- 'ack' | 'answer'
  text              text not null,
  codes             jsonb not null default '[]', -- the codes the bot offered
  at                timestamptz not null,
  resolved_at       timestamptz,
  resolved_code     text
);
create index dispatch_pending_unit on dispatch_pending_replies (unit_id, resolved_at);

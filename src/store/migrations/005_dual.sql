-- 双派单-双倒查-双问责 (issue 6): a ticket that becomes 不满意 or 重办 is sent at once to its
-- 承办单位 and to its 属地镇街 (one round, two sides); both sides sign, answer and answer the
-- back-check; late sides climb the ticket ladder; neglect goes to supervision and discipline.

-- Every ticket event that calls for a round, written by the trigger below in the same
-- transaction as the ticket change (import, API, CLI alike). round_id is set once a round
-- takes it (a new round, or the open round it is noted on).
create table dual_triggers (
  event_id       bigint not null,               -- ticket_events.id
  ticket_number  text not null,
  reason         text not null,                 -- 'unsatisfied' | 'reopened'
  at             timestamptz not null,
  round_id       integer,
  primary key (event_id, reason)
);
create index dual_triggers_pending on dual_triggers (ticket_number) where round_id is null;
create index dual_triggers_at on dual_triggers (at);

-- (Written so that no line inside the body ends with a semicolon: migrate.ts splits there.)
create function dual_trigger_from_event() returns trigger language plpgsql as $$
declare t record; begin
  if new.kind = 'reopened' then
    insert into dual_triggers (event_id, ticket_number, reason, at) values (new.id, new.ticket_number, 'reopened', new.at) on conflict do nothing
  ; elsif new.kind = 'rating' and new.detail->>'to' = '不满意' then
    insert into dual_triggers (event_id, ticket_number, reason, at) values (new.id, new.ticket_number, 'unsatisfied', new.at) on conflict do nothing
  ; elsif new.kind = 'new' then
    select reopen_count, rating into t from tickets where number = new.ticket_number
    ; if found and t.rating = '不满意' then
      insert into dual_triggers (event_id, ticket_number, reason, at) values (new.id, new.ticket_number, 'unsatisfied', new.at) on conflict do nothing
    ; end if
    ; if found and t.reopen_count > 0 then
      insert into dual_triggers (event_id, ticket_number, reason, at) values (new.id, new.ticket_number, 'reopened', new.at) on conflict do nothing
    ; end if
  ; end if
  ; return null
; end
$$;

create trigger ticket_events_dual after insert on ticket_events for each row execute function dual_trigger_from_event();

create sequence dual_round_seq;

create table dual_rounds (
  id                 integer primary key,       -- from dual_round_seq; the code is 'SP' || id
  code               text not null unique,
  ticket_number      text not null,
  seq                integer not null,          -- 1st, 2nd, 3rd … round of this ticket
  previous_id        integer references dual_rounds(id),
  reason             text not null,             -- 'unsatisfied' | 'reopened' | 'unsatisfied,reopened'
  created_at         timestamptz not null,
  deadline           timestamptz not null,      -- answer due (dual.deadlineWorkdays working days)
  status             text not null default 'open', -- 'open' (waiting for answers) | 'answered' (back-check out) | 'closed'
  same_unit          boolean not null default false, -- the street is the 承办单位 itself: one side, one delivery
  flow_enqueued_at   timestamptz,               -- the BullMQ flow (parent + one child per side) was added
  dispatched_at      timestamptz,               -- the flow's parent completed: every side delivered
  answered_at        timestamptz,
  closed_at          timestamptz,
  accountability_at  timestamptz,               -- 双问责 sent to supervision and discipline
  accountability_reason text,                   -- 'third-round' | 'both-late'
  unique (ticket_number, seq)
);
-- A ticket never has two rounds waiting for answers.
create unique index dual_rounds_one_open on dual_rounds (ticket_number) where status = 'open';
create index dual_rounds_status on dual_rounds (status);
create index dual_rounds_created on dual_rounds (created_at);

create table dual_sides (
  round_id           integer not null references dual_rounds(id),
  side               text not null,             -- 'unit' (承办单位) | 'street' (属地镇街) | 'both'
  unit_id            text not null,
  grid               text,
  delivered_at       timestamptz,
  delivered_to       jsonb not null default '[]',
  ack_reminded_at    timestamptz,
  acked_at           timestamptz,
  acked_by           text,
  answered_at        timestamptz,
  answered_by        text,
  answer             text,
  late_at            timestamptz,
  backcheck_asked_at timestamptz,
  backcheck_at       timestamptz,
  backcheck_by       text,
  backcheck_text     text,
  prior_known        text,                      -- 提前摸排掌握?
  like_cases         text,                      -- 举一反三?
  primary key (round_id, side)
);
create index dual_sides_unit on dual_sides (unit_id);

-- The ladder of a late side: 即时 → 书面 → 现场 → 提请, each step once, with time and recipients.
create table dual_escalations (
  round_id           integer not null references dual_rounds(id),
  side               text not null,
  step               text not null,             -- immediate | written | onsite | referral
  days_overdue       integer not null,
  day                text not null,
  taken_at           timestamptz not null,
  recipients         jsonb not null,
  primary key (round_id, side, step)
);

-- The round's timeline: created, noted (a new trigger while open), delivered, dispatched,
-- ack-reminder, ack, answer, late, escalation, holdup, backcheck-asked, backcheck, accountability …
create table dual_events (
  id                 bigserial primary key,
  round_id           integer not null references dual_rounds(id),
  side               text,
  kind               text not null,
  actor_id           text,
  message_id         text,
  text               text,
  at                 timestamptz not null,
  detail             jsonb not null default '{}'
);
create index dual_events_round on dual_events (round_id, at);

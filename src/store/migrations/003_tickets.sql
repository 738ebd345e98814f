-- Tickets (工单) from the 12345 platform, every change to them, the nagging cycles, the
-- escalation ladder and the 退办 / 不再办理 approvals (issue 4).
create table tickets (
  number         text primary key,            -- 工单编号
  title          text not null default '',
  content        text not null default '',
  unit_id        text not null,               -- 承办单位, resolved through the roster
  street         text,
  grid           text,
  assigned_at    timestamptz,                 -- 派单时间
  deadline_at    timestamptz,                 -- 办理时限 as given by the platform
  due_at         timestamptz not null,        -- effective deadline (own 办理时限, else "123")
  status         text not null default '',
  done           boolean not null default false,
  rating         text,                        -- 满意 / 基本满意 / 不满意
  reopen_count   integer not null default 0,
  reopened_at    timestamptz,
  first_seen_at  timestamptz not null,
  updated_at     timestamptz not null
);
create index tickets_open_due on tickets (due_at) where not done;
create index tickets_open_reopened on tickets (unit_id) where not done and reopen_count > 0;
create index tickets_unit on tickets (unit_id);

create table ticket_events (
  id             bigserial primary key,
  ticket_number  text not null,
  kind           text not null,               -- new | status | deadline | reopened | rating | unit | reported-done | acknowledged
  at             timestamptz not null,
  source         text not null,               -- 'file:<name> by <contact>' | 'api' | 'cli:<path>' | 'chat:<contact>'
  detail         jsonb not null default '{}'
);
create index ticket_events_ticket on ticket_events (ticket_number, at);

create table ticket_imports (
  id             bigserial primary key,
  source         text not null,
  sender_id      text,
  file_name      text,
  at             timestamptz not null,
  created        integer not null,
  updated        integer not null,
  unchanged      integer not null,
  rejected       integer not null,
  rejected_rows  jsonb not null default '[]'
);

-- One row per digest sent to a unit in a nag cycle; 签收 is recorded on the latest one.
create table ticket_digests (
  cycle          text not null,               -- '2026-11-23@09:00'
  unit_id        text not null,
  numbers        jsonb not null,
  recipients     jsonb not null,
  sent_at        timestamptz not null,
  acked_by       text,
  acked_at       timestamptz,
  primary key (cycle, unit_id)
);
create index ticket_digests_unit on ticket_digests (unit_id, sent_at desc);

-- The escalation ladder: each step of each ticket once per deadline (a reopened ticket with
-- a new 办理时限 climbs a new ladder), with time and recipients.
create table ticket_escalations (
  ticket_number  text not null,
  due_at         timestamptz not null,
  step           text not null,               -- immediate | written | onsite | referral
  unit_id        text not null,
  days_overdue   integer not null,
  day            text not null,               -- local day the step was taken
  cycle          text not null,
  taken_at       timestamptz not null,
  recipients     jsonb not null,
  primary key (ticket_number, due_at, step)
);

create table ticket_approvals (
  id             bigserial primary key,
  code           text unique,
  kind           text not null,               -- 退办 | 不再办理
  ticket_number  text not null,
  unit_id        text,
  requester_id   text not null,
  reason         text not null,
  requested_at   timestamptz not null,
  sent_to        jsonb not null default '[]',
  resent_at      timestamptz,
  decision       text,                        -- approved | refused
  decided_by     text,
  decided_at     timestamptz,
  decision_note  text
);
create index ticket_approvals_open on ticket_approvals (requested_at) where decision is null;

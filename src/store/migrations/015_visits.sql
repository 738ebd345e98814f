-- 四个必到 (issue 18 §2): visits a unit's leader owes in person for a ticket, the reasons, the deadline, the
-- delivery and reminder steps, and the visit record (who went, when, what was agreed, who recorded it).
create table visit_items (
  id             bigserial primary key,
  code           text generated always as ('V' || id::text) stored unique,
  ticket_number  text not null,
  unit_id        text not null,
  reasons        jsonb not null,              -- ["meet","reopened","unsatisfied","prolonged"], a subset
  opened_at      timestamptz not null,
  due_day        text not null,               -- local day the visit is due (working days after opening)
  visited_on     text,                        -- local day of the visit
  visitor        text,
  agreed         text,
  recorded_by    text,
  recorded_at    timestamptz
);
create index visit_items_owed on visit_items (unit_id) where recorded_at is null;

-- Each step of each item once: opened (delivered to the head), remind:<day>, escalate.
create table visit_steps (
  code           text not null,
  step           text not null,
  taken_at       timestamptz not null,
  recipients     jsonb not null default '[]',
  primary key (code, step)
);
create unique index visit_items_ticket_reasons on visit_items (ticket_number, reasons);

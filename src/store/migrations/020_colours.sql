-- 三色督办 (issue 18 §3). Red by history: a ticket's deadline moves, ratings and reopens are read for
-- every open ticket at each nag; this index holds only those events (a small share of ticket_events).
create index ticket_events_history on ticket_events (ticket_number, at) where kind in ('deadline', 'rating', 'reopened');

-- The blue step (蓝色提醒) of a dispatch's target unit and of a 双派单 side: once, on the last working
-- day before the deadline day; a side's yellow step (黄色预警) on the deadline day (a dispatch's is its
-- due_reminded_at, the reminder before the deadline).
alter table dispatch_targets add column blue_reminded_at timestamptz;
alter table dual_sides add column blue_reminded_at timestamptz;
alter table dual_sides add column yellow_reminded_at timestamptz;

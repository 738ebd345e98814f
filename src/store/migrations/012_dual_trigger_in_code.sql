-- Issue 16: the rule "a ticket that becomes 不满意 or 重办 opens a 双派单 round" is TypeScript now
-- (src/domain/dual/triggers.ts, applied by src/usecases/ticket-changes.ts in the same transaction
-- as the ticket change). The database trigger and its function go; dual_triggers keeps its rows.
drop trigger if exists ticket_events_dual on ticket_events;
drop function if exists dual_trigger_from_event();

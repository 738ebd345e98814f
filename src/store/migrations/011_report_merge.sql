-- Corrections that keep what they do not change (issue 15): each version says how it was
-- applied (mode: 'replace' for a full report, 'merge' for a correction merged into the current
-- one), the report it made (result), the figure keys it changed, whether it was withdrawn
-- (撤回 in the chat), whether it came after the day's summary went out and when a later
-- summary listed it. The current report keeps the checks against the unit's own history
-- (请核实) until the head confirms them.
alter table report_versions add column mode text not null default 'replace';
alter table report_versions add column result jsonb;
alter table report_versions add column changed text[] not null default '{}';
alter table report_versions add column withdrawn_at timestamptz;
alter table report_versions add column after_summary boolean not null default false;
alter table report_versions add column summary_noted_at timestamptz;

alter table reports add column flags jsonb not null default '[]';
alter table reports add column flags_confirmed_at timestamptz;

create index report_versions_after_summary on report_versions (received_at) where after_summary and summary_noted_at is null and withdrawn_at is null;

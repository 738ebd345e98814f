-- Daily reports: the current figures per unit and day, and every version received.
create table reports (
  unit_id            text not null,
  day                text not null,              -- YYYY-MM-DD the report is about
  received           integer,
  completed          integer,
  in_progress        integer,
  overdue            integer,
  reopened           integer,
  unsatisfied        integer,
  returned           integer,
  on_time_rate       double precision,
  satisfaction_rate  double precision,
  late               boolean not null default false,
  version            integer not null,
  message_id         text not null,
  sender_id          text not null,
  received_at        timestamptz not null,
  primary key (unit_id, day)
);

create table report_versions (
  unit_id      text not null,
  day          text not null,
  version      integer not null,
  figures      jsonb not null,
  late         boolean not null,
  message_id   text not null unique,
  sender_id    text not null,
  received_at  timestamptz not null,
  text         text not null,
  primary key (unit_id, day, version)
);

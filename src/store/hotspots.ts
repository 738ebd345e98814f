/**
 * 本周热点 (issue 18 §1): tickets counted per week by category and by place. A ticket belongs to
 * the week of its 派单时间 (else when it was first seen); week 0 is the 7 days before `until`,
 * week k the 7 days before that, back to `weeks` (whole days in the district's time zone, which has
 * no daylight saving time: Asia/Shanghai).
 */
import type { WeekCount } from '../domain/hotspots/rising.js';
import type { Queryable } from './db.js';

const WEEK_SECONDS = 7 * 86_400;

/**
 * The week number of a ticket's time `at` (SQL), for `until` = $1: 0 for [until − 7 days, until),
 * and the bounds of the weeks counted ($2 of them).
 */
const WEEK = `(ceil(extract(epoch from ($1::timestamptz - t.at)) / ${WEEK_SECONDS}) - 1)::int`;
const WINDOW = `t.at < $1::timestamptz and t.at >= $1::timestamptz - ($2::int * interval '7 days')`;

/**
 * Tickets per week and category path (null: no category), weeks 0 … `historyWeeks`, before
 * `until` (exclusive). One pass over the tickets of those weeks.
 */
export async function ticketsByWeekAndCategory(db: Queryable, until: Date, historyWeeks: number): Promise<WeekCount[]> {
  return db.query<WeekCount>(
    `select ${WEEK} as week, t.category as key, count(*)::int as n
     from (select coalesce(assigned_at, first_seen_at) as at, category from tickets) t
     where ${WINDOW}
     group by 1, 2`,
    [until, historyWeeks + 1],
  );
}

/**
 * Tickets per week and place (ticket_places: the place named in the ticket; tickets naming none
 * are not counted), weeks 0 … `historyWeeks`, before `until` (exclusive).
 */
export async function ticketsByWeekAndPlace(db: Queryable, until: Date, historyWeeks: number): Promise<WeekCount[]> {
  return db.query<WeekCount>(
    `select ${WEEK} as week, t.place as key, count(*)::int as n
     from (select coalesce(k.assigned_at, k.first_seen_at) as at, p.place
           from ticket_places p join tickets k on k.number = p.ticket_number where p.place is not null) t
     where ${WINDOW}
     group by 1, 2`,
    [until, historyWeeks + 1],
  );
}

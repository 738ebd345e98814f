import type { ReportFigures } from '../domain/report/figures.js';
import type { ApplyMode } from '../domain/report/merge.js';
import { batchedPerDb } from '../lib/batcher.js';
import type { Db, Queryable, SqlValue } from './db.js';
import { valuesList } from './values.js';

export interface StoredReport extends ReportFigures {
  unitId: string;
  day: string;
  late: boolean;
  version: number;
  senderId: string;
  receivedAt: Date;
  /** Checks against the unit's history the head has not confirmed (empty once confirmed). */
  flags: string[];
}

interface Row {
  unit_id: string;
  day: string;
  received: number | null;
  completed: number | null;
  in_progress: number | null;
  overdue: number | null;
  reopened: number | null;
  unsatisfied: number | null;
  returned: number | null;
  on_time_rate: number | null;
  satisfaction_rate: number | null;
  late: boolean;
  version: number;
  sender_id: string;
  received_at: Date;
  flags?: unknown;
  flags_confirmed_at?: Date | null;
}

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

function figuresOfRow(r: Row): ReportFigures {
  return {
    received: r.received,
    completed: r.completed,
    inProgress: r.in_progress,
    overdue: r.overdue,
    reopened: r.reopened,
    unsatisfied: r.unsatisfied,
    returned: r.returned,
    onTimeRate: r.on_time_rate,
    satisfactionRate: r.satisfaction_rate,
  };
}

function fromRow(r: Row): StoredReport {
  return {
    unitId: r.unit_id,
    day: r.day,
    ...figuresOfRow(r),
    late: r.late,
    version: r.version,
    senderId: r.sender_id,
    receivedAt: new Date(r.received_at),
    flags: r.flags_confirmed_at ? [] : (parseJson<string[] | null>(r.flags ?? '[]') ?? []),
  };
}

export interface SaveReport {
  unitId: string;
  day: string;
  /** The figures the message gave. */
  figures: ReportFigures;
  /** The day's report after it (decided by the domain: domain/report/merge.ts). */
  result: ReportFigures;
  mode: ApplyMode;
  changed: ReadonlyArray<keyof ReportFigures>;
  /**
   * The version the result was decided on (0: none yet); another version stored meanwhile makes this one a conflict.
   */
  baseVersion: number;
  /** Checks against the unit's history to be confirmed (请核实), for the current report. */
  flags: readonly string[];
  /** Sent after the day's summary went out. */
  afterSummary: boolean;
  late: boolean;
  messageId: string;
  senderId: string;
  receivedAt: Date;
  text: string;
}

export interface SavedReport {
  /**
   * stored: a new version; seen: this message was stored before; conflict: another version came first, decide again.
   */
  status: 'stored' | 'seen' | 'conflict';
  version: number;
  result: ReportFigures;
  changed: Array<keyof ReportFigures>;
  /** How it was applied, and the report before it (for a message seen before: as stored then). */
  mode: ApplyMode;
  before: ReportFigures | null;
}

const COLUMN_TYPES = [
  'text',
  'text',
  'jsonb',
  'boolean',
  'text',
  'text',
  'timestamptz',
  'text',
  'int',
  'int',
  'int',
  'int',
  'int',
  'int',
  'int',
  'float8',
  'float8',
  'text',
  'jsonb',
  'text[]',
  'int',
  'jsonb',
  'boolean',
];
const savers = batchedPerDb(saveReports);

/**
 * Stores a message's report version and the unit's current report for the day, keeping every
 * earlier version. Idempotent per message id: a message processed twice gives the same
 * version. Reports of different units arriving together (the evening burst) are stored in one
 * statement, each caller waiting for its own; each statement is atomic on its own.
 */
export function saveReport(db: Queryable, r: SaveReport): Promise<SavedReport> {
  return savers(db, r);
}

/** Stores reports of distinct messages and distinct unit-days in one statement. */
export async function saveReports(db: Queryable, rs: readonly SaveReport[]): Promise<SavedReport[]> {
  if (
    new Set(rs.map((r) => r.messageId)).size !== rs.length ||
    new Set(rs.map((r) => `${r.unitId}|${r.day}`)).size !== rs.length
  ) {
    throw new Error('saveReports: one message or one unit-day per statement');
  }
  const params: SqlValue[] = [];
  for (const r of rs) {
    const f = r.result;
    params.push(
      r.unitId,
      r.day,
      JSON.stringify(r.figures),
      r.late,
      r.messageId,
      r.senderId,
      r.receivedAt,
      r.text,
      f.received,
      f.completed,
      f.inProgress,
      f.overdue,
      f.reopened,
      f.unsatisfied,
      f.returned,
      f.onTimeRate,
      f.satisfactionRate,
      r.mode,
      JSON.stringify(f),
      [...r.changed],
      r.baseVersion,
      JSON.stringify(r.flags),
      r.afterSummary,
    );
  }
  const out = await db.query<{
    message_id: string;
    version: number;
    result: unknown;
    changed: string[];
    fresh: boolean;
    mode: string;
    before: unknown;
  }>(
    `with input (unit_id, day, figures, late, message_id, sender_id, received_at, text,
                 received, completed, in_progress, overdue, reopened, unsatisfied, returned, on_time_rate, ` +
      `satisfaction_rate,
                 mode, result, changed, base_version, flags, after_summary) as (
       values ${valuesList(rs.length, COLUMN_TYPES)}
     ), seen as (
       select v.message_id, v.version, v.result, v.changed, v.mode,
         (select p.result from report_versions p where p.unit_id = v.unit_id and p.day = v.day and p.version < ` +
      `v.version and p.withdrawn_at is null
          order by p.version desc limit 1) as before
       from report_versions v join input i on i.message_id = v.message_id
     ), fresh as (
       select i.*, i.base_version + 1 as version
       from input i where not exists (select 1 from seen s where s.message_id = i.message_id)
         and coalesce((select max(v.version) from report_versions v where v.unit_id = i.unit_id and v.day = i.day), ` +
      `0) = i.base_version
     ), ins as (
       insert into report_versions (unit_id, day, version, figures, late, message_id, sender_id, received_at, text, ` +
      `mode, result, changed, after_summary)
       select unit_id, day, version, figures, late, message_id, sender_id, received_at, text, mode, result, changed, ` +
      `after_summary from fresh
       on conflict do nothing
       returning message_id, version, result, changed, mode
     ), cur as (
       -- A correction keeps the "late" mark of the first report: lateness is about the first one.
       insert into reports (unit_id, day, received, completed, in_progress, overdue, reopened, unsatisfied, returned,` +
      ` on_time_rate, satisfaction_rate, late, version, message_id, sender_id, received_at, flags)
       select f.unit_id, f.day, f.received, f.completed, f.in_progress, f.overdue, f.reopened, f.unsatisfied, ` +
      `f.returned, f.on_time_rate, f.satisfaction_rate, f.late, f.version, f.message_id, f.sender_id, ` +
      `f.received_at, f.flags
       from fresh f join ins on ins.message_id = f.message_id
       on conflict (unit_id, day) do update set received = excluded.received, completed = excluded.completed, ` +
      `in_progress = excluded.in_progress,
         overdue = excluded.overdue, reopened = excluded.reopened, unsatisfied = excluded.unsatisfied, returned = ` +
      `excluded.returned,
         on_time_rate = excluded.on_time_rate, satisfaction_rate = excluded.satisfaction_rate, version = ` +
      `excluded.version,
         message_id = excluded.message_id, sender_id = excluded.sender_id, received_at = excluded.received_at,
         flags = excluded.flags, flags_confirmed_at = null
       returning 1
     )
     select message_id, version, result, changed, mode, null::jsonb as before, true as fresh from ins
     union all select message_id, version, result, changed, mode, before, false as fresh from seen`,
    params,
  );
  const byId = new Map(out.map((o) => [o.message_id, o]));
  return rs.map((r) => {
    const o = byId.get(r.messageId);
    if (o === undefined)
      return { status: 'conflict', version: 0, result: r.result, changed: [], mode: r.mode, before: null };
    const stored = o.result == null ? r.result : parseJson<ReportFigures>(o.result);
    return {
      status: o.fresh ? 'stored' : 'seen',
      version: o.version,
      result: stored,
      changed: (o.changed ?? []) as Array<keyof ReportFigures>,
      mode: o.mode === 'merge' ? 'merge' : 'replace',
      before: o.before == null ? null : parseJson<ReportFigures>(o.before),
    };
  });
}

/** What deciding a unit's new report needs to read (one batched statement for reports arriving together). */
export interface ReportContextQuery {
  unitId: string;
  day: string;
  /** Days whose reports are the unit's history (the checks of domain/report/history.ts). */
  historyDays: readonly string[];
  /** A routine step whose presence says the day's summary went out. */
  summaryStepKey: string;
}

export interface ReportContext {
  /** The latest version number (0: none), withdrawn ones included. */
  version: number;
  /** The current report (null: none stands). */
  figures: ReportFigures | null;
  history: ReportFigures[];
  summarySent: boolean;
}

const contextReaders = batchedPerDb(reportContexts);

/** The current report, its version, the unit's history and whether the summary went out. */
export function reportContext(db: Queryable, q: ReportContextQuery): Promise<ReportContext> {
  return contextReaders(db, q);
}

export async function reportContexts(db: Queryable, qs: readonly ReportContextQuery[]): Promise<ReportContext[]> {
  const params: SqlValue[] = [];
  qs.forEach((q, i) => params.push(i, q.unitId, q.day, [...q.historyDays], q.summaryStepKey));
  const rows = await db.query<{ idx: number; max_version: number; cur: unknown; hist: unknown; summary_sent: boolean }>(
    `with input (idx, unit_id, day, hist, step_key) as (values ` +
      `${valuesList(qs.length, ['int', 'text', 'text', 'text[]', 'text'])})
     select i.idx,
       (select coalesce(max(v.version), 0)::int from report_versions v where v.unit_id = i.unit_id and v.day = i.day)` +
      ` as max_version,
       (select to_jsonb(r) from reports r where r.unit_id = i.unit_id and r.day = i.day) as cur,
       (select coalesce(jsonb_agg(to_jsonb(h) order by h.day), '[]'::jsonb) from reports h where h.unit_id = ` +
      `i.unit_id and h.day = any(i.hist)) as hist,
       exists (select 1 from routine_steps s where s.key = i.step_key) as summary_sent
     from input i`,
    params,
  );
  const byIdx = new Map(rows.map((r) => [Number(r.idx), r]));
  return qs.map((_, i) => {
    const r = byIdx.get(i);
    const cur = r?.cur == null ? null : parseJson<Row>(r.cur);
    return {
      version: r?.max_version ?? 0,
      figures: cur ? figuresOfRow(cur) : null,
      history: r ? parseJson<Row[]>(r.hist).map(figuresOfRow) : [],
      summarySent: r?.summary_sent ?? false,
    };
  });
}

/** One stored version of a unit's report for a day. */
export interface ReportVersion {
  unitId: string;
  day: string;
  version: number;
  mode: ApplyMode;
  /** The figures the message gave. */
  figures: ReportFigures;
  messageId: string;
  senderId: string;
  receivedAt: Date;
  withdrawn: boolean;
}

interface VersionRow {
  unit_id: string;
  day: string;
  version: number;
  mode: string;
  figures: unknown;
  message_id: string;
  sender_id: string;
  received_at: Date;
  withdrawn_at: Date | null;
}

const versionOfRow = (r: VersionRow): ReportVersion => ({
  unitId: r.unit_id,
  day: r.day,
  version: r.version,
  mode: r.mode === 'merge' ? 'merge' : 'replace',
  figures: parseJson<ReportFigures>(r.figures),
  messageId: r.message_id,
  senderId: r.sender_id,
  receivedAt: new Date(r.received_at),
  withdrawn: r.withdrawn_at !== null,
});

/** The version a message made, if any. */
export async function versionOfMessage(db: Queryable, messageId: string): Promise<ReportVersion | undefined> {
  const [r] = await db.query<VersionRow>('select * from report_versions where message_id = $1', [messageId]);
  return r ? versionOfRow(r) : undefined;
}

/** Every version of a unit's report for a day, in order. */
export async function reportVersions(db: Queryable, unitId: string, day: string): Promise<ReportVersion[]> {
  return (
    await db.query<VersionRow>('select * from report_versions where unit_id = $1 and day = $2 order by version', [
      unitId,
      day,
    ])
  ).map(versionOfRow);
}

/**
 * Marks a version withdrawn (撤回) and stores the report that stands without it (decided by the
 * domain: foldVersions), or removes the day's report when none stands. False when it was withdrawn already.
 */
export interface StandingReport {
  figures: ReportFigures;
  version: number;
  messageId: string;
  senderId: string;
  receivedAt: Date;
  /** History checks of the standing figures (请核实). */
  flags: readonly string[];
}

export async function withdrawVersion(
  db: Db,
  messageId: string,
  at: Date,
  standing: StandingReport | null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [v] = await tx.query<VersionRow>(
      'update report_versions set withdrawn_at = $2 where message_id = $1 and withdrawn_at is null returning *',
      [messageId, at],
    );
    if (!v) return false;
    if (standing === null) {
      await tx.query('delete from reports where unit_id = $1 and day = $2', [v.unit_id, v.day]);
      return true;
    }
    const f = standing.figures;
    await tx.query(
      `update reports set received = $3, completed = $4, in_progress = $5, overdue = $6, reopened = $7, ` +
        `unsatisfied = $8, returned = $9,
         on_time_rate = $10, satisfaction_rate = $11, version = $12, message_id = $13, sender_id = $14, received_at ` +
        `= $15,
         flags = $16, flags_confirmed_at = null
       where unit_id = $1 and day = $2`,
      [
        v.unit_id,
        v.day,
        f.received,
        f.completed,
        f.inProgress,
        f.overdue,
        f.reopened,
        f.unsatisfied,
        f.returned,
        f.onTimeRate,
        f.satisfactionRate,
        standing.version,
        standing.messageId,
        standing.senderId,
        standing.receivedAt,
        JSON.stringify(standing.flags),
      ],
    );
    return true;
  });
}

/** The head confirmed the figures the history checks questioned (请核实 → 确认无误). False when nothing waited. */
export async function confirmReportFlags(db: Queryable, unitId: string, day: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    `update reports set flags_confirmed_at = $3 where unit_id = $1 and day = $2 and flags_confirmed_at is null ` +
      `and jsonb_array_length(flags) > 0 returning 1`,
    [unitId, day, at],
  );
  return rows.length > 0;
}

/** Questioned figures of the unit's report for the day, not yet confirmed. */
export async function unconfirmedFlags(db: Queryable, unitId: string, day: string): Promise<string[]> {
  const [r] = await db.query<Row>('select * from reports where unit_id = $1 and day = $2', [unitId, day]);
  return r ? fromRow(r).flags : [];
}

/**
 * A correction sent after its day's summary went out, not yet listed in a summary (reports.lateCorrection: 'summary').
 */
export interface LateCorrection {
  messageId: string;
  unitId: string;
  day: string;
  changed: Array<keyof ReportFigures>;
  before: ReportFigures | null;
  after: ReportFigures;
}

export async function pendingLateCorrections(db: Queryable): Promise<LateCorrection[]> {
  const rows = await db.query<{
    message_id: string;
    unit_id: string;
    day: string;
    changed: string[];
    result: unknown;
    before: unknown;
  }>(
    `select v.message_id, v.unit_id, v.day, v.changed, v.result,
       (select p.result from report_versions p where p.unit_id = v.unit_id and p.day = v.day and p.version < ` +
      `v.version and p.withdrawn_at is null order by p.version desc limit 1) as before
     from report_versions v
     where v.after_summary and v.summary_noted_at is null and v.withdrawn_at is null and cardinality(v.changed) > 0
     order by v.received_at`,
  );
  return rows.map((r) => ({
    messageId: r.message_id,
    unitId: r.unit_id,
    day: r.day,
    changed: r.changed as Array<keyof ReportFigures>,
    before: r.before === null ? null : parseJson<ReportFigures>(r.before),
    after: parseJson<ReportFigures>(r.result),
  }));
}

export async function markLateCorrectionsNoted(db: Queryable, messageIds: readonly string[], at: Date): Promise<void> {
  if (messageIds.length === 0) return;
  await db.query('update report_versions set summary_noted_at = $2 where message_id = any($1::text[])', [
    [...messageIds],
    at,
  ]);
}

export async function reportsForDay(db: Queryable, day: string): Promise<StoredReport[]> {
  return (await db.query<Row>('select * from reports where day = $1 order by unit_id', [day])).map(fromRow);
}

export async function reportedUnitIds(db: Queryable, day: string): Promise<Set<string>> {
  return new Set(
    (await db.query<{ unit_id: string }>('select unit_id from reports where day = $1', [day])).map((r) => r.unit_id),
  );
}

/** A refused 代报 offered to the unit it was for (migration 008). */
export interface ProxyOffer {
  messageId: string;
  unitId: string;
  day: string;
  senderId: string;
  sentAt: Date;
  text: string;
  figures: ReportFigures;
  adoptedBy: string | null;
  adoptMessageId: string | null;
}

function offerFromRow(r: Record<string, unknown>): ProxyOffer {
  return {
    messageId: String(r.message_id),
    unitId: String(r.unit_id),
    day: String(r.day),
    senderId: String(r.sender_id),
    sentAt: new Date(r.sent_at as string | Date),
    text: String(r.text),
    figures: (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as ReportFigures,
    adoptedBy: (r.adopted_by as string | null) ?? null,
    adoptMessageId: (r.adopt_message_id as string | null) ?? null,
  };
}

/** Records the offer; false if this message was offered already. */
export async function addProxyOffer(
  db: Queryable,
  o: Omit<ProxyOffer, 'adoptedBy' | 'adoptMessageId'>,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `insert into report_proxy_offers (message_id, unit_id, day, sender_id, sent_at, text, figures, offered_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (message_id) do nothing returning message_id`,
    [o.messageId, o.unitId, o.day, o.senderId, o.sentAt, o.text, JSON.stringify(o.figures), at],
  );
  return rows.length > 0;
}

/** The offer a unit's adopt message is about: the one it adopted already, else the unit's latest pending one. */
export async function proxyOfferToAdopt(
  db: Queryable,
  unitId: string,
  adoptMessageId: string,
): Promise<ProxyOffer | undefined> {
  const rows = await db.query<Record<string, unknown>>(
    `select * from report_proxy_offers where unit_id = $1 and (adopt_message_id = $2 or adopted_at is null)
     order by (adopt_message_id = $2) desc nulls last, sent_at desc limit 1`,
    [unitId, adoptMessageId],
  );
  return rows[0] ? offerFromRow(rows[0]) : undefined;
}

/** Marks the offer adopted by a message (idempotent for that message). */
export async function markProxyAdopted(
  db: Queryable,
  messageId: string,
  by: string,
  adoptMessageId: string,
  at: Date,
): Promise<void> {
  await db.query(
    `update report_proxy_offers set adopted_at = $3, adopted_by = $2, adopt_message_id = $4
     where message_id = $1 and (adopted_at is null or adopt_message_id = $4)`,
    [messageId, by, at, adoptMessageId],
  );
}

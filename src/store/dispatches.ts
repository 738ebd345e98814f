/** Dispatches, their target units and their timeline (migration 004). */
import type { TargetView } from '../domain/dispatch/flow.js';
import { batchedPerDb } from '../lib/batcher.js';
import type { Db, Queryable } from './db.js';
import { date, type Row } from './rows.js';

export interface DispatchTarget extends TargetView {
  ackedBy: string | null;
  answeredBy: string | null;
}

export interface Dispatch {
  id: number;
  code: string;
  leaderId: string;
  sourceMessageId: string | null;
  chat: 'group' | 'private';
  text: string;
  urgent: boolean;
  deadline: Date;
  deadlineGiven: boolean;
  createdAt: Date;
  status: 'open' | 'answered';
  answeredAt: Date | null;
  escalatedAt: Date | null;
  targets: DispatchTarget[];
}

export interface NewDispatch {
  leaderId: string;
  sourceMessageId: string;
  chat: 'group' | 'private';
  text: string;
  urgent: boolean;
  deadline: string | Date;
  deadlineGiven: boolean;
  createdAt: Date;
  unitIds: string[];
}

export type EventKind =
  | 'created'
  | 'delivered'
  | 'posted'
  | 'ack'
  | 'answer'
  | 'forwarded'
  | 'ask-which'
  | 'ack-reminder'
  | 'blue-reminder'
  | 'due-reminder'
  | 'late'
  | 'supervisors'
  | 'leader-status';

export interface DispatchEvent {
  kind: EventKind;
  unitId: string | null;
  actorId: string | null;
  messageId: string | null;
  text: string | null;
  at: Date;
  detail: Record<string, unknown>;
}

function toTarget(r: Row): DispatchTarget {
  return {
    unitId: String(r.unit_id),
    deliveredAt: date(r.delivered_at),
    ackedAt: date(r.acked_at),
    ackedBy: (r.acked_by as string | null) ?? null,
    answeredAt: date(r.answered_at),
    answeredBy: (r.answered_by as string | null) ?? null,
    ackRemindedAt: date(r.ack_reminded_at),
    dueRemindedAt: date(r.due_reminded_at),
    blueRemindedAt: date(r.blue_reminded_at),
    lateAt: date(r.late_at),
  };
}

function toDispatch(r: Row, targets: DispatchTarget[]): Dispatch {
  return {
    id: Number(r.id),
    code: String(r.code),
    leaderId: String(r.leader_id),
    sourceMessageId: (r.source_message_id as string | null) ?? null,
    chat: r.chat === 'private' ? 'private' : 'group',
    text: String(r.text),
    urgent: r.urgent === true,
    deadline: date(r.deadline) as Date,
    deadlineGiven: r.deadline_given === true,
    createdAt: date(r.created_at) as Date,
    status: r.status === 'answered' ? 'answered' : 'open',
    answeredAt: date(r.answered_at),
    escalatedAt: date(r.escalated_at),
    targets,
  };
}

async function withTargets(db: Queryable, rows: Row[]): Promise<Dispatch[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const trows = await db.query<Row>(
    'select * from dispatch_targets where dispatch_id = any($1::int[]) order by dispatch_id, position',
    [ids.map(String)],
  );
  return rows.map((r) => toDispatch(r, trows.filter((t) => Number(t.dispatch_id) === Number(r.id)).map(toTarget)));
}

/**
 * Creates the dispatch for an inbound message, or returns the one already made from it (a
 * message processed twice makes one dispatch). `created` says which.
 */
export async function createDispatch(db: Db, d: NewDispatch): Promise<{ dispatch: Dispatch; created: boolean }> {
  const existing = await db.query<Row>('select * from dispatches where source_message_id = $1', [d.sourceMessageId]);
  if (existing.length > 0) return { dispatch: (await withTargets(db, existing))[0] as Dispatch, created: false };
  const made = await db.transaction(async (tx) => {
    const [seq] = await tx.query<{ n: number }>("select nextval('dispatch_code_seq')::int as n");
    const n = Number(seq?.n);
    const rows = await tx.query<Row>(
      `insert into dispatches (id, code, leader_id, source_message_id, chat, text, urgent, deadline, ` +
        `deadline_given, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) on conflict (source_message_id) do nothing returning id`,
      [
        n,
        `D${n}`,
        d.leaderId,
        d.sourceMessageId,
        d.chat,
        d.text,
        d.urgent,
        new Date(d.deadline),
        d.deadlineGiven,
        d.createdAt,
      ],
    );
    if (rows.length === 0) return false;
    for (const [i, u] of d.unitIds.entries()) {
      await tx.query('insert into dispatch_targets (dispatch_id, unit_id, position) values ($1,$2,$3)', [n, u, i]);
    }
    await tx.query(
      `insert into dispatch_events (dispatch_id, kind, actor_id, message_id, text, at, detail) values ($1,` +
        `'created',$2,$3,$4,$5,$6)`,
      [
        n,
        d.leaderId,
        d.sourceMessageId,
        d.text,
        d.createdAt,
        JSON.stringify({ units: d.unitIds, deadline: new Date(d.deadline).toISOString(), urgent: d.urgent }),
      ],
    );
    return true;
  });
  const rows = await db.query<Row>('select * from dispatches where source_message_id = $1', [d.sourceMessageId]);
  return { dispatch: (await withTargets(db, rows))[0] as Dispatch, created: made };
}

/**
 * The leader's open dispatch with this exact text made at or after `since` (the same instruction sent twice), if any.
 */
export async function recentSameDispatch(
  db: Queryable,
  leaderId: string,
  text: string,
  since: Date,
): Promise<Dispatch | undefined> {
  const rows = await db.query<Row>(
    "select * from dispatches where leader_id = $1 and text = $2 and status = 'open' and created_at >= $3 " +
      'order by id desc limit 1',
    [leaderId, text, since],
  );
  return (await withTargets(db, rows))[0];
}

export async function dispatchByCode(db: Queryable, code: string): Promise<Dispatch | undefined> {
  const rows = await db.query<Row>('select * from dispatches where code = $1', [code.toUpperCase()]);
  return (await withTargets(db, rows))[0];
}

/** Whether the leader has any dispatch on record (open or answered). */
export async function hasDispatchFrom(db: Queryable, leaderId: string): Promise<boolean> {
  const rows = await db.query<{ one: number }>('select 1 as one from dispatches where leader_id = $1 limit 1', [
    leaderId,
  ]);
  return rows.length > 0;
}

export async function openDispatches(db: Queryable): Promise<Dispatch[]> {
  return withTargets(db, await db.query<Row>("select * from dispatches where status = 'open' order by id"));
}

/** Dispatches every unit has answered since `since` (a leader may still ask about them), newest first. */
export async function recentlyAnsweredDispatches(db: Queryable, since: Date): Promise<Dispatch[]> {
  return withTargets(
    db,
    await db.query<Row>("select * from dispatches where status = 'answered' and answered_at >= $1 order by id desc", [
      since,
    ]),
  );
}

/** The unit's dispatches that are open, or named by `codes` (any state), oldest first. */
export async function dispatchesForUnit(
  db: Queryable,
  unitId: string,
  codes: readonly string[] = [],
): Promise<Dispatch[]> {
  const rows = await db.query<Row>(
    `select d.* from dispatches d join dispatch_targets t on t.dispatch_id = d.id
     where t.unit_id = $1 and (d.status = 'open' or d.code = any($2::text[])) order by d.id`,
    [unitId, [...codes]],
  );
  return withTargets(db, rows);
}

const openUnitLookups = batchedPerDb(async (db: Queryable, units: string[]): Promise<boolean[]> => {
  const rows = await db.query<{ unit_id: string }>(
    `select distinct t.unit_id from dispatch_targets t join dispatches d on d.id = t.dispatch_id
     where d.status = 'open' and t.unit_id = any($1::text[])`,
    [units],
  );
  const open = new Set(rows.map((r) => r.unit_id));
  return units.map((u) => open.has(u));
});

/**
 * Whether the unit is a target of an open dispatch. Asked for (nearly) every 收到 in the group,
 * so the questions of one moment go to the database as one query.
 */
export function hasOpenDispatch(db: Queryable, unitId: string): Promise<boolean> {
  return openUnitLookups(db, unitId);
}

export async function addEvent(
  db: Queryable,
  dispatchId: number | null,
  e: Omit<DispatchEvent, 'detail'> & { detail?: Record<string, unknown> },
): Promise<void> {
  await db.query(
    'insert into dispatch_events (dispatch_id, unit_id, kind, actor_id, message_id, text, at, detail) values ' +
      '($1,$2,$3,$4,$5,$6,$7,$8)',
    [dispatchId, e.unitId, e.kind, e.actorId, e.messageId, e.text, e.at, JSON.stringify(e.detail ?? {})],
  );
}

export async function dispatchEvents(db: Queryable, dispatchId: number): Promise<DispatchEvent[]> {
  const rows = await db.query<Row>('select * from dispatch_events where dispatch_id = $1 order by at, id', [
    dispatchId,
  ]);
  return rows.map((r) => ({
    kind: r.kind as EventKind,
    unitId: (r.unit_id as string | null) ?? null,
    actorId: (r.actor_id as string | null) ?? null,
    messageId: (r.message_id as string | null) ?? null,
    text: (r.text as string | null) ?? null,
    at: date(r.at) as Date,
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : (r.detail ?? {})) as Record<string, unknown>,
  }));
}

/** Records the delivery to a unit once (the first time counts). */
export async function markDelivered(
  db: Queryable,
  dispatchId: number,
  unitId: string,
  at: Date,
  to: readonly string[],
): Promise<void> {
  const rows = await db.query(
    'update dispatch_targets set delivered_at = $3 where dispatch_id = $1 and unit_id = $2 and delivered_at is ' +
      'null returning unit_id',
    [dispatchId, unitId, at],
  );
  if (rows.length > 0)
    await addEvent(db, dispatchId, {
      kind: 'delivered',
      unitId,
      actorId: null,
      messageId: null,
      text: null,
      at,
      detail: { to },
    });
}

/** A unit's acknowledgement (the first one sets the target's state; every one is kept). */
export async function recordAck(
  db: Db,
  dispatchId: number,
  unitId: string,
  by: string,
  at: Date,
  messageId: string,
  text: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      'update dispatch_targets set acked_at = $3, acked_by = $4 where dispatch_id = $1 and unit_id = $2 and ' +
        'acked_at is null',
      [dispatchId, unitId, at, by],
    );
    await addEvent(tx, dispatchId, { kind: 'ack', unitId, actorId: by, messageId, text, at });
  });
}

/**
 * A unit's answer: the target is answered (and acknowledged, if it was not); the dispatch is
 * answered once every target is. Returns whether every target has now answered.
 */
export async function recordAnswer(
  db: Db,
  dispatchId: number,
  unitId: string,
  by: string,
  at: Date,
  messageId: string,
  text: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query(
      'update dispatch_targets set acked_at = $3, acked_by = $4 where dispatch_id = $1 and unit_id = $2 and ' +
        'acked_at is null',
      [dispatchId, unitId, at, by],
    );
    await tx.query(
      'update dispatch_targets set answered_at = $3, answered_by = $4 where dispatch_id = $1 and unit_id = $2 ' +
        'and answered_at is null',
      [dispatchId, unitId, at, by],
    );
    await addEvent(tx, dispatchId, { kind: 'answer', unitId, actorId: by, messageId, text, at });
    const left = await tx.query('select 1 from dispatch_targets where dispatch_id = $1 and answered_at is null', [
      dispatchId,
    ]);
    if (left.length > 0) return false;
    await tx.query("update dispatches set status = 'answered', answered_at = coalesce(answered_at, $2) where id = $1", [
      dispatchId,
      at,
    ]);
    return true;
  });
}

/** One target's current row (the check re-reads it just before acting, so a fresh answer wins). */
export async function dispatchTarget(
  db: Queryable,
  dispatchId: number,
  unitId: string,
): Promise<DispatchTarget | undefined> {
  const [r] = await db.query<Row>('select * from dispatch_targets where dispatch_id = $1 and unit_id = $2', [
    dispatchId,
    unitId,
  ]);
  return r ? toTarget(r) : undefined;
}

export type TargetStep = 'ack-reminder' | 'blue-reminder' | 'due-reminder' | 'late';
const STEP_COLUMN: Record<TargetStep, string> = {
  'ack-reminder': 'ack_reminded_at',
  'blue-reminder': 'blue_reminded_at',
  'due-reminder': 'due_reminded_at',
  late: 'late_at',
};

/** Takes a follow-up step for a unit once: true the first time, false after. */
export async function claimTargetStep(
  db: Queryable,
  dispatchId: number,
  unitId: string,
  step: TargetStep,
  at: Date,
  detail: Record<string, unknown> = {},
): Promise<boolean> {
  const col = STEP_COLUMN[step];
  const rows = await db.query(
    `update dispatch_targets set ${col} = $3 where dispatch_id = $1 and unit_id = $2 and ${col} is null ` +
      `returning unit_id`,
    [dispatchId, unitId, at],
  );
  if (rows.length === 0) return false;
  await addEvent(db, dispatchId, { kind: step, unitId, actorId: null, messageId: null, text: null, at, detail });
  return true;
}

/** The deadline escalation of a dispatch (group, supervisors, leader), once. */
export async function claimEscalation(db: Queryable, dispatchId: number, at: Date): Promise<boolean> {
  const rows = await db.query(
    'update dispatches set escalated_at = $2 where id = $1 and escalated_at is null returning id',
    [dispatchId, at],
  );
  return rows.length > 0;
}

export interface PendingReply {
  id: number;
  unitId: string;
  senderId: string;
  messageId: string;
  kind: 'ack' | 'answer';
  text: string;
  codes: string[];
  at: Date;
  /** Held by answer-clarify (it may name rounds too): waits only for its own sender, briefly. */
  held?: boolean;
}

export async function addPendingReply(db: Queryable, p: Omit<PendingReply, 'id'>): Promise<void> {
  await db.query(
    `insert into dispatch_pending_replies (unit_id, sender_id, message_id, kind, text, codes, at) values ($1,` +
      `$2,$3,$4,$5,$6,$7)
     on conflict (message_id) do nothing`,
    [p.unitId, p.senderId, p.messageId, p.held === true ? 'held' : p.kind, p.text, JSON.stringify(p.codes), p.at],
  );
}

/** The unit's latest reply still waiting for a code, if any. */
export async function latestPendingReply(db: Queryable, unitId: string): Promise<PendingReply | undefined> {
  const [r] = await db.query<Row>(
    'select * from dispatch_pending_replies where unit_id = $1 and resolved_at is null and kind <> ' +
      "'ticket-done' order by at desc, id desc limit 1",
    [unitId],
  );
  if (!r) return undefined;
  return {
    id: Number(r.id),
    unitId: String(r.unit_id),
    senderId: String(r.sender_id),
    messageId: String(r.message_id),
    kind: r.kind === 'ack' ? 'ack' : 'answer',
    held: r.kind === 'held',
    text: String(r.text),
    codes: (typeof r.codes === 'string' ? JSON.parse(r.codes) : r.codes) as string[],
    at: date(r.at) as Date,
  };
}

export async function resolvePendingReply(db: Queryable, id: number, code: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    'update dispatch_pending_replies set resolved_at = $2, resolved_code = $3 where id = $1 and resolved_at is ' +
      'null returning id',
    [id, at, code],
  );
  return rows.length > 0;
}

/**
 * A unit's later linked reply makes its older unlinked ones stale: they no longer wait for a code. With `code` (the
 * dispatch just answered), only those the bot asked about that dispatch (or about nothing named): a question about
 * D2 or D3 still waits when the unit answers D1 meanwhile.
 */
export async function supersedePendingReplies(db: Queryable, unitId: string, at: Date, code?: string): Promise<void> {
  await db.query(
    'update dispatch_pending_replies set resolved_at = $2 where unit_id = $1 and resolved_at is null and at <= $2' +
      (code === undefined ? '' : " and (codes = '[]'::jsonb or codes ? $3)"),
    code === undefined ? [unitId, at] : [unitId, at, code],
  );
}

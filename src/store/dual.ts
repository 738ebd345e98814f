/** 双派单 triggers, rounds, their sides, ladder steps and timeline (migrations 005, 012). */
import type { PlannedSide, SideKey } from '../domain/dual/sides.js';
import { roundCode } from '../domain/dual/sides.js';
import type { DualTrigger } from '../domain/dual/triggers.js';
import type { LadderStep } from '../domain/tickets/digest.js';
import { batchedPerDb } from '../lib/batcher.js';
import type { Db, Queryable } from './db.js';
import { date, json, type Row, str } from './rows.js';

export type RoundStatus = 'open' | 'answered' | 'closed';

export interface DualSide {
  side: SideKey;
  unitId: string;
  grid: string | null;
  deliveredAt: Date | null;
  deliveredTo: string[];
  ackRemindedAt: Date | null;
  blueRemindedAt: Date | null;
  yellowRemindedAt: Date | null;
  ackedAt: Date | null;
  ackedBy: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  answer: string | null;
  lateAt: Date | null;
  backcheckAskedAt: Date | null;
  backcheckAt: Date | null;
  backcheckBy: string | null;
  backcheckText: string | null;
  priorKnown: string | null;
  likeCases: string | null;
}

export interface DualRound {
  id: number;
  code: string;
  ticketNumber: string;
  seq: number;
  previousId: number | null;
  reason: string;
  createdAt: Date;
  deadline: Date;
  status: RoundStatus;
  sameUnit: boolean;
  flowEnqueuedAt: Date | null;
  dispatchedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  accountabilityAt: Date | null;
  accountabilityReason: string | null;
  sides: DualSide[];
}

export interface DualEvent {
  roundId: number;
  side: SideKey | null;
  kind: string;
  actorId: string | null;
  messageId: string | null;
  text: string | null;
  at: Date;
  detail: Record<string, unknown>;
}

function toSide(r: Row): DualSide {
  return {
    side: r.side as SideKey,
    unitId: String(r.unit_id),
    grid: str(r.grid),
    deliveredAt: date(r.delivered_at),
    deliveredTo: json<string[]>(r.delivered_to, []),
    ackRemindedAt: date(r.ack_reminded_at),
    blueRemindedAt: date(r.blue_reminded_at),
    yellowRemindedAt: date(r.yellow_reminded_at),
    ackedAt: date(r.acked_at),
    ackedBy: str(r.acked_by),
    answeredAt: date(r.answered_at),
    answeredBy: str(r.answered_by),
    answer: str(r.answer),
    lateAt: date(r.late_at),
    backcheckAskedAt: date(r.backcheck_asked_at),
    backcheckAt: date(r.backcheck_at),
    backcheckBy: str(r.backcheck_by),
    backcheckText: str(r.backcheck_text),
    priorKnown: str(r.prior_known),
    likeCases: str(r.like_cases),
  };
}

function toRound(r: Row, sides: DualSide[]): DualRound {
  return {
    id: Number(r.id),
    code: String(r.code),
    ticketNumber: String(r.ticket_number),
    seq: Number(r.seq),
    previousId: r.previous_id == null ? null : Number(r.previous_id),
    reason: String(r.reason),
    createdAt: date(r.created_at) as Date,
    deadline: date(r.deadline) as Date,
    status: r.status as RoundStatus,
    sameUnit: r.same_unit === true,
    flowEnqueuedAt: date(r.flow_enqueued_at),
    dispatchedAt: date(r.dispatched_at),
    answeredAt: date(r.answered_at),
    closedAt: date(r.closed_at),
    accountabilityAt: date(r.accountability_at),
    accountabilityReason: str(r.accountability_reason),
    sides,
  };
}

const SIDE_ORDER = "case side when 'unit' then 0 when 'both' then 0 else 1 end";

async function withSides(db: Queryable, rows: Row[]): Promise<DualRound[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  const srows = await db.query<Row>(
    `select * from dual_sides where round_id = any($1::int[]) order by round_id, ${SIDE_ORDER}`,
    [ids],
  );
  return rows.map((r) => toRound(r, srows.filter((s) => Number(s.round_id) === Number(r.id)).map(toSide)));
}

export async function roundById(db: Queryable, id: number): Promise<DualRound | undefined> {
  return (await withSides(db, await db.query<Row>('select * from dual_rounds where id = $1', [id])))[0];
}

export async function roundByCode(db: Queryable, code: string): Promise<DualRound | undefined> {
  return (
    await withSides(db, await db.query<Row>('select * from dual_rounds where code = $1', [code.toUpperCase()]))
  )[0];
}

export async function roundsOfTicket(db: Queryable, number: string): Promise<DualRound[]> {
  return withSides(
    db,
    await db.query<Row>('select * from dual_rounds where ticket_number = $1 order by seq', [number]),
  );
}

/** Rounds waiting for answers or back-check answers. */
export async function liveRounds(db: Queryable): Promise<DualRound[]> {
  return withSides(
    db,
    await db.query<Row>("select * from dual_rounds where status in ('open', 'answered') order by id"),
  );
}

/** Rounds whose flow was never added or has not delivered yet (a crash, Redis lost). */
export async function undispatchedRounds(db: Queryable): Promise<DualRound[]> {
  return withSides(db, await db.query<Row>('select * from dual_rounds where dispatched_at is null order by id'));
}

/**
 * A unit's rounds that still take a reply from it: open ones where its side has not
 * answered, and answered ones where its side owes the back-check. Oldest first.
 */
export async function roundsAwaitingUnit(db: Queryable, unitId: string): Promise<DualRound[]> {
  const rows = await db.query<Row>(
    `select r.* from dual_rounds r join dual_sides s on s.round_id = r.id
     where s.unit_id = $1 and ((r.status = 'open' and s.answered_at is null) or (r.status = 'answered' and ` +
      `s.backcheck_at is null))
     order by r.id`,
    [unitId],
  );
  return withSides(db, rows);
}

const awaitingUnitLookups = batchedPerDb(async (db: Queryable, units: string[]): Promise<boolean[]> => {
  const rows = await db.query<{ unit_id: string }>(
    `select distinct s.unit_id from dual_rounds r join dual_sides s on s.round_id = r.id
     where s.unit_id = any($1::text[]) and ((r.status = 'open' and s.answered_at is null) or (r.status = 'answered' ` +
      `and s.backcheck_at is null))`,
    [units],
  );
  const waiting = new Set(rows.map((r) => r.unit_id));
  return units.map((u) => waiting.has(u));
});

/**
 * Whether a round waits for the unit (its answer or its back-check answer). Asked for nearly every
 * acknowledgement in the group, so the questions of one moment go to the database as one query.
 */
export function hasRoundAwaitingUnit(db: Queryable, unitId: string): Promise<boolean> {
  return awaitingUnitLookups(db, unitId);
}

/** Stores 双派单 triggers (one per ticket event and reason; a trigger already stored stays as it is). */
export async function insertDualTriggers(db: Queryable, triggers: readonly DualTrigger[]): Promise<void> {
  if (triggers.length === 0) return;
  await db.query(
    `insert into dual_triggers (event_id, ticket_number, reason, at)
     select x.event_id, x.ticket_number, x.reason, x.at from jsonb_to_recordset($1::jsonb) as x(event_id bigint, ` +
      `ticket_number text, reason text, at timestamptz)
     on conflict do nothing`,
    [
      JSON.stringify(
        triggers.map((t) => ({ event_id: t.eventId, ticket_number: t.ticketNumber, reason: t.reason, at: t.at })),
      ),
    ],
  );
}

export async function pendingTriggerTickets(db: Queryable, limit = 500): Promise<string[]> {
  const rows = await db.query<{ ticket_number: string }>(
    'select distinct ticket_number from dual_triggers where round_id is null order by ticket_number limit $1',
    [limit],
  );
  return rows.map((r) => r.ticket_number);
}

export interface NewRound {
  ticketNumber: string;
  sides: PlannedSide[];
  sameUnit: boolean;
  deadline: Date;
  at: Date;
  detail: Record<string, unknown>;
}

export type OpenOutcome =
  | { kind: 'created'; round: DualRound }
  | { kind: 'noted'; round: DualRound }
  | { kind: 'none' };

/**
 * Takes a ticket's pending triggers: a new round (linked to the ticket's earlier ones) when
 * none is open, else the triggers are noted on the open round. One transaction; the partial
 * unique index keeps a ticket to one open round even if two callers race.
 */
export async function openRound(db: Db, r: NewRound): Promise<OpenOutcome> {
  const out = await db.transaction(
    async (tx): Promise<{ kind: 'created' | 'noted'; id: number } | { kind: 'none' }> => {
      const trig = await tx.query<{ event_id: string; reason: string }>(
        'select event_id, reason from dual_triggers where ticket_number = $1 and round_id is null order by ' +
          'event_id for update',
        [r.ticketNumber],
      );
      if (trig.length === 0) return { kind: 'none' };
      const reasons = [...new Set(trig.map((t) => t.reason))].sort((a, b) =>
        a === 'unsatisfied' ? -1 : b === 'unsatisfied' ? 1 : 0,
      );
      const events = trig.map((t) => String(t.event_id));
      const [open] = await tx.query<{ id: number }>(
        "select id from dual_rounds where ticket_number = $1 and status = 'open'",
        [r.ticketNumber],
      );
      if (open) {
        const id = Number(open.id);
        await tx.query('update dual_triggers set round_id = $1 where event_id = any($2::bigint[])', [id, events]);
        await addDualEvent(tx, {
          roundId: id,
          side: null,
          kind: 'noted',
          actorId: null,
          messageId: null,
          text: null,
          at: r.at,
          detail: { reasons, events },
        });
        return { kind: 'noted', id };
      }
      const [prev] = await tx.query<{ id: number; seq: number }>(
        'select id, seq from dual_rounds where ticket_number = $1 order by seq desc limit 1',
        [r.ticketNumber],
      );
      const [n] = await tx.query<{ n: number }>("select nextval('dual_round_seq')::int as n");
      const id = Number(n?.n);
      await tx.query(
        `insert into dual_rounds (id, code, ticket_number, seq, previous_id, reason, created_at, deadline, same_unit)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [
          id,
          roundCode(id),
          r.ticketNumber,
          (prev ? Number(prev.seq) : 0) + 1,
          prev ? Number(prev.id) : null,
          reasons.join(','),
          r.at,
          r.deadline,
          r.sameUnit,
        ],
      );
      for (const s of r.sides) {
        await tx.query('insert into dual_sides (round_id, side, unit_id, grid) values ($1,$2,$3,$4)', [
          id,
          s.side,
          s.unitId,
          s.grid,
        ]);
      }
      await tx.query('update dual_triggers set round_id = $1 where event_id = any($2::bigint[])', [id, events]);
      await addDualEvent(tx, {
        roundId: id,
        side: null,
        kind: 'created',
        actorId: null,
        messageId: null,
        text: null,
        at: r.at,
        detail: { reasons, events, deadline: r.deadline.toISOString(), sides: r.sides, ...r.detail },
      });
      return { kind: 'created', id };
    },
  );
  if (out.kind === 'none') return out;
  return { kind: out.kind, round: (await roundById(db, out.id)) as DualRound };
}

export async function addDualEvent(
  db: Queryable,
  e: Omit<DualEvent, 'detail'> & { detail?: Record<string, unknown> },
): Promise<void> {
  await db.query(
    'insert into dual_events (round_id, side, kind, actor_id, message_id, text, at, detail) values ($1,$2,$3,' +
      '$4,$5,$6,$7,$8)',
    [e.roundId, e.side, e.kind, e.actorId, e.messageId, e.text, e.at, JSON.stringify(e.detail ?? {})],
  );
}

export async function dualEvents(db: Queryable, roundIds: readonly number[]): Promise<DualEvent[]> {
  if (roundIds.length === 0) return [];
  const rows = await db.query<Row>('select * from dual_events where round_id = any($1::int[]) order by at, id', [
    roundIds.map(String),
  ]);
  return rows.map((r) => ({
    roundId: Number(r.round_id),
    side: (r.side as SideKey | null) ?? null,
    kind: String(r.kind),
    actorId: str(r.actor_id),
    messageId: str(r.message_id),
    text: str(r.text),
    at: date(r.at) as Date,
    detail: json<Record<string, unknown>>(r.detail, {}),
  }));
}

export async function markFlowEnqueued(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query('update dual_rounds set flow_enqueued_at = coalesce(flow_enqueued_at, $2) where id = $1', [id, at]);
}

/** Records a side's delivery once (the first counts). */
export async function markSideDelivered(
  db: Queryable,
  id: number,
  side: SideKey,
  at: Date,
  to: readonly string[],
): Promise<boolean> {
  const rows = await db.query(
    'update dual_sides set delivered_at = $3, delivered_to = $4 where round_id = $1 and side = $2 and ' +
      'delivered_at is null returning side',
    [id, side, at, JSON.stringify(to)],
  );
  if (rows.length > 0)
    await addDualEvent(db, {
      roundId: id,
      side,
      kind: 'delivered',
      actorId: null,
      messageId: null,
      text: null,
      at,
      detail: { to },
    });
  return rows.length > 0;
}

/** The flow's parent: every side delivered. True the first time. */
export async function markDispatched(db: Queryable, id: number, at: Date): Promise<boolean> {
  const rows = await db.query(
    'update dual_rounds set dispatched_at = $2 where id = $1 and dispatched_at is null returning id',
    [id, at],
  );
  if (rows.length > 0)
    await addDualEvent(db, {
      roundId: id,
      side: null,
      kind: 'dispatched',
      actorId: null,
      messageId: null,
      text: null,
      at,
    });
  return rows.length > 0;
}

export interface Reply {
  by: string;
  at: Date;
  messageId: string;
  text: string;
}

export async function recordSideAck(db: Db, id: number, side: SideKey, r: Reply): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      'update dual_sides set acked_at = $3, acked_by = $4 where round_id = $1 and side = $2 and acked_at is ' +
        'null returning side',
      [id, side, r.at, r.by],
    );
    await addDualEvent(tx, {
      roundId: id,
      side,
      kind: 'ack',
      actorId: r.by,
      messageId: r.messageId,
      text: r.text,
      at: r.at,
    });
    return rows.length > 0;
  });
}

/**
 * A side's answer (also its 签收 if it had not signed). When every side has answered the
 * round is 'answered'. Returns whether this was the side's first answer and whether all answered now.
 */
export async function recordSideAnswer(
  db: Db,
  id: number,
  side: SideKey,
  r: Reply,
): Promise<{ first: boolean; allAnswered: boolean }> {
  return db.transaction(async (tx) => {
    await tx.query(
      'update dual_sides set acked_at = $3, acked_by = $4 where round_id = $1 and side = $2 and acked_at is null',
      [id, side, r.at, r.by],
    );
    const first = await tx.query(
      'update dual_sides set answered_at = $3, answered_by = $4, answer = $5 where round_id = $1 and side = $2 ' +
        'and answered_at is null returning side',
      [id, side, r.at, r.by, r.text],
    );
    await addDualEvent(tx, {
      roundId: id,
      side,
      kind: 'answer',
      actorId: r.by,
      messageId: r.messageId,
      text: r.text,
      at: r.at,
    });
    const left = await tx.query('select 1 from dual_sides where round_id = $1 and answered_at is null', [id]);
    if (left.length > 0) return { first: first.length > 0, allAnswered: false };
    const done = await tx.query(
      "update dual_rounds set status = 'answered', answered_at = $2 where id = $1 and status = 'open' returning id",
      [id, r.at],
    );
    return { first: first.length > 0, allAnswered: done.length > 0 };
  });
}

/** A side's back-check answer; the round is closed once every side has given one. */
export async function recordBackcheck(
  db: Db,
  id: number,
  side: SideKey,
  r: Reply,
  parts: { priorKnown: string; likeCases: string },
): Promise<{ first: boolean; closed: boolean }> {
  return db.transaction(async (tx) => {
    const first = await tx.query(
      `update dual_sides set backcheck_at = $3, backcheck_by = $4, backcheck_text = $5, prior_known = $6, ` +
        `like_cases = $7
       where round_id = $1 and side = $2 and backcheck_at is null returning side`,
      [id, side, r.at, r.by, r.text, parts.priorKnown, parts.likeCases],
    );
    await addDualEvent(tx, {
      roundId: id,
      side,
      kind: 'backcheck',
      actorId: r.by,
      messageId: r.messageId,
      text: r.text,
      at: r.at,
      detail: parts,
    });
    const left = await tx.query('select 1 from dual_sides where round_id = $1 and backcheck_at is null', [id]);
    if (left.length > 0) return { first: first.length > 0, closed: false };
    const closed = await tx.query(
      "update dual_rounds set status = 'closed', closed_at = $2 where id = $1 and status = 'answered' returning id",
      [id, r.at],
    );
    return { first: first.length > 0, closed: closed.length > 0 };
  });
}

export type SideStepColumn =
  | 'ack_reminded_at'
  | 'blue_reminded_at'
  | 'yellow_reminded_at'
  | 'late_at'
  | 'backcheck_asked_at';
const SIDE_STEP_KIND: Record<SideStepColumn, string> = {
  ack_reminded_at: 'ack-reminder',
  blue_reminded_at: 'blue-reminder',
  yellow_reminded_at: 'yellow-reminder',
  late_at: 'late',
  backcheck_asked_at: 'backcheck-asked',
};

/** Takes a once-only step of a side (reminder, late mark, back-check question). */
export async function claimSideStep(
  db: Queryable,
  id: number,
  side: SideKey,
  col: SideStepColumn,
  at: Date,
  detail: Record<string, unknown> = {},
): Promise<boolean> {
  const rows = await db.query(
    `update dual_sides set ${col} = $3 where round_id = $1 and side = $2 and ${col} is null returning side`,
    [id, side, at],
  );
  if (rows.length === 0) return false;
  await addDualEvent(db, {
    roundId: id,
    side,
    kind: SIDE_STEP_KIND[col],
    actorId: null,
    messageId: null,
    text: null,
    at,
    detail,
  });
  return true;
}

/** Ladder steps taken per side of a round: side → step → local day. */
export async function takenDualSteps(db: Queryable, id: number): Promise<Map<SideKey, Map<LadderStep, string>>> {
  const out = new Map<SideKey, Map<LadderStep, string>>();
  const rows = await db.query<{ side: SideKey; step: LadderStep; day: string }>(
    'select side, step, day from dual_escalations where round_id = $1',
    [id],
  );
  for (const r of rows) {
    const m = out.get(r.side) ?? new Map<LadderStep, string>();
    m.set(r.step, r.day);
    out.set(r.side, m);
  }
  return out;
}

/** Records a ladder step of a side once; true the first time. */
export async function recordDualStep(
  db: Queryable,
  id: number,
  side: SideKey,
  step: LadderStep,
  daysOverdue: number,
  day: string,
  at: Date,
  recipients: readonly string[],
): Promise<boolean> {
  const rows = await db.query(
    `insert into dual_escalations (round_id, side, step, days_overdue, day, taken_at, recipients) values ($1,` +
      `$2,$3,$4,$5,$6,$7)
     on conflict do nothing returning step`,
    [id, side, step, daysOverdue, day, at, JSON.stringify(recipients)],
  );
  if (rows.length === 0) return false;
  await addDualEvent(db, {
    roundId: id,
    side,
    kind: 'escalation',
    actorId: null,
    messageId: null,
    text: null,
    at,
    detail: { step, daysOverdue, to: recipients },
  });
  return true;
}

export async function dualEscalations(
  db: Queryable,
  roundIds: readonly number[],
): Promise<
  Array<{ roundId: number; side: SideKey; step: LadderStep; daysOverdue: number; takenAt: Date; recipients: string[] }>
> {
  if (roundIds.length === 0) return [];
  const rows = await db.query<Row>('select * from dual_escalations where round_id = any($1::int[]) order by taken_at', [
    roundIds.map(String),
  ]);
  return rows.map((r) => ({
    roundId: Number(r.round_id),
    side: r.side as SideKey,
    step: r.step as LadderStep,
    daysOverdue: Number(r.days_overdue),
    takenAt: date(r.taken_at) as Date,
    recipients: json<string[]>(r.recipients, []),
  }));
}

/** 双问责 for a round, once. */
export async function claimAccountability(
  db: Queryable,
  id: number,
  reason: string,
  at: Date,
  to: readonly string[],
): Promise<boolean> {
  const rows = await db.query(
    'update dual_rounds set accountability_at = $2, accountability_reason = $3 where id = $1 and ' +
      'accountability_at is null returning id',
    [id, at, reason],
  );
  if (rows.length === 0) return false;
  await addDualEvent(db, {
    roundId: id,
    side: null,
    kind: 'accountability',
    actorId: null,
    messageId: null,
    text: null,
    at,
    detail: { reason, to },
  });
  return true;
}

export interface TicketEventRow {
  kind: string;
  at: Date;
  source: string;
  detail: Record<string, unknown>;
}

export async function ticketHistory(db: Queryable, number: string): Promise<TicketEventRow[]> {
  const rows = await db.query<Row>(
    'select kind, at, source, detail from ticket_events where ticket_number = $1 order by at, id',
    [number],
  );
  return rows.map((r) => ({
    kind: String(r.kind),
    at: date(r.at) as Date,
    source: String(r.source),
    detail: json<Record<string, unknown>>(r.detail, {}),
  }));
}

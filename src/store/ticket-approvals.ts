import { approvalCode } from '../domain/tickets/commands.js';
import type { Db, Queryable } from './db.js';

export interface Approval {
  id: number;
  code: string;
  kind: '退办' | '不再办理';
  ticketNumber: string;
  unitId: string | null;
  requesterId: string;
  reason: string;
  requestedAt: Date;
  sentTo: string[];
  resentAt: Date | null;
  decision: 'approved' | 'refused' | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

interface Row {
  id: string | number;
  code: string;
  kind: '退办' | '不再办理';
  ticket_number: string;
  unit_id: string | null;
  requester_id: string;
  reason: string;
  requested_at: Date;
  sent_to: string[];
  resent_at: Date | null;
  decision: 'approved' | 'refused' | null;
  decided_by: string | null;
  decided_at: Date | null;
}

const fromRow = (r: Row): Approval => ({
  id: Number(r.id),
  code: r.code,
  kind: r.kind,
  ticketNumber: r.ticket_number,
  unitId: r.unit_id,
  requesterId: r.requester_id,
  reason: r.reason,
  requestedAt: new Date(r.requested_at),
  sentTo: r.sent_to,
  resentAt: r.resent_at ? new Date(r.resent_at) : null,
  decision: r.decision,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
});

/** Records a request and gives it its short code (TB + id). */
export async function createApproval(
  db: Db,
  a: {
    kind: '退办' | '不再办理';
    ticketNumber: string;
    unitId: string | null;
    requesterId: string;
    reason: string;
    at: Date;
    sentTo: string[];
  },
): Promise<Approval> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<Row>(
      `insert into ticket_approvals (kind, ticket_number, unit_id, requester_id, reason, requested_at, sent_to)
       values ($1,$2,$3,$4,$5,$6,$7) returning *`,
      [a.kind, a.ticketNumber, a.unitId, a.requesterId, a.reason, a.at, JSON.stringify(a.sentTo)],
    );
    const id = Number((row as Row).id);
    const [done] = await tx.query<Row>('update ticket_approvals set code = $2 where id = $1 returning *', [
      id,
      approvalCode(id),
    ]);
    return fromRow(done as Row);
  });
}

export async function approvalByCode(db: Queryable, code: string): Promise<Approval | undefined> {
  const rows = await db.query<Row>('select * from ticket_approvals where code = $1', [code.toUpperCase()]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export async function openApprovalFor(db: Queryable, ticketNumber: string): Promise<Approval | undefined> {
  const rows = await db.query<Row>(
    'select * from ticket_approvals where ticket_number = $1 and decision is null order by id desc limit 1',
    [ticketNumber],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/** The latest approved 退办 / 不再办理 of a ticket, unless the ticket was reopened after that decision. */
export async function approvedApprovalFor(db: Queryable, ticketNumber: string): Promise<Approval | undefined> {
  const rows = await db.query<Row>(
    `select * from ticket_approvals a where a.ticket_number = $1 and a.decision = 'approved'
       and not exists (select 1 from ticket_events r where r.ticket_number = a.ticket_number and r.kind = 'reopened' ` +
      `and r.at > a.decided_at)
     order by a.decided_at desc, a.id desc limit 1`,
    [ticketNumber],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/** Decides once: false when it was already decided (by anyone). */
export async function decideApproval(
  db: Queryable,
  id: number,
  approve: boolean,
  by: string,
  at: Date,
  note: string,
): Promise<boolean> {
  const rows = await db.query(
    `update ticket_approvals set decision = $2, decided_by = $3, decided_at = $4, decision_note = $5
     where id = $1 and decision is null returning id`,
    [id, approve ? 'approved' : 'refused', by, at, note],
  );
  return rows.length > 0;
}

/** Undecided requests made before `before` and not yet re-sent. */
export async function approvalsToResend(db: Queryable, before: Date): Promise<Approval[]> {
  const rows = await db.query<Row>(
    'select * from ticket_approvals where decision is null and resent_at is null and requested_at <= $1 order by id',
    [before],
  );
  return rows.map(fromRow);
}

/** Marks a request re-sent; false if another run did it first. */
export async function markResent(db: Queryable, id: number, at: Date): Promise<boolean> {
  return (
    (
      await db.query('update ticket_approvals set resent_at = $2 where id = $1 and resent_at is null returning id', [
        id,
        at,
      ])
    ).length > 0
  );
}

/** Undecided requests sent to a leader (every leader gets each), oldest first. */
export async function undecidedApprovalsFor(db: Queryable, leaderId: string): Promise<Approval[]> {
  const rows = await db.query<Row>('select * from ticket_approvals where decision is null order by id');
  return rows.map(fromRow).filter((a) => a.sentTo.length === 0 || a.sentTo.includes(leaderId));
}

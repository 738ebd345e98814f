/**
 * Formal notices (issue 18 §4): the 《催办通知书》 of a 书面督办 and the 《督办函》 of a 提请督办, numbered
 * 督〔YYYY〕N号 (migration 016), rendered as .docx under DATA_DIR/notices and recorded with the notice for the
 * evidence pack. The number is taken once per notice key: a rerun of the same step gets the same number and file.
 * Two ladders write them with one numbering: the tickets' (ticket-nag) and the 双派单 rounds' (dual-check).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIDE_LABEL, type SideKey } from '../domain/dual/sides.js';
import { idsWithRole, unitName } from '../domain/roster.js';
import { leadersAddressee, NOTICE_TITLE, noticeBlocks, noticeFileName, noticeNumber } from '../domain/texts/notices.js';
import type { LadderStep, NagItem } from '../domain/tickets/digest.js';
import {
  ccLeaders,
  excerpt,
  type NoticeData,
  type NoticeHistoryEntry,
  type NoticeKindName,
  type NoticeTicket,
} from '../domain/tickets/notice.js';
import { inZone, localDay } from '../domain/time.js';
import { type DualRound, dualEscalations } from '../store/dual.js';
import {
  blueStepsOfTickets,
  claimNoticeNumber,
  digestsOfTickets,
  type NoticeRow,
  setNoticeFile,
  stepsOfTickets,
} from '../store/notices.js';
import { ticketsByNumbers } from '../store/tickets.js';
import type { AppContext } from './context.js';
import { filesDir } from './dual-evidence.js';

export interface NoticeRequest {
  kind: NoticeKindName;
  /** The notice's idempotency key (the step's message purpose without the recipient). */
  key: string;
  units: ReadonlyArray<{ unitId: string; items: readonly NagItem[] }>;
}

/** 双派单 sides late at the same ladder step (书面 to the side's unit, 提请 to the leaders), as one notice. */
export interface DualNoticeRequest {
  kind: NoticeKindName;
  /** The notice's idempotency key: the step and the rounds' sides it names (`dual-written:SP1-street:chengxi`). */
  key: string;
  sides: ReadonlyArray<{ round: DualRound; side: SideKey; daysOverdue: number }>;
}

/** The notice's Word file, its number and the day its written answer is due (YYYY-MM-DD), for the step's text. */
export type NoticeFile = { name: string; path: string; number: string; answerBy: string };

const CONTENT_CHARS = 120;

function personLabel(ctx: AppContext, id: string): string {
  const p = ctx.roster.person(id);
  if (!p) return id;
  return p.title ? `${p.name}（${p.title}）` : p.name;
}

const byTime = (l: NoticeHistoryEntry[]) => l.sort((a, b) => a.at.getTime() - b.at.getTime());

/**
 * The number taken (or the one this key has), the document built by `data` and written, recorded with the notice;
 * undefined (logged) when it cannot be made: the step's text still goes out.
 */
async function writeNotice(
  ctx: AppContext,
  claim: { kind: NoticeKindName; key: string; unitIds: string[]; ticketNumbers: string[] },
  data: (row: NoticeRow, number: string, answerBy: string) => Promise<NoticeData>,
): Promise<NoticeFile | undefined> {
  const { config, db, clock } = ctx;
  const tz = config.timezone;
  const now = clock.now();
  try {
    const row = await claimNoticeNumber(db, { ...claim, year: inZone(now, tz).year(), at: now });
    const number = noticeNumber(config.notices.numberPrefix, row.year, row.seq);
    const name = noticeFileName(claim.kind, number);
    const answerBy = ctx.calendar.addWorkdays(localDay(row.issued_at, tz), config.notices.answerWorkdays);
    if (row.file_path && existsSync(row.file_path)) return { name, path: row.file_path, number, answerBy };
    // The Word library (docx, ~12 MB resident) is loaded at the first notice, not at every start.
    const { renderNoticeDocx } = await import('../render/notice-docx.js');
    const bytes = await renderNoticeDocx(NOTICE_TITLE[claim.kind], noticeBlocks(await data(row, number, answerBy)));
    const path = join(filesDir(ctx, 'notices'), `notice-${row.year}-${row.seq}.docx`);
    writeFileSync(path, bytes);
    await setNoticeFile(db, claim.key, name, path);
    ctx.log.info({ key: claim.key, number, bytes: bytes.length }, 'formal notice written');
    return { name, path, number, answerBy };
  } catch (err) {
    ctx.log.error({ err: (err as Error).message, key: claim.key }, 'formal notice could not be made; sending the text');
    return undefined;
  }
}

/** Addressee and 抄送 of a notice to `unitIds`: the unit(s) and their leaders (书面), or the leaders and the units. */
function addressing(ctx: AppContext, kind: NoticeKindName, unitIds: readonly string[]) {
  const { config, roster } = ctx;
  const names = unitIds.map((u) => unitName(roster, u));
  return kind === 'written'
    ? {
        addressee: names.join('、'),
        cc: [...new Set(unitIds.flatMap((u) => ccLeaders(config, roster, u)))].map((id) => personLabel(ctx, id)),
      }
    : {
        addressee: leadersAddressee(idsWithRole(roster, 'leader').map((id) => roster.person(id)?.name ?? id)),
        cc: names,
      };
}

/** A ladder step and a 即时督办 list this close together were sent by one run of ticket-nag. */
const SAME_RUN_MS = 30 * 60_000;

/** A ticket ladder's notice: the tickets of the units named, each with its reminders so far. */
export async function noticeFile(ctx: AppContext, r: NoticeRequest): Promise<NoticeFile | undefined> {
  const { config, roster, db } = ctx;
  const numbers = r.units.flatMap((u) => u.items.map((i) => i.number));
  const unitIds = r.units.map((u) => u.unitId);
  return writeNotice(ctx, { kind: r.kind, key: r.key, unitIds, ticketNumbers: numbers }, async (row, number, by) => {
    const stored = await ticketsByNumbers(db, numbers);
    const history = new Map<string, NoticeHistoryEntry[]>();
    const push = (n: string, h: NoticeHistoryEntry) => history.set(n, [...(history.get(n) ?? []), h]);
    for (const b of await blueStepsOfTickets(db, numbers)) push(b.ticket_number, { step: 'blue', at: b.taken_at });
    const steps = (await stepsOfTickets(db, numbers)).filter((s) => s.step !== 'immediate');
    // A 即时督办 list sent in the same run as a later step (书面督办 onwards, this notice's own among them) is not a
    // reminder of its own: the notice would read 12月1日09:00 即时督办；12月1日09:00 书面督办.
    const sameRun = (n: string, at: Date) =>
      steps.some((s) => s.ticket_number === n && Math.abs(s.taken_at.getTime() - at.getTime()) < SAME_RUN_MS);
    for (const d of await digestsOfTickets(db, numbers))
      if (!sameRun(d.ticket_number, d.sent_at))
        push(d.ticket_number, { step: 'immediate', at: d.sent_at, ackedAt: d.acked_at });
    // The step this notice is (and anything after it) is not its own history.
    for (const s of steps) if (s.step !== r.kind) push(s.ticket_number, { step: s.step as LadderStep, at: s.taken_at });
    return {
      kind: r.kind,
      subject: 'ticket',
      office: config.notices.office,
      number,
      ...addressing(ctx, r.kind, unitIds),
      tickets: r.units.flatMap((u) =>
        u.items.map((i) => ({
          number: i.number,
          title: stored.get(i.number)?.title ?? i.title,
          content: excerpt(stored.get(i.number)?.content ?? '', CONTENT_CHARS),
          unitName: unitName(roster, u.unitId),
          dueAt: i.dueAt,
          daysOverdue: i.daysOverdue,
          history: byTime(history.get(i.number) ?? []),
        })),
      ),
      issuedAt: row.issued_at,
      answerBy: by,
      tz: config.timezone,
    };
  });
}

/**
 * A 双派单 ladder's notice (the same 督〔YYYY〕N号 sequence): each late side with its round, the ticket's facts and
 * what was done so far (delivery, 签收 or its reminder, 蓝色提醒 / 黄色预警, the ladder's earlier steps).
 */
export async function dualNoticeFile(ctx: AppContext, r: DualNoticeRequest): Promise<NoticeFile | undefined> {
  const { config, roster, db } = ctx;
  const unitIds = [...new Set(r.sides.map((x) => x.round.sides.find((s) => s.side === x.side)?.unitId ?? ''))].filter(
    (u) => u !== '',
  );
  const numbers = [...new Set(r.sides.map((x) => x.round.ticketNumber))];
  return writeNotice(ctx, { kind: r.kind, key: r.key, unitIds, ticketNumbers: numbers }, async (row, number, by) => {
    const stored = await ticketsByNumbers(db, numbers);
    const steps = await dualEscalations(db, [...new Set(r.sides.map((x) => x.round.id))]);
    const tickets: NoticeTicket[] = [];
    for (const { round, side, daysOverdue } of r.sides) {
      const s = round.sides.find((x) => x.side === side);
      if (!s) continue;
      const t = stored.get(round.ticketNumber);
      const history: NoticeHistoryEntry[] = [];
      const at = (step: NoticeHistoryEntry['step'], when: Date | null) => when && history.push({ step, at: when });
      at('dual-delivered', s.deliveredAt);
      at('ack-reminder', s.ackRemindedAt);
      at('dual-acked', s.ackedAt);
      at('blue', s.blueRemindedAt);
      at('yellow', s.yellowRemindedAt);
      for (const e of steps) if (e.roundId === round.id && e.side === side && e.step !== r.kind) at(e.step, e.takenAt);
      tickets.push({
        number: round.ticketNumber,
        title: t?.title ?? '',
        content: excerpt(t?.content ?? '', CONTENT_CHARS),
        unitName: unitName(roster, s.unitId),
        dueAt: round.deadline,
        daysOverdue,
        round: { code: round.code, seq: round.seq, sideLabel: SIDE_LABEL[side] },
        history: byTime(history),
      });
    }
    return {
      kind: r.kind,
      subject: 'dual',
      office: config.notices.office,
      number,
      ...addressing(ctx, r.kind, unitIds),
      tickets,
      issuedAt: row.issued_at,
      answerBy: by,
      tz: config.timezone,
    };
  });
}

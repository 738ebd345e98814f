/** 双问责 evidence: the ticket's history and every round's timeline, as text lines and as an Excel file. */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIDE_LABEL, type SideKey } from '../domain/dual/sides.js';
import { personName, unitName } from '../domain/roster.js';
import { summary } from '../domain/texts/dispatch.js';
import { NOTICE_TITLE, NOTICES_SHEET, noticeAbout, noticeEvidenceWhat, noticeNumber } from '../domain/texts/notices.js';
import {
  EVIDENCE_IN_GROUP,
  evidenceLineText,
  evidenceOverdueText,
  evidenceRoundCreatedText,
  evidenceRoundWhat,
  evidenceSideUnit,
  evidenceSource,
  evidenceTicketDetail,
  evidenceTicketWhat,
  reasonText,
} from '../domain/texts/dual.js';
import { LADDER_LABEL, type LadderStep } from '../domain/tickets/digest.js';
import { noticeRounds } from '../domain/tickets/notice.js';
import type { TicketInput } from '../domain/tickets/row.js';
import { formatDeadline, formatShort, isoInZone } from '../domain/time.js';
import { type Sheet, writeSpreadsheet } from '../render/spreadsheet.js';
import { type DualRound, dualEvents, roundsOfTicket, ticketHistory } from '../store/dual.js';
import { noticesOfTicket } from '../store/notices.js';
import type { AppContext } from './context.js';

export interface EvidenceRow {
  at: Date;
  round: string;
  unit: string;
  what: string;
  who: string;
  text: string;
}

/** Every evidence row of a ticket, in time order: its own events and each round's. */
export async function evidenceRows(
  ctx: AppContext,
  number: string,
): Promise<{ rows: EvidenceRow[]; rounds: DualRound[] }> {
  const name = (id: string | null | undefined) => (id ? personName(ctx.roster, id) : '');
  const names = (ids: unknown) =>
    Array.isArray(ids) ? ids.map((i) => (i === 'group' ? EVIDENCE_IN_GROUP : name(String(i)))).join('、') : '';
  const rows: EvidenceRow[] = (await ticketHistory(ctx.db, number)).map((e) => ({
    at: e.at,
    round: '',
    unit: '',
    what: evidenceTicketWhat(e.kind),
    who: e.source.startsWith('chat:') ? name(e.source.slice(5)) : evidenceSource(e.source, name),
    text: evidenceTicketDetail(e.kind, e.detail),
  }));
  const rounds = await roundsOfTicket(ctx.db, number);
  const byId = new Map(rounds.map((r) => [r.id, r]));
  for (const e of await dualEvents(
    ctx.db,
    rounds.map((r) => r.id),
  )) {
    const r = byId.get(e.roundId);
    const side = e.side ? r?.sides.find((s) => s.side === e.side) : undefined;
    const unit = side ? evidenceSideUnit(unitName(ctx.roster, side.unitId), SIDE_LABEL[side.side as SideKey]) : '';
    let what = evidenceRoundWhat(e.kind);
    let who = name(e.actorId);
    let text = e.text ?? '';
    if (e.kind === 'escalation') {
      what = LADDER_LABEL[e.detail.step as LadderStep] ?? what;
      who = names(e.detail.to);
      text = evidenceOverdueText(String(e.detail.daysOverdue ?? 0));
    } else if (
      e.kind === 'delivered' ||
      e.kind === 'ack-reminder' ||
      e.kind === 'blue-reminder' ||
      e.kind === 'yellow-reminder' ||
      e.kind === 'backcheck-asked' ||
      e.kind === 'holdup' ||
      e.kind === 'accountability'
    ) {
      who = names(e.detail.to ?? e.detail.mentions);
    } else if (e.kind === 'created') {
      text = evidenceRoundCreatedText(
        reasonText(String((e.detail.reasons as string[] | undefined)?.join(',') ?? r?.reason ?? '')),
        r?.seq ?? '',
        r ? formatDeadline(r.deadline, ctx.config.timezone) : '',
      );
    }
    rows.push({ at: e.at, round: r?.code ?? '', unit, what, who, text });
  }
  // The formal notices (催办通知书 / 督办函, issue 18 §4) that named the ticket, of either ladder.
  // Each is named with whom it was addressed to: the unit(s) for a 催办通知书, the leaders for a 督办函.
  const leaders = ctx.roster.withRole('leader').map((p) => p.name);
  for (const n of await noticesOfTicket(ctx.db, number))
    rows.push({
      at: n.issued_at,
      round: noticeRounds(n.notice_key).join('、'),
      unit: '',
      what: noticeEvidenceWhat(n.kind, noticeNumber(ctx.config.notices.numberPrefix, n.year, n.seq)),
      who: n.kind === 'written' ? n.unit_ids.map((u) => unitName(ctx.roster, u)).join('、') : leaders.join('、'),
      text: '',
    });
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { rows, rounds };
}

/** The evidence as short text lines for the message. */
export async function evidenceLines(ctx: AppContext, number: string): Promise<string[]> {
  const { rows } = await evidenceRows(ctx, number);
  const cut = (s: string) => summary(s, 40);
  // No blank between the unit and what it did: 城东街道（属地镇街）签收（朱主任）.
  return rows.map((r) =>
    evidenceLineText(
      formatShort(r.at, ctx.config.timezone),
      r.round,
      r.unit,
      r.what,
      r.who,
      r.text ? cut(r.text) : null,
    ),
  );
}

/** Where the bot writes its files: DATA_DIR, or a folder in the temp dir. */
export function filesDir(ctx: AppContext, sub: string): string {
  const dir = join(ctx.dataDir ?? join(tmpdir(), 'duban-data'), sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The evidence pack as an Excel file (工单, 证据链, 各轮答复与倒查). */
export async function evidenceFile(
  ctx: AppContext,
  t: TicketInput,
  r: DualRound,
): Promise<{ name: string; path: string }> {
  const tz = ctx.config.timezone;
  const { rows, rounds } = await evidenceRows(ctx, t.number);
  const fmt = (d: Date | null) => (d ? isoInZone(d, tz).replace('T', ' ').slice(0, 16) : '');
  const info: Array<[string, string]> = [
    ['工单编号', t.number],
    ['标题', t.title],
    ['诉求内容', t.content],
    ['承办单位', ctx.roster.unit(t.unitId)?.name ?? t.unitId],
    ['属地镇街', t.street ?? ''],
    ['网格', t.grid ?? ''],
    ['派单时间', fmt(t.assignedAt)],
    ['办理时限', fmt(t.dueAt)],
    ['状态', t.status],
    ['回访满意度', t.rating ?? ''],
    ['重办次数', String(t.reopenCount)],
    ['问责轮次', `${r.code}（第${r.seq}轮）`],
  ];
  const sheets: Sheet[] = [
    {
      name: '工单',
      columns: [
        { header: '项目', key: 'k', width: 16 },
        { header: '内容', key: 'v', width: 80 },
      ],
      rows: info.map(([k, v]) => ({ k, v })),
    },
    {
      name: '证据链',
      columns: [
        { header: '时间', key: 'at', width: 18 },
        { header: '轮次', key: 'round', width: 8 },
        { header: '单位', key: 'unit', width: 28 },
        { header: '事项', key: 'what', width: 22 },
        { header: '人员', key: 'who', width: 22 },
        { header: '内容', key: 'text', width: 60 },
      ],
      rows: rows.map((x) => ({ ...x, at: fmt(x.at) })),
    },
    {
      name: '各轮答复与倒查',
      columns: [
        { header: '轮次', key: 'code', width: 8 },
        { header: '单位', key: 'unit', width: 24 },
        { header: '方', key: 'side', width: 14 },
        { header: '送达', key: 'd', width: 18 },
        { header: '签收', key: 'a', width: 18 },
        { header: '答复', key: 'ans', width: 18 },
        { header: '答复内容', key: 'answer', width: 40 },
        { header: '超时', key: 'late', width: 18 },
        { header: '提前摸排掌握', key: 'pk', width: 30 },
        { header: '举一反三', key: 'lc', width: 30 },
      ],
      rows: rounds.flatMap((x) =>
        x.sides.map((s) => ({
          code: x.code,
          unit: ctx.roster.unit(s.unitId)?.name ?? s.unitId,
          side: SIDE_LABEL[s.side],
          d: fmt(s.deliveredAt),
          a: fmt(s.ackedAt),
          ans: fmt(s.answeredAt),
          answer: s.answer ?? '',
          late: fmt(s.lateAt),
          pk: s.priorKnown ?? '',
          lc: s.likeCases ?? '',
        })),
      ),
    },
  ];
  // The formal notices (催办通知书 / 督办函, issue 18 §4) that named the ticket: their numbers and Word files.
  const notices = await noticesOfTicket(ctx.db, t.number);
  if (notices.length > 0)
    sheets.push({
      name: NOTICES_SHEET.name,
      columns: [
        { header: NOTICES_SHEET.number, key: 'no', width: 18 },
        { header: NOTICES_SHEET.kind, key: 'kind', width: 12 },
        { header: NOTICES_SHEET.about, key: 'about', width: 20 },
        { header: NOTICES_SHEET.at, key: 'at', width: 18 },
        { header: NOTICES_SHEET.file, key: 'file', width: 60 },
      ],
      rows: notices.map((n) => ({
        no: noticeNumber(ctx.config.notices.numberPrefix, n.year, n.seq),
        kind: NOTICE_TITLE[n.kind],
        about: noticeAbout(noticeRounds(n.notice_key)),
        at: fmt(n.issued_at),
        file: n.file_path ?? '',
      })),
    });
  const name = `双问责证据-${r.code}-${t.number.replace(/[^A-Za-z0-9_-]/g, '_')}.xlsx`;
  const path = join(filesDir(ctx, 'dual'), name);
  await writeSpreadsheet(path, sheets);
  return { name, path };
}

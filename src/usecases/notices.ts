/**
 * Formal notices (issue 18 §4): the 《催办通知书》 of a 书面督办 and the 《督办函》 of a 提请督办, numbered
 * 督〔YYYY〕N号 (migration 016), rendered as .docx under DATA_DIR/notices and recorded with the notice for the
 * evidence pack. The number is taken once per notice key: a rerun of the same step gets the same number and file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LadderStep, NagItem } from '../domain/tickets/digest.js';
import {
  ccLeaders,
  excerpt,
  type NoticeData,
  type NoticeHistoryEntry,
  type NoticeKindName,
} from '../domain/tickets/notice.js';
import { leadersAddressee, NOTICE_TITLE, noticeBlocks, noticeFileName, noticeNumber } from '../domain/texts/notices.js';
import { idsWithRole, unitName } from '../domain/roster.js';
import { inZone, localDay } from '../domain/time.js';
import { renderNoticeDocx } from '../render/notice-docx.js';
import { claimNoticeNumber, digestsOfTickets, setNoticeFile, stepsOfTickets } from '../store/notices.js';
import { ticketsByNumbers } from '../store/tickets.js';
import type { AppContext } from './context.js';
import { filesDir } from './dual-evidence.js';

export interface NoticeRequest {
  kind: NoticeKindName;
  /** The notice's idempotency key (the step's message purpose without the recipient). */
  key: string;
  units: ReadonlyArray<{ unitId: string; items: readonly NagItem[] }>;
}

const CONTENT_CHARS = 120;

function personLabel(ctx: AppContext, id: string): string {
  const p = ctx.roster.person(id);
  if (!p) return id;
  return p.title ? `${p.name}（${p.title}）` : p.name;
}

/**
 * The notice's Word file (number taken, file written and recorded), or undefined (logged) when it cannot be made:
 * the step's text still goes out.
 */
export async function noticeFile(
  ctx: AppContext,
  r: NoticeRequest,
): Promise<{ name: string; path: string } | undefined> {
  const { config, roster, db, clock } = ctx;
  const tz = config.timezone;
  const now = clock.now();
  const items = r.units.flatMap((u) => u.items);
  const numbers = items.map((i) => i.number);
  try {
    const row = await claimNoticeNumber(db, {
      key: r.key,
      kind: r.kind,
      year: inZone(now, tz).year(),
      unitIds: r.units.map((u) => u.unitId),
      ticketNumbers: numbers,
      at: now,
    });
    const number = noticeNumber(config.notices.numberPrefix, row.year, row.seq);
    const name = noticeFileName(r.kind, number);
    if (row.file_path && existsSync(row.file_path)) return { name, path: row.file_path };

    const stored = await ticketsByNumbers(db, numbers);
    const history = new Map<string, NoticeHistoryEntry[]>();
    const push = (n: string, h: NoticeHistoryEntry) => history.set(n, [...(history.get(n) ?? []), h]);
    for (const d of await digestsOfTickets(db, numbers))
      push(d.ticket_number, { step: 'immediate', at: d.sent_at, ackedAt: d.acked_at });
    // The step this notice is (and anything after it) is not its own history.
    for (const s of await stepsOfTickets(db, numbers))
      if (s.step !== 'immediate' && s.step !== r.kind)
        push(s.ticket_number, { step: s.step as LadderStep, at: s.taken_at });
    for (const [n, l] of history)
      history.set(
        n,
        l.sort((a, b) => a.at.getTime() - b.at.getTime()),
      );

    const cc =
      r.kind === 'written'
        ? [...new Set(r.units.flatMap((u) => ccLeaders(config, roster, u.unitId)))].map((id) => personLabel(ctx, id))
        : r.units.map((u) => unitName(roster, u.unitId));
    const data: NoticeData = {
      kind: r.kind,
      office: config.notices.office,
      number,
      addressee:
        r.kind === 'written'
          ? r.units.map((u) => unitName(roster, u.unitId)).join('、')
          : leadersAddressee(idsWithRole(roster, 'leader').map((id) => roster.person(id)?.name ?? id)),
      tickets: r.units.flatMap((u) =>
        u.items.map((i) => ({
          number: i.number,
          title: stored.get(i.number)?.title ?? i.title,
          content: excerpt(stored.get(i.number)?.content ?? '', CONTENT_CHARS),
          unitName: unitName(roster, u.unitId),
          dueAt: i.dueAt,
          daysOverdue: i.daysOverdue,
          history: history.get(i.number) ?? [],
        })),
      ),
      issuedAt: row.issued_at,
      answerBy: ctx.calendar.addWorkdays(localDay(row.issued_at, tz), config.notices.answerWorkdays),
      cc,
      tz,
    };
    const bytes = await renderNoticeDocx(NOTICE_TITLE[r.kind], noticeBlocks(data));
    const path = join(filesDir(ctx, 'notices'), `notice-${row.year}-${row.seq}.docx`);
    writeFileSync(path, bytes);
    await setNoticeFile(db, r.key, name, path);
    ctx.log.info({ key: r.key, number, bytes: bytes.length }, 'formal notice written');
    return { name, path };
  } catch (err) {
    ctx.log.error({ err: (err as Error).message, key: r.key }, 'formal notice could not be made; sending the text');
    return undefined;
  }
}

import * as T from '../domain/texts/tickets.js';
import { mayImportFiles } from '../domain/files.js';
import { fileTooLargeText, sheetTooLargeText } from '../domain/texts/limits.js';
import type { ImportResult } from '../store/ticket-import.js';
import { importTicketFile } from '../store/ticket-import.js';
import { looksLikeTicketFile } from '../store/ticket-files.js';
import { isUnitWorker } from '../domain/roster.js';
import { type MessageHandler } from './types.js';
import { replyTo } from '../usecases/send.js';
import type { DualRound } from '../store/dual.js';
import { enqueueRound, openDualRounds } from '../usecases/dual-flow.js';
import { endOfDay } from '../domain/tickets/deadline.js';
import { classify } from '../domain/tickets/digest.js';
import { localDay } from '../domain/time.js';
import { openTicketsToNag } from '../store/tickets.js';

/** The answer to an import, for the chat and the CLI alike. */
export function importAnswer(name: string, r: ImportResult, maxListed: number, follow?: T.ImportFollowUp): string {
  switch (r.kind) {
    case 'imported':
      return T.importSummary(name, r.counts, r.rejected, maxListed, follow, { mapping: r.mapping, missing: r.missing, skipped: r.skipped });
    case 'not-a-list':
      return T.notATicketList(name, r.missing, r.lookedFor);
    case 'unsupported':
      return T.unsupportedFile(name);
    case 'unreadable':
      // A zip bomb or an oversized list is refused before it is read (xlsx-bounded.ts).
      return r.error.startsWith('spreadsheet too large') ? sheetTooLargeText(name) : T.unreadableFile(name);
  }
}

/**
 * An .xlsx / .csv file in the group or privately. Supervisors and leaders: imported and
 * answered with the counts, each rejected row, the 双派单 rounds it started (by code) and the
 * tickets overdue now. Anyone else on the roster: not imported,
 * told privately who imports and how (nothing in the group). Other files (images, documents)
 * are not this handler's. Strangers never reach handlers.
 */
export const ticketImportHandler: MessageHandler = {
  name: 'ticket-import',
  matches: (msg) => msg.file !== null && looksLikeTicketFile(msg.file.name),
  async handle(_, msg, sender, ctx) {
    const file = msg.file;
    if (!file) return;
    if (!mayImportFiles(sender)) {
      ctx.log.warn({ id: msg.id, from: sender.id, file: file.name }, 'ticket file from someone who may not import: not imported');
      // Told point-to-point even when the file came to the group: the group stays quiet.
      const text = T.fileNotImportedText(file.name, isUnitWorker(sender));
      await ctx.send({ to: { kind: 'person', id: sender.id }, text, mentions: [], purpose: `ticket-import:${msg.id}` });
      return;
    }
    if (!file.path) {
      const text = file.refused === 'too-large' ? fileTooLargeText(file.name, ctx.config.limits.fileMaxBytes) : T.unreadableFile(file.name);
      await ctx.send(replyTo(msg, text, `ticket-import:${msg.id}`));
      return;
    }
    const r = await importTicketFile(
      file.path,
      file.name,
      { db: ctx.db, roster: ctx.roster, calendar: ctx.calendar, config: ctx.config, now: ctx.clock.now() },
      { source: `file:${file.name} by ${sender.id}`, senderId: sender.id, fileName: file.name },
    );
    ctx.log.info({ id: msg.id, from: sender.id, file: file.name, result: r.kind, ...(r.kind === 'imported' ? r.counts : {}) }, 'ticket file processed');
    let follow: T.ImportFollowUp | undefined;
    let started: DualRound[] = [];
    if (r.kind === 'imported') {
      // The rounds are made first, so that the answer can say which; their deliveries follow it.
      // A failure here never costs the import its answer (dual-check retries pending rounds).
      try {
        const rounds = await openDualRounds(ctx, { enqueue: false });
        started = rounds;
        const now = ctx.clock.now();
        const tz = ctx.config.timezone;
        // What the nag will pursue: a ticket whose 退办 was approved waits for the platform, not counted.
        const open = (await openTicketsToNag(ctx.db, endOfDay(localDay(now, tz), tz))).filter((t) => t.returnApproved !== true);
        const overdue = classify(open, now, ctx.calendar, tz).filter((i) => i.daysOverdue >= 0);
        follow = { rounds: rounds.map((x) => x.code), overdue: overdue.length, overdueReportedDone: overdue.filter((i) => i.reportedDone).length };
      } catch (err) {
        ctx.log.error({ err, id: msg.id }, 'ticket import: opening 双派单 rounds failed; the answer gives the counts only');
      }
    }
    await ctx.send(replyTo(msg, importAnswer(file.name, r, ctx.config.tickets.maxRejectedListed, follow), `ticket-import:${msg.id}`));
    // The deliveries after the answer that names them (a round not enqueued here is picked up by dual-check).
    for (const round of started) await enqueueRound(ctx, round);
  },
};

import { mayImportFiles } from '../domain/files.js';
import { isUnitWorker } from '../domain/roster.js';
import { fileTooLargeText } from '../domain/texts/limits.js';
import * as T from '../domain/texts/tickets.js';
import { looksLikeTicketFile } from '../domain/tickets/file-kind.js';
import { wordingOf } from '../usecases/context.js';
import { enqueueRound } from '../usecases/dual-flow.js';
import { warnClusters } from '../usecases/clusters.js';
import { replyTo } from '../usecases/send.js';
import { importChatFile } from '../usecases/ticket-import.js';
import { deliverAfterImport } from '../usecases/visits.js';
import type { MessageHandler } from './types.js';

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
      ctx.log.warn(
        { id: msg.id, from: sender.id, file: file.name },
        'ticket file from someone who may not import: not imported',
      );
      // Told point-to-point even when the file came to the group: the group stays quiet.
      const text = T.fileNotImportedText(file.name, isUnitWorker(sender), wordingOf(ctx));
      await ctx.send({ to: { kind: 'person', id: sender.id }, text, mentions: [], purpose: `ticket-import:${msg.id}` });
      return;
    }
    if (!file.path) {
      const text =
        file.refused === 'too-large'
          ? fileTooLargeText(file.name, ctx.config.limits.fileMaxBytes)
          : T.unreadableFile(file.name);
      await ctx.send(replyTo(msg, text, `ticket-import:${msg.id}`));
      return;
    }
    const { answer, started, places } = await importChatFile(ctx, { path: file.path, name: file.name }, sender.id, {
      id: msg.id,
    });
    await ctx.send(replyTo(msg, answer, `ticket-import:${msg.id}`));
    // The deliveries after the answer that names them (a round not enqueued here is picked up by dual-check).
    for (const round of started) await enqueueRound(ctx, round);
    // Repeat warnings for the places the tickets name (a failure never costs the import its answer).
    await warnClusters(ctx, places).catch((err) =>
      ctx.log.error({ err, id: msg.id }, 'repeat warnings failed after the import'),
    );
    // 四个必到 items it opened, to the units' heads now within working hours (else the next working morning).
    await deliverAfterImport(ctx);
  },
};

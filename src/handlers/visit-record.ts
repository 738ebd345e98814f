import { isSoftAck } from '../domain/language/intent.js';
import { ownWords, splitQuote } from '../domain/language/quote.js';
import type { IncomingMessage } from '../domain/messages.js';
import { commandText } from '../domain/messages.js';
import { isHeadOrLiaison, isOversight, isUnitWorker, type Person, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/visits.js';
import { localDay } from '../domain/time.js';
import { readVisitText, type VisitRecordCommand, visitCodeAtStart } from '../domain/visits/record.js';
import { dispatchesForUnit } from '../store/dispatches.js';
import { roundsAwaitingUnit } from '../store/dual.js';
import { recordTicketEvent } from '../store/tickets.js';
import { getVisit, owedVisits, recordVisit, VISIT_RECORDED, type VisitItem } from '../store/visits.js';
import type { AppContext } from '../usecases/context.js';
import { replyTo } from '../usecases/send.js';
import { factsOf, headName, unitVisitLines } from '../usecases/visits.js';
import type { MessageHandler } from './types.js';

type Decision =
  | { kind: 'record'; code: string; cmd: VisitRecordCommand }
  | { kind: 'planned' | 'question' | 'delegated'; code: string }
  | { kind: 'unreadable'; code: string }
  | { kind: 'which'; unitId: string; said: string };

/** A 双派单 round or dispatch code in the message: it answers that, not a visit. */
const OTHER_CODE = /(?<![A-Za-z0-9])(?:SP|D)\s?\d{1,8}(?!\d)/i;
/** Says who went is the unit's leadership even without a name. */
const LEADERISH = /领导|负责同志|主要负责人|一把手|必到/;

/** The V code of the bot's message the sender quotes (a reply to the item itself), if any. */
function quotedCode(text: string): string | null {
  const q = splitQuote(text);
  const m = q ? /(?<![A-Za-z0-9])V(\d{1,8})(?!\d)/.exec(q.quoted) : null;
  return m ? `V${m[1]}` : null;
}

/**
 * A visit record without a code: the unit's only owed visit (or the one whose ticket it names). With several owed,
 * the sender is asked which (never dropped). Left to the other handlers when the unit owes none, when it names a
 * round or dispatch, or when an answer to one of those may be meant (not said to be the leadership's visit).
 */
async function withoutCode(cmd: VisitRecordCommand, text: string, sender: Person, ctx: AppContext) {
  if (!isUnitWorker(sender) || sender.unit === undefined || cmd.mode !== 'record' || OTHER_CODE.test(text)) return null;
  const owed = await owedVisits(ctx.db, sender.unit);
  if (owed.length === 0) return null;
  const named = owed.filter((v) => text.includes(v.ticketNumber));
  if (named.length === 1) return { kind: 'record' as const, code: (named[0] as VisitItem).code, cmd };
  const leaderish = cmd.person !== null || LEADERISH.test(text);
  if (owed.length > 1) return leaderish ? { kind: 'which' as const, unitId: sender.unit, said: text } : null;
  if (!leaderish) {
    const rounds = await roundsAwaitingUnit(ctx.db, sender.unit);
    const dispatches = (await dispatchesForUnit(ctx.db, sender.unit)).filter((d) =>
      d.targets.some((t) => t.unitId === sender.unit && !t.answeredAt),
    );
    if (rounds.length + dispatches.length > 0) return null;
  }
  return { kind: 'record' as const, code: (owed[0] as VisitItem).code, cmd };
}

async function decide(msg: IncomingMessage, sender: Person, ctx: AppContext): Promise<Decision | null> {
  const full = commandText(msg);
  const text = ownWords(full).trim();
  const atStart = visitCodeAtStart(text);
  const r = readVisitText(text, localDay(ctx.clock.now(), ctx.config.timezone));
  if (r === null) {
    if (atStart === null) return null;
    // V7 收到 / V7 好的: the item acknowledged, told what it asks.
    const rest = text.replace(/^\s*[Vv]\s?\d+\s*/, '');
    return isSoftAck(rest) ? { kind: 'question', code: atStart } : { kind: 'unreadable', code: atStart };
  }
  const code = r.code ?? quotedCode(full);
  if (code !== null) return r.kind === 'record' ? { kind: 'record', code, cmd: r } : { kind: r.kind, code };
  if (r.kind !== 'record') return null;
  return withoutCode(r, text, sender, ctx);
}

/** The item as it stands, for a leader or supervisor. */
function statusOf(ctx: AppContext, v: VisitItem): string {
  const today = localDay(ctx.clock.now(), ctx.config.timezone);
  const record = v.recordedAt === null ? null : { day: v.visitedOn, person: v.visitor, agreed: v.agreed };
  return T.visitStatus(factsOf(ctx, v), record, today);
}

/** Records (or adds to, or corrects) the visit and answers with the record as it now stands. */
async function record(
  c: Extract<Decision, { kind: 'record' }>,
  v: VisitItem,
  msg: IncomingMessage,
  sender: Person,
  ctx: AppContext,
): Promise<string> {
  const now = ctx.clock.now();
  const today = localDay(now, ctx.config.timezone);
  const { cmd } = c;
  const first = v.recordedAt === null;
  if (first && cmd.mode !== 'record') return T.visitNothingToAmend(v.code, headName(ctx, v.unitId));
  const day = cmd.day ?? (first ? today : null);
  if (day !== null && day > today) return T.visitFutureDay(day);
  // Who went: as said; else the sender when a head (a liaison records for the head, who is named later).
  const person = cmd.person ?? (first && sender.roles.includes('head') ? sender.name : null);
  const after = await recordVisit(ctx.db, v.code, {
    mode: first ? 'record' : cmd.mode === 'correct' ? 'correct' : 'supplement',
    day,
    visitor: person,
    agreed: cmd.agreed,
    by: sender.id,
    at: now,
  });
  const stands = after ?? v;
  await recordTicketEvent(ctx.db, v.ticketNumber, VISIT_RECORDED, now, `chat:${sender.id}`, {
    code: v.code,
    mode: first ? 'record' : cmd.mode,
    day: stands.visitedOn,
    visitor: stands.visitor,
    agreed: stands.agreed,
    message: msg.id,
  });
  const shown = [stands.visitedOn ?? today, stands.visitor, stands.agreed ?? ''] as const;
  return first ? T.visitRecorded(v.code, v.ticketNumber, ...shown) : T.visitUpdated(v.code, v.ticketNumber, ...shown);
}

/**
 * 四个必到 (issue 18 §2): a unit's head or liaison records the visit, in the suggested layout
 * (`V7 已上门 11月20日 王局长 已与群众达成整改协议`) or in their own words
 * (`v7 昨天下午王局长带队上门了，群众表示理解`, `V7已走访`); `V7 补充：…` adds to a record, `V7 更正：…` corrects
 * it; without a code, the unit's only owed visit is meant (several: asked which). A visit only planned or asked
 * about, or left to staff, is answered, not recorded.
 * Another unit's item, or a sender who is no unit's head or liaison: told who records it. A message that starts with
 * a V code but is not read is answered with how to write one: it is never taken as the answer to another item.
 */
export const visitRecordHandler: MessageHandler<Decision> = {
  name: 'visit-record',
  matches: (msg, sender, ctx) => decide(msg, sender, ctx),
  async handle(c, msg, sender, ctx) {
    const purpose = `visit-record:${msg.id}`;
    const answer = (text: string) => ctx.send(replyTo(msg, text, purpose));
    const item = c.kind === 'which' ? undefined : await getVisit(ctx.db, c.code);
    // A leader or supervisor naming an item (V4 进展如何？) is told how it stands.
    if (item && isOversight(sender) && (c.kind === 'unreadable' || c.kind === 'question'))
      return void (await answer(statusOf(ctx, item)));
    if (c.kind === 'unreadable')
      return void (await answer(isOversight(sender) ? T.visitUnknown(c.code) : T.visitUnreadable(c.code)));
    if (c.kind === 'which') {
      const owed = await owedVisits(ctx.db, c.unitId);
      const lines = await unitVisitLines(ctx, c.unitId);
      const first = owed[0]?.code ?? 'V1';
      return void (await answer(T.visitWhich(unitName(ctx.roster, c.unitId), lines, first, c.said)));
    }
    const v = item;
    if (!v) return void (await answer(T.visitUnknown(c.code)));
    const own = isHeadOrLiaison(sender) && sender.unit === v.unitId;
    const head = headName(ctx, v.unitId);
    if (c.kind === 'question' && own)
      return void (await answer(T.visitAsked(v.code, v.ticketNumber, v.dueDay, v.recordedAt !== null, head)));
    if (!isHeadOrLiaison(sender) || sender.unit === undefined) return void (await answer(T.VISIT_NEEDS_WORKER));
    if (!own) return void (await answer(T.visitNotYours(v.code, unitName(ctx.roster, v.unitId))));
    if (c.kind === 'planned') return void (await answer(T.visitPlanned(v.code, v.dueDay, head)));
    if (c.kind === 'delegated') return void (await answer(T.visitDelegated(v.code, head)));
    if (c.kind === 'record') await answer(await record(c, v, msg, sender, ctx));
  },
};

/**
 * Everyday verbs for the figures (收了5个 结了4个 还有1个在弄, 新收3单 搞定2单 1单还在办): heads type them, but
 * the same words fill chatter and answers to a dispatch (路灯修好了3个，还有2个在弄). They count only in a
 * report-like message naming no case code (D2, SP1, TB3): one with figures under the usual words too, or
 * one whose everyday figures name what came in (a received figure) and at least one other. Pure.
 */
import type { Binding } from './assign.js';
import { namesCaseCode } from './correction.js';
import type { Tok } from './tokens.js';

const COUNTS = new Set(['received', 'completed', 'inProgress', 'overdue', 'reopened', 'unsatisfied', 'returned']);

/** Whether figures read from everyday verbs may stand (there are some, and the message reads as a report). */
export function colloquialAllowed(text: string, bindings: readonly Binding[]): boolean {
  if (!bindings.some((b) => b.colloquial)) return true;
  if (namesCaseCode(text)) return false;
  // A report by its other figures anyway (今天结了6个，满意率100%): the everyday verbs fill in the rest.
  if (bindings.some((b) => !b.colloquial)) return true;
  const fields = new Set(bindings.filter((b) => COUNTS.has(b.field)).map((b) => b.field));
  return fields.has('received') && fields.size >= 2;
}

/** The tokens without the everyday verbs (their numbers stay, unnamed). */
export function withoutColloquial(toks: readonly Tok[]): Tok[] {
  return toks.filter((t) => !(t.k === 'kw' && t.colloquial));
}

/**
 * One-tap 签收 on a channel with interactive cards (issue 17): what a card's button means, how
 * its keys are written and read back, and whether the person who pressed it may sign. Pure.
 */

import { createHash } from 'node:crypto';
import type { OutgoingCard } from './messages.js';
import { isUnitWorker, type Person } from './roster.js';
import { SIGN_BUTTON, SIGN_WORDS } from './texts/card-press.js';

/**
 * What a press signs: a unit's point-to-point dispatch, a side unit's 双派单 round, or a ticket
 * digest (即时督办) of one cycle, addressed to one unit (the private list) or to several (the
 * group digest: a press signs the presser's own unit).
 */
export type CardMeaning =
  | { kind: 'dispatch'; code: string; unitId: string }
  | { kind: 'dual'; code: string; unitId: string }
  | { kind: 'digest'; cycle: string; unitIds: string[] };

const ACK = 'ack';
const KINDS: ReadonlySet<string> = new Set(['dispatch', 'dual', 'digest']);
/** A button key's limit (bytes) and a card key's (characters), as the chat sets them. */
export const BUTTON_KEY_MAX_BYTES = 1024;
export const CARD_KEY_MAX = 128;

const enc = (s: string) => encodeURIComponent(s);

/** The button key: `ack|dispatch|D3|zhujian`, `ack|dual|SP2|hubin`, `ack|digest|<cycle>|u1,u2` (parts URI-encoded). */
export function buttonKey(m: CardMeaning): string {
  const ref = m.kind === 'digest' ? m.cycle : m.code;
  const units = m.kind === 'digest' ? m.unitIds : [m.unitId];
  const key = [ACK, m.kind, enc(ref), units.map(enc).join(',')].join('|');
  if (Buffer.byteLength(key) > BUTTON_KEY_MAX_BYTES) throw new Error(`button key too long (${key.length})`);
  return key;
}

/** The meaning of a button key; null for a key this bot did not make (or made by another version). */
export function parseButtonKey(key: string): CardMeaning | null {
  const parts = key.split('|');
  if (parts.length !== 4 || parts[0] !== ACK) return null;
  const [, kind, rawRef, rawUnits] = parts as [string, string, string, string];
  if (!KINDS.has(kind)) return null;
  let ref: string;
  let units: string[];
  try {
    ref = decodeURIComponent(rawRef);
    units = rawUnits === '' ? [] : rawUnits.split(',').map((u) => decodeURIComponent(u));
  } catch {
    return null;
  }
  if (ref === '' || units.length === 0 || units.some((u) => u === '')) return null;
  if (kind === 'digest') return { kind, cycle: ref, unitIds: units };
  const unitId = units[0] as string;
  if (units.length !== 1 || !/^(?:D|SP)\d{1,8}$/.test(ref)) return null;
  if ((kind === 'dispatch') !== ref.startsWith('D')) return null;
  return { kind: kind as 'dispatch' | 'dual', code: ref, unitId };
}

/**
 * The card's key from the message's purpose (one card per purpose, as one message per purpose):
 * the purpose in the allowed characters [A-Za-z0-9_-@], cut to fit, and a hash of the whole
 * purpose so that two purposes never share a key.
 */
export function cardKey(purpose: string): string {
  const hash = createHash('sha256').update(purpose).digest('hex').slice(0, 16);
  const safe = purpose.replace(/[^A-Za-z0-9_\-@]/g, '_').slice(0, CARD_KEY_MAX - hash.length - 1);
  return `${safe}-${hash}`;
}

/**
 * What the person would have typed for this press: `D3 收到` (a dispatch), `SP2 签收` (a round),
 * `签收` (a digest: the ticket commands take it for the unit's latest unsigned digest).
 */
export function typedText(m: CardMeaning): string {
  if (m.kind === 'dispatch') return `${m.code} ${SIGN_WORDS.dispatch}`;
  if (m.kind === 'dual') return `${m.code} ${SIGN_WORDS.dual}`;
  return SIGN_WORDS.digest;
}

/** The card of a message that asks for a 签收: one 签收 button meaning `m`, keyed by the message's purpose. */
export function signCard(purpose: string, title: string, m: CardMeaning): OutgoingCard {
  return { key: cardKey(purpose), title, buttons: [{ key: buttonKey(m), text: SIGN_BUTTON }] };
}

export type PressDecision =
  /** `scope`: who sees the card change ('all' when it was addressed to one unit). */
  | { ok: true; unitId: string; scope: 'presser' | 'all' }
  | { ok: false; why: 'unknown-card' | 'stranger' | 'not-responsible'; unitIds: string[] };

/**
 * Whether `presser` may sign what the button means, from the roster alone (decided at once):
 * a head or liaison of the unit (of one of the digest's units: their own). A leader pressing the
 * dispatch they sent, another unit's people, or anyone off the roster: refused.
 */
export function decidePress(m: CardMeaning | null, presser: Person | undefined): PressDecision {
  if (m === null) return { ok: false, why: 'unknown-card', unitIds: [] };
  const unitIds = m.kind === 'digest' ? m.unitIds : [m.unitId];
  if (presser === undefined) return { ok: false, why: 'stranger', unitIds };
  const own = presser.unit;
  if (!isUnitWorker(presser) || own === undefined || !unitIds.includes(own))
    return { ok: false, why: 'not-responsible', unitIds };
  return { ok: true, unitId: own, scope: unitIds.length > 1 ? 'presser' : 'all' };
}

/** Who signed a unit's item and when, as the store keeps it (`by`: a contact id; null if not kept). */
export interface SignRecord {
  by: string | null;
  at: Date;
}

/**
 * What an accepted press does once the store has been asked whether the unit's item is signed:
 * `sign` (the card-made 签收 goes to the inbound path), or `show-record` (signed before: the card
 * shows who signed it and when, and nothing is queued: no second confirmation, no second 签收).
 * `signed` is the record, null when not signed, 'unknown' when the read failed or was too slow:
 * then sign as if not signed (the handlers take a second 签收 of the same item once).
 */
export type PressOutcome =
  | { act: 'sign'; unitId: string; scope: 'presser' | 'all' }
  | { act: 'show-record'; unitId: string; scope: 'presser' | 'all'; record: SignRecord };

export function pressOutcome(
  d: Extract<PressDecision, { ok: true }>,
  signed: SignRecord | null | 'unknown',
): PressOutcome {
  if (signed === null || signed === 'unknown') return { act: 'sign', unitId: d.unitId, scope: d.scope };
  return { act: 'show-record', unitId: d.unitId, scope: d.scope, record: signed };
}

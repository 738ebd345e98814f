/**
 * 四个必到 (d): a unit saying in the chat that a ticket cannot be solved soon (`工单2026…需多部门协调，短期内无法解决`,
 * `SP3 涉及历史遗留问题，短期难以解决`). Only a message that names the ticket (its number) or a 双派单 round of it
 * (SP code) says which ticket: a bare `需要协调，短期难以解决` could be about any of the unit's open tickets or a
 * dispatch, and is left alone. Pure; the caller keeps the sender's unit's own open tickets and rounds.
 */
import { TICKET_NUMBER_IN_TEXT } from '../tickets/done-mentions.js';

/** 短期内无法解决 / 短期难以解决 / 短期内解决不了 / 无法在短期内解决 / 一时难以解决 / 需长期协调. */
const PHRASE = new RegExp(
  '短期内?(?:还|仍|暂时)?(?:无法|难以|不能|很难|没法|不好|不易)(?:彻底|完全|根本)?(?:解决|办结|处理到位|落实)|' +
    '短期内?(?:还|仍)?解决不了|(?:无法|难以|不能)在短期内(?:彻底)?(?:解决|办结)|一时(?:难以|无法)(?:解决|办结)|' +
    '(?:需要?|要|须)长期(?:协调|推进|解决|跟进|治理)',
  'g',
);
/** Just before the phrase: it is denied (并非短期内无法解决, 不是短期内解决不了). */
const DENIED = /(?:不是|并非|并不是|并不|不属于|没有)[\u4e00-\u9fa5]{0,2}$/;
/** In the phrase's clause: asked (是否短期内无法解决？). */
const ASKED = /[?？]|吗|是否|会不会|能不能/;
const CLAUSE = /[，,。；;！!\n]/;
const ROUND = /(?<![A-Za-z0-9])SP\s?(\d{1,8})(?!\d)/gi;

/** Whether `text` says, in so many words, that something cannot be solved soon (not denied, not asked). */
export function saysProlonged(text: string): boolean {
  for (const m of text.matchAll(PHRASE)) {
    const at = m.index ?? 0;
    if (DENIED.test(text.slice(Math.max(0, at - 6), at))) continue;
    let start = at;
    while (start > 0 && !CLAUSE.test(text[start - 1] as string)) start--;
    let end = at + m[0].length;
    while (end < text.length && !CLAUSE.test(text[end] as string)) end++;
    if (ASKED.test(text.slice(start, end))) continue;
    return true;
  }
  return false;
}

export interface ProlongedMention {
  /** Ticket numbers said to be long-term. */
  numbers: string[];
  /** 双派单 round codes (SP3) said to be long-term, when the message names no ticket number. */
  rounds: string[];
}

/**
 * The tickets (by number) and rounds (by code) a message says cannot be solved soon. One number named: the phrase
 * anywhere in the message; several: each number with the phrase in the words after it, before the next number.
 */
export function prolongedMentions(text: string): ProlongedMention {
  const none = { numbers: [], rounds: [] };
  if (!saysProlonged(text)) return none;
  const found = [...text.matchAll(TICKET_NUMBER_IN_TEXT)].filter((m) => !/^[Vv]\d+$/.test(m[0]));
  if (found.length === 0)
    return { numbers: [], rounds: [...new Set([...text.matchAll(ROUND)].map((m) => `SP${m[1]}`))] };
  if (found.length === 1) return { numbers: [(found[0] as RegExpExecArray)[0]], rounds: [] };
  const numbers: string[] = [];
  found.forEach((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = found[i + 1]?.index ?? text.length;
    if (saysProlonged(text.slice(from, to)) && !numbers.includes(m[0])) numbers.push(m[0]);
  });
  return { numbers, rounds: [] };
}

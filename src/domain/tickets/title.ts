/**
 * A ticket's short title. Many platform exports have no 标题 column: the title is then taken
 * from the start of 诉求内容 — the usual lead-in (市民来电反映：…) left out, cut at a clause
 * boundary when one falls near the length, else at a word boundary, with "…". Pure.
 */
import { clipTitle } from '../language/clip.js';

/** The text without empty lines and with runs of spaces collapsed (cells often carry both). */
export function withoutEmptyLines(s: string): string {
  return s
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/[ \t\u3000\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

const WHO = '(?:市民|群众|来电人|来电市民|网民|居民|诉求人|反映人)?(?:来电|来信|留言|致电)?';
const LEAD_IN = new RegExp(
  `^(?:${WHO}(?:反映|反应|称|表示)(?:[：:，,]\\s*|\\s*)|${WHO}(?:诉求|咨询|投诉|求助|建议)(?:[：:，,]\\s*|\\s+)` +
    `|(?:诉求内容|问题描述|主要内容)[：:]\\s*)`,
);

export function titleFromContent(content: string, max = 20): string {
  let s = withoutEmptyLines(content).replace(/\n/g, ' ');
  for (let i = 0; i < 2; i++) s = s.replace(LEAD_IN, '');
  s = s.trim();
  if (s.length <= max) return s.replace(/[，。；、,;：:]$/, '');
  return clipTitle(s, max);
}

/** The title to show: the 标题 cell, else the start of 诉求内容 ('' when both are empty). */
export function ticketTitle(title: string, content: string, max = 20): string {
  const t = withoutEmptyLines(title).replace(/\n/g, ' ');
  return t !== '' ? t : titleFromContent(content, max);
}

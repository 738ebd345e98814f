/**
 * The report text made ready for reading the campaign part: simplified characters, half-width digits, no
 * decorations (an emoji between words becomes a break), and tables pasted from Excel (tabs, `|`, or aligned
 * blanks) rewritten as the phrases people would type. Pure, linear.
 *
 *   项目	今日完成	累计完成	目标          老旧小区改造：今日完成：2，累计完成：11，目标：16。
 *   老旧小区改造	2	11	16        →    加装电梯：今日完成：1，累计完成：21，目标：30。
 *   加装电梯	1	21	30
 */
import { stripDecorations } from '../language/decorations.js';
import { normalizeWidth } from '../language/numerals.js';
import { toSimplified } from '../language/traditional.js';
import { collapseWhitespace } from '../language/trim.js';

/** A clause break the reader sees where a decoration stood between words. */
export const BREAK = '•';

/** A header cell naming a figure of the day or a cumulative one (or a target, a rate: read and then set aside). */
const FIGURE_COLUMN = /今日|今天|当日|当天|本日|新增|完成|完工|累计|总计|合计|共计|目标|任务|计划|进度|完成率|比例|数/;
const NUMBER_CELL = /^(?:\d{1,7}(?:\.\d{1,3})?\s*%?|[零〇一二两三四五六七八九十百千万]{1,8})$/;
const EMPTY_CELL = /^(?:-{1,3}|—{1,2}|\/|空|无|)$/;

function cellsOf(line: string): string[] | null {
  const t = line.trim();
  let cells: string[];
  if (/[|｜]/.test(t))
    cells = t
      .replace(/^[|｜]|[|｜]$/g, '')
      .split(/[|｜]/)
      .map((c) => c.trim());
  else if (t.includes('\t')) cells = t.split(/\t+/).map((c) => c.trim());
  else if (/ {2}/.test(t)) cells = t.split(/ {2,}/).map((c) => c.trim());
  else return null;
  return cells.length >= 2 ? cells : null;
}

function isHeader(cells: readonly string[]): boolean {
  const named = cells.filter((c) => c !== '' && c.length <= 10 && !/\d/.test(c) && FIGURE_COLUMN.test(c));
  return named.length >= 1 && cells.every((c) => !NUMBER_CELL.test(c));
}

/** One row under a header as a phrase; null when it is not a row of that table. */
function rowPhrase(header: readonly string[], cells: readonly string[]): string | null {
  if (cells.length !== header.length && cells.length !== header.length - 1) return null;
  const labels: string[] = [];
  const figures: string[] = [];
  cells.forEach((c, k) => {
    const h = header[k] ?? '';
    if (NUMBER_CELL.test(c)) figures.push(`${h}：${c}`);
    else if (!EMPTY_CELL.test(c)) labels.push(c);
  });
  if (figures.length === 0 || labels.length === 0) return null;
  return `${labels.join('，')}：${figures.join('，')}。`;
}

function rewriteTables(text: string): string {
  if (!/[\t|｜]| {2}/.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = cellsOf(line);
    if (header !== null && isHeader(header)) {
      let j = i + 1;
      const rows: string[] = [];
      while (j < lines.length) {
        const cells = cellsOf(lines[j] as string);
        if (cells !== null && /^[\s|｜:：\-—=+]*$/.test(lines[j] as string)) {
          j++;
          continue;
        }
        const row = cells === null ? null : rowPhrase(header, cells);
        if (row === null) break;
        rows.push(row);
        j++;
      }
      if (rows.length > 0) {
        out.push(...rows);
        i = j - 1;
        continue;
      }
    }
    // A line of cells that is no table: its cells are clauses.
    out.push(header === null ? line : header.join('，'));
  }
  return out.join('\n');
}

export function cleanCampaignText(text: string): string {
  let s = normalizeWidth(toSimplified(text)).replace(/\r\n?/g, '\n');
  s = stripDecorations(s, BREAK);
  s = s.replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '').replace(/[\u00a0\u2000-\u200a\u202f\u205f\v\f]/g, ' ');
  s = rewriteTables(collapseWhitespace(s));
  return s.replace(/[\uff1b]/g, '；').replace(/[\uff0c]/g, '，');
}

/**
 * Tables typed in the chat, read by column (see the project's parsing rules in README.md):
 *
 *   受理 | 办结 | 在办 | 超期        受理	办结	在办		受理   办结   在办
 *   12   | 10   | 2    | 0          12	10	2			 12     10     2
 *
 * a header row of figure names (count keywords, …率) and the next row of values, cells split by
 * `|` / `｜`, tabs or blanks (a markdown rule line between them is skipped), and two-column
 * lines (`受理 | 12`, `受理<tab>12`). Each is rewritten as the phrase people would have typed
 * (受理：12，办结：10，在办：2，超期：0。), so the rest of the parser reads it like any report.
 * A column that is not a figure (单位, 日期) keeps its value as it is. Linear. Pure.
 */
import { keywordAt, matchLexicon } from './fields.js';

const PIPE = /[|｜]/;
const RULE = /^[\s|｜:：\-—─=+]*$/;
/** A figure's value in a cell: digits (decimal, %, a measure word), a Chinese numeral, or a zero word. */
const VALUE =
  // check-lines: long regex
  /^(?:\d{1,6}(?:\.\d{1,3})?\s*(?:%|‰|件|个|单|宗)?|[零〇一二两三四五六七八九十百]{1,6}(?:点[零〇一二三四五六七八九]{1,3})?(?:件|个|单)?|百分之[零〇一二两三四五六七八九十百点]{1,8}|无|没有|暂无|零)$/;
/** An empty cell: no figure given. */
const EMPTY = /^(?:-{1,3}|—{1,2}|\/|／|空|未填|未报|)$/;

function cells(line: string): string[] {
  const t = line.trim();
  if (PIPE.test(t)) {
    return t
      .replace(/^[|｜]/, '')
      .replace(/[|｜]$/, '')
      .split(PIPE)
      .map((c) => c.trim());
  }
  if (t.includes('\t')) return t.split(/\t+/).map((c) => c.trim());
  return t.split(/[ \u3000]+/);
}

/** Whether a header cell names a figure: a count keyword in it, or a rate (…率 / 满意度). */
function isFigureName(cell: string): boolean {
  if (cell === '' || cell.length > 14 || /\d/.test(cell)) return false;
  if (/率$|满意度$/.test(cell.replace(/[（(][^）)]*[）)]$/, ''))) return true;
  for (let i = 0; i < cell.length; i++) if (keywordAt(cell, i)) return true;
  return false;
}

/** A header cell that is a plain label (单位, 日期, 名称): its values pass through. */
function isLabel(cell: string): boolean {
  return cell.length > 0 && cell.length <= 8 && !/\d/.test(cell) && matchLexicon(cell, 0)?.kind !== 'zero';
}

function isValue(cell: string): boolean {
  return VALUE.test(cell.replace(/\s+/g, ''));
}

/** Rewrites a header row and its value row; null when they are not one. */
function readRows(header: string[], values: string[]): string | null {
  if (header.length < 2 || header.length !== values.length) return null;
  let figures = 0;
  const parts: string[] = [];
  for (let k = 0; k < header.length; k++) {
    const h = header[k] as string;
    const v = (values[k] as string).trim();
    if (isFigureName(h)) {
      if (EMPTY.test(v)) continue;
      if (!isValue(v)) return null;
      figures++;
      parts.push(`${h}：${v}`);
    } else if (isLabel(h)) {
      if (v !== '' && !EMPTY.test(v)) parts.push(v);
    } else {
      return null;
    }
  }
  return figures >= 2 ? `${parts.join('，')}。` : null;
}

/** A two-column line (受理 | 12, 受理<tab>12) as 受理：12; null when it is not one. */
function readPair(line: string): string | null {
  if (!PIPE.test(line) && !line.includes('\t')) return null;
  const c = cells(line);
  if (c.length !== 2) return null;
  const [name, value] = c as [string, string];
  return isFigureName(name) && (isValue(value) || EMPTY.test(value)) ? `${name}：${value}` : null;
}

/** Whether the text may hold a table (cheap test before splitting it). */
function mayHoldTable(text: string): boolean {
  return (
    text.includes('\n') &&
    (PIPE.test(text) || text.includes('\t') || /[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]/.test(text))
  );
}

/** The text with its tables rewritten as phrases (the same string when it has none). */
export function readTables(text: string): string {
  if (!mayHoldTable(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = cells(line);
    if (header.length >= 2 && header.filter(isFigureName).length >= 2) {
      // The value rows: each next line with as many cells (several rows: one phrase each).
      let j = i + 1;
      while (j < lines.length && RULE.test(lines[j] as string) && (lines[j] as string).trim() !== '') j++;
      const rows: string[] = [];
      while (j < lines.length) {
        const row = readRows(header, cells(lines[j] as string));
        if (row === null) break;
        rows.push(row);
        j++;
      }
      if (rows.length > 0) {
        out.push(...rows);
        changed = true;
        i = j - 1;
        continue;
      }
    }
    const pair = readPair(line);
    if (pair !== null) {
      out.push(pair);
      changed = true;
      continue;
    }
    out.push(line);
  }
  return changed ? out.join('\n') : text;
}

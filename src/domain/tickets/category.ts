/**
 * A ticket's category (问题分类) and address (事发地址) as an export gives them. Platforms write a
 * category's levels in one cell with a separator (城乡建设-物业管理-物业服务, 城乡建设/物业管理,
 * 城乡建设>物业管理) or in columns of their own (一级分类 | 二级分类); either way it is stored as
 * one path joined by `-`, so that its levels can be counted (hotspots, domain/hotspots/).
 */
import { simplified } from './labels.js';

/** The separators between a category's levels. */
const LEVEL_SEPARATOR = /\s*(?:[-－—–/／\\>＞→|｜»]+)\s*/;

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** A category's levels, top first (blanks and empty levels dropped). */
export function categoryLevels(category: string): string[] {
  return category
    .split(LEVEL_SEPARATOR)
    .map((p) => p.replace(/\s+/g, ''))
    .filter((p) => p !== '');
}

/**
 * The category path from the main cell and a second-level cell (either may be empty): levels
 * joined by `-`; the second level is added unless the main cell already names it. Undefined when
 * both are empty.
 */
export function normalizeCategory(main: string, sub = ''): string | undefined {
  const levels = categoryLevels(simplified(main));
  for (const l of categoryLevels(simplified(sub))) if (!levels.includes(l)) levels.push(l);
  return levels.length > 0 ? clip(levels.join('-'), 200) : undefined;
}

/** An address cell: blanks collapsed, 繁體 as 简体 (once the list is known to be in 繁體); undefined when empty. */
export function normalizeAddress(text: string): string | undefined {
  const s = simplified(text.replace(/\s+/g, ' ').trim());
  return s === '' ? undefined : clip(s, 300);
}

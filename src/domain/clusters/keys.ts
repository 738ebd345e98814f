/**
 * Place and problem keys of a ticket, for repeat warnings (issue 18 §1). The title and the first
 * `CONTENT_CHARS` characters of the content are cut into words with jieba (its default dictionary;
 * the place and the problem are told at the start of a ticket, and the rest would only cost time);
 * then:
 * - place: the first community name (…小区 / 社区 / 花园 / 家园 / 苑 / 村), else the first road
 *   (…路 / 街 / 巷 / 大道): the word with that ending and at most two words before it, stopping at
 *   an administrative name (…区 / 县 / 市 / 镇 / 街道), a verb of reporting (反映, 投诉…), digits or
 *   punctuation. A trailing 小区 is dropped (阳光花园小区 = 阳光花园). Buildings (3栋, 5号楼) are not part
 *   of the key: the same problem in two buildings of one community is one place. When the export has
 *   an address (事发地址), a place found in it comes first; the text's is taken only when it names none.
 * - 并单: two tickets of one cluster whose words (all but punctuation, digits included: 3栋 ≠ 5栋) are
 *   nearly the same (`mergeSimilarity` of all their words, Jaccard) repeat one citizen's request. These
 *   words are cut only when a warning is made, for its tickets (mergeWords).
 * - problem: the set of content words left (the place, digits, one-character words and common
 *   complaint words such as 反映 / 长期 / 希望 removed); two tickets have the same problem when the
 *   words they share are at least `similarity` of the shorter set (overlap coefficient), or when the
 *   export gives both the same category (问题分类).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let segmenter: Jieba | null = null;
/**
 * The segmenter, made once, on the first ticket cut (about 0.2 s and 80 MB): a bot that imports no tickets never
 * loads the native module or its dictionary (only dict.txt is read, not the 6 MB idf.txt that dict.js reads too).
 */
function jieba(): Jieba {
  if (segmenter === null) {
    const { Jieba: Segmenter } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    segmenter = Segmenter.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  }
  return segmenter;
}

export function cutWords(text: string): string[] {
  return jieba().cut(text, true);
}

const COMMUNITY = /(小区|社区|花园|家园|苑|村|公寓|新村|大院)$/;
const ROAD = /(路|街|巷|大道|胡同)$/;
const ADMIN = /(省|市|区|县|镇|乡|街道)$/;
const NOT_ADMIN = /(小区|社区|园区|城区|片区|景区)$/;
const NAME_PART = /^[\u4e00-\u9fa5A-Za-z]+$/;
/** Words that open a complaint, never part of a name. */
const LEAD_WORDS = new Set([
  '市民',
  '居民',
  '群众',
  '来电',
  '来电人',
  '人称',
  '反映',
  '投诉',
  '举报',
  '称',
  '位于',
  '在',
  '家住',
  '住',
  '我',
  '我们',
  '本人',
  '诉求',
  '咨询',
  '关于',
  '附近',
  '门口',
  '道路',
]);

/** Common complaint words that say nothing of the problem itself. */
const GENERIC = new Set([
  ...LEAD_WORDS,
  '长期',
  '经常',
  '多次',
  '一直',
  '无人',
  '没有',
  '问题',
  '希望',
  '要求',
  '请求',
  '处理',
  '解决',
  '相关',
  '部门',
  '严重',
  '影响',
  '情况',
  '现在',
  '目前',
  '已经',
  '存在',
  '出现',
  '进行',
  '尽快',
  '马上',
  '至今',
  '仍然',
  '还是',
  '楼下',
  '小区',
  '社区',
  '工单',
  '处置',
  '予以',
  '现场',
]);

function isNameWord(w: string): boolean {
  return NAME_PART.test(w) && !LEAD_WORDS.has(w) && !(ADMIN.test(w) && !NOT_ADMIN.test(w));
}

function nameEndingAt(words: readonly string[], i: number): string {
  const end = words[i] as string;
  let name = end;
  for (let k = i - 1, taken = 0; k >= 0 && taken < 2; k--, taken++) {
    const w = words[k] as string;
    if (!isNameWord(w) || name.length + w.length > 10) break;
    name = w + name;
  }
  // The segmenter's slips: 人民路路灯 cut 人民 / 路路 / 灯 (a road's last character doubled), 市民称翠湖苑 cut 称翠 /
  // 湖苑 (a verb glued to the name's first character).
  name = name.replace(/(路|街|巷)\1$/, '$1');
  if (/^[称说在住于]/.test(name) && name.length >= 4) name = name.slice(1);
  // 阳光花园 + 小区: the next word repeats the kind of place.
  return name.length > end.length || end.length >= 3 ? name.replace(/(.{2,})小区$/, '$1') : '';
}

function firstPlace(words: readonly string[], ending: RegExp, skipAdmin: boolean): string | null {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!NAME_PART.test(w) || !ending.test(w) || LEAD_WORDS.has(w)) continue;
    if (skipAdmin && ADMIN.test(w) && !NOT_ADMIN.test(w)) continue;
    const name = nameEndingAt(words, i);
    if (name.length >= 2 && !/^(小区|社区)$/.test(name)) return name;
  }
  return null;
}

/** The place a ticket's text names (see the module comment), or null when it names none. */
export function placeKeyOfWords(words: readonly string[]): string | null {
  return firstPlace(words, COMMUNITY, true) ?? firstPlace(words, ROAD, true);
}

/**
 * The place as people write it, for the texts: a key without its trailing 小区 (锦绣小区 → 锦绣, so that 锦绣 and
 * 锦绣小区 are one place) gets it back; 阳光花园, 湖滨路 stay as they are.
 */
export function placeLabel(key: string): string {
  return COMMUNITY.test(key) || ROAD.test(key) ? key : `${key}小区`;
}

export function placeKey(text: string): string | null {
  return placeKeyOfWords(cutWords(text));
}

/** A word that may be a problem word, whatever the place (the place's own words are taken out after). */
function mayBeProblemWord(w: string): boolean {
  if (w.length < 2 || /(号楼|栋|幢|单元)$/.test(w) || !NAME_PART.test(w) || GENERIC.has(w)) return false;
  return !(COMMUNITY.test(w) || ROAD.test(w) || (ADMIN.test(w) && !NOT_ADMIN.test(w)));
}

/** Word → the problem words it gives (itself, and its first and last two characters), or null; made once per word. */
const givesCache = new Map<string, readonly string[] | null>();
const GIVES_CACHED = 200_000;

function gives(w: string): readonly string[] | null {
  let g = givesCache.get(w);
  if (g !== undefined) return g;
  g = mayBeProblemWord(w) ? [w, ...(w.length >= 3 ? [w.slice(0, 2), w.slice(-2)].filter(mayBeProblemWord) : [])] : null;
  if (givesCache.size >= GIVES_CACHED) givesCache.clear();
  givesCache.set(w, g);
  return g;
}

/**
 * The problem words of cut words: content words without the place, digits, single characters and generic words; a
 * longer word brings its first and last two characters too (垃圾堆 → 垃圾, 圾堆), so close wording matches.
 */
export function problemWordsOf(words: readonly string[], place: string | null): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const g = gives(w);
    if (g === null || (place !== null && place.includes(w))) continue;
    for (const part of g) if (place === null || !place.includes(part)) out.add(part);
  }
  return [...out].sort();
}

export function problemWords(text: string, place: string | null = placeKey(text)): string[] {
  return problemWordsOf(cutWords(text), place);
}

const WORD = /^[\u4e00-\u9fa5A-Za-z0-9]+$/;

const contentCache = new Map<string, boolean>();

/** Not punctuation, not a word that opens a complaint (made once per word). */
function isContentWord(w: string): boolean {
  let ok = contentCache.get(w);
  if (ok === undefined) {
    ok = WORD.test(w) && !LEAD_WORDS.has(w);
    if (contentCache.size >= GIVES_CACHED) contentCache.clear();
    contentCache.set(w, ok);
  }
  return ok;
}

/** All the words but punctuation and the words that open a complaint: for near-identical texts (并单). */
export function contentWordsOf(words: readonly string[]): string[] {
  return [...new Set(words.filter(isContentWord))].sort();
}

export function contentWords(text: string): string[] {
  return contentWordsOf(cutWords(text));
}

/** Characters of the content that are cut (with the whole title). */
export const CONTENT_CHARS = 200;

/** What a ticket's keys come from; `address` and `category` only when the export has them. */
export interface KeyInput {
  title: string;
  content: string;
  /** 事发地址: a place named here comes before one named in the text. */
  address?: string | null;
  /** 问题分类: two tickets of one place and one category are the same problem, whatever their wording. */
  category?: string | null;
}

export interface TicketKeys {
  place: string | null;
  category: string | null;
  problem: string[];
}

/** A category as compared: inner spaces dropped, null when empty. */
export function categoryKey(category: string | null | undefined): string | null {
  const c = (category ?? '').replace(/\s+/g, '');
  return c === '' ? null : c;
}

/** The text a ticket's keys depend on (one string: unchanged text, unchanged keys). */
export function keySource(t: KeyInput): string {
  return [t.title, t.content.slice(0, CONTENT_CHARS), t.address ?? '', categoryKey(t.category) ?? ''].join('\u0001');
}

const keyedText = (t: KeyInput) => `${t.title} ${t.content.slice(0, CONTENT_CHARS)}`;

/** A ticket's place (its address's first, else its text's), category and problem words, from one cut. */
export function ticketKeys(t: KeyInput): TicketKeys {
  const words = cutWords(keyedText(t));
  const address = (t.address ?? '').trim();
  const place = (address === '' ? null : placeKeyOfWords(cutWords(address))) ?? placeKeyOfWords(words);
  return { place, category: categoryKey(t.category), problem: place === null ? [] : problemWordsOf(words, place) };
}

/** The words of a ticket's keyed text as contentWords has them (unsorted), for 并单: cut for a warning's tickets. */
export function mergeWords(t: KeyInput): Set<string> {
  const out = new Set<string>();
  for (const w of cutWords(keyedText(t))) if (isContentWord(w)) out.add(w);
  return out;
}

/** Shared words over the shorter set (0 when either is empty). */
export function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const small = a.length <= b.length ? a : b;
  const big = new Set(a.length <= b.length ? b : a);
  let shared = 0;
  for (const w of small) if (big.has(w)) shared++;
  return shared / small.length;
}

/** Shared words over all words (Jaccard): near 1 only for near-identical texts. */
export function sameness(a: Iterable<string>, b: Iterable<string>): number {
  const sa = a instanceof Set ? (a as Set<string>) : new Set(a);
  const sb = b instanceof Set ? (b as Set<string>) : new Set(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const w of sb) if (sa.has(w)) shared++;
  return shared / (sa.size + sb.size - shared);
}

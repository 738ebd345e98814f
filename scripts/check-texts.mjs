/**
 * `npm run check` (part): every text a person reads lives in src/domain/texts/. Fails on a
 * zh-CN string literal that reads as a sentence (a Chinese character and one of ，。：！？【)
 * anywhere else in src/, apart from the words the bot reads Chinese with (src/domain/language/,
 * the parsers' vocabularies) and the short allow-list below. Comments are not looked at, nor
 * regular expressions: literals, or strings in the arguments of `new RegExp(…)` (a long one
 * built from parts, see check-lines.mjs).
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { filesUnder, isTsSource } from './lib/walk.mjs';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

/** Folders and files (relative to src/, with /) where such strings belong or are allowed. */
const ALLOWED = [
  // What the bot says.
  'domain/texts/',
  // Words and patterns for reading Chinese: not said to anyone.
  'domain/language/',
  'domain/report/normalize.ts',
  'domain/tickets/title.ts',
];

/** Single strings allowed elsewhere: `file: text` (path under src/, exact literal text). Keep it short. */
const ALLOWED_STRINGS = new Set([]);

export const CJK = /[\u4e00-\u9fff]/;
export const SENTENCE = /[，。：！？【]/;

const walk = (dir) => filesUnder(dir, isTsSource);

const KEYWORDS_BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'case',
  'in',
  'of',
  'else',
  'yield',
  'await',
  'void',
  'delete',
  'throw',
  'new',
  'instanceof',
]);

/**
 * The string and template literals of a TypeScript source (comments and regular expressions
 * skipped), each with its line and literal text (a template's fixed parts only).
 */
export function literals(text) {
  const out = [];
  let i = 0;
  let line = 1;
  let prev = ''; // the last significant token (a char, or a word)
  let parens = 0;
  const regexCalls = []; // the paren depths of the open `RegExp(` calls: their strings are patterns
  const n = text.length;
  const count = (from, to) => {
    for (let k = from; k < to; k++) if (text[k] === '\n') line++;
  };
  const isWord = (c) => /[\w$\u00a0-\uffff]/.test(c);
  const regexAllowed = () =>
    prev === '' || /^[(,=:[!&|?{};+\-*%<>~^]$/.test(prev) || KEYWORDS_BEFORE_REGEX.has(prev) || prev === '=>';
  function quoted(q) {
    const start = i;
    const startLine = line;
    i++;
    let val = '';
    while (i < n && text[i] !== q) {
      if (text[i] === '\\') {
        val += text[i + 1];
        i += 2;
        continue;
      }
      if (text[i] === '\n') break;
      val += text[i++];
    }
    i++;
    if (regexCalls.length === 0)
      out.push({ line: startLine, text: val, source: text.slice(start, Math.min(i, start + 80)) });
    prev = 'str';
  }
  function template() {
    const start = i;
    const startLine = line;
    i++;
    let val = '';
    while (i < n && text[i] !== '`') {
      if (text[i] === '\\') {
        val += text[i + 1];
        i += 2;
        continue;
      }
      if (text[i] === '$' && text[i + 1] === '{') {
        i += 2;
        val += '\u0000';
        code(true);
        i++; // the closing }
        continue;
      }
      if (text[i] === '\n') line++;
      val += text[i++];
    }
    i++;
    if (regexCalls.length === 0)
      out.push({ line: startLine, text: val, source: text.slice(start, Math.min(i, start + 80)).split('\n')[0] });
    prev = 'str';
  }
  function regex() {
    i++;
    let cls = false;
    while (i < n) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') break;
      if (cls) {
        if (c === ']') cls = false;
      } else if (c === '[') cls = true;
      else if (c === '/') break;
      i++;
    }
    i++;
    while (i < n && /[a-z]/i.test(text[i])) i++;
    prev = 'regex';
  }
  /** Lexes code; inside a template substitution, stops at its closing brace. */
  function code(inSubstitution) {
    let depth = 0;
    while (i < n) {
      const c = text[i];
      const d = text[i + 1];
      if (c === '\n') {
        line++;
        i++;
        continue;
      }
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (c === '/' && d === '/') {
        while (i < n && text[i] !== '\n') i++;
        continue;
      }
      if (c === '/' && d === '*') {
        const e = text.indexOf('*/', i + 2);
        const end = e < 0 ? n : e + 2;
        count(i, end);
        i = end;
        continue;
      }
      if (c === "'" || c === '"') {
        quoted(c);
        continue;
      }
      if (c === '`') {
        template();
        continue;
      }
      if (c === '/' && regexAllowed()) {
        regex();
        continue;
      }
      if (c === '(') {
        parens++;
        if (prev === 'RegExp') regexCalls.push(parens);
      }
      if (c === ')') {
        if (regexCalls.at(-1) === parens) regexCalls.pop();
        parens--;
      }
      if (c === '{') depth++;
      if (c === '}') {
        if (inSubstitution && depth === 0) return;
        depth--;
      }
      if (isWord(c)) {
        let w = '';
        while (i < n && isWord(text[i])) w += text[i++];
        prev = w;
        continue;
      }
      if (c === '=' && d === '>') {
        prev = '=>';
        i += 2;
        continue;
      }
      prev = c;
      i++;
    }
  }
  code(false);
  return out;
}

/** Every zh-CN sentence outside the allowed places, as `src/<file>:<line>: <source>`. */
export function strayTexts() {
  const problems = [];
  let files = 0;
  for (const file of walk(src)) {
    const rel = relative(src, file).split(sep).join('/');
    if (ALLOWED.some((a) => (a.endsWith('/') ? rel.startsWith(a) : rel === a))) continue;
    files++;
    for (const l of literals(readFileSync(file, 'utf8'))) {
      if (CJK.test(l.text) && SENTENCE.test(l.text) && !ALLOWED_STRINGS.has(`${rel}: ${l.text}`))
        problems.push(`src/${rel}:${l.line}: ${l.source}`);
    }
  }
  return { problems, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { problems, files } = strayTexts();
  if (problems.length) {
    console.error(
      `texts: ${problems.length} zh-CN sentence(s) outside src/domain/texts/ (move them there, see ` +
        `scripts/check-texts.mjs):\n  ${problems.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`texts: ${files} files checked, every zh-CN sentence is in src/domain/texts/`);
}

import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { CJK, literals, SENTENCE, strayTexts } from '../scripts/check-texts.mjs';

const sentences = (code: string): string[] =>
  (literals(code) as Array<{ text: string }>).map((l) => l.text).filter((t) => CJK.test(t) && SENTENCE.test(t));

describe('scripts/check-texts.mjs (every zh-CN sentence in src/domain/texts/)', () => {
  it('finds sentences in strings and templates, not in comments or regular expressions', () => {
    const code = [
      '// 注释里的句子，不算。',
      '/* 块注释：也不算。 */',
      'const re = /^转办[\\s:：，,]*/;',
      "const a = x.replace(/[，。]/g, '');",
      "const b = '单词';",
      "const c = '您好，这是一句话。';",
      'const d = `共${n}件，其中${m}件超期`;',
      'const e = `外层${f(`内层：${x}`)}`;',
      "const g = n / 2; const h = '第二句：在除号之后';",
      "const r = new RegExp('一句，' + String.raw`转发：\\s*`, 'g');",
    ].join('\n');
    expect(sentences(code)).toEqual(
      ['您好，这是一句话。', '共\u0000件，其中\u0000件超期', '内层：\u0000', '外层\u0000', '第二句：在除号之后'].filter(
        (t) => SENTENCE.test(t),
      ),
    );
  });

  it('src/ has none outside the allowed places', () => {
    expect(strayTexts().problems).toEqual([]);
  });
});

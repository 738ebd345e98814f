/** The cards' CJK font comes from npm (no system font) and is cut to the characters drawn. */
import { existsSync, statSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CJK_FONT_FAMILY, cardFontFiles, cjkFontFiles, svgToPng } from '../src/render/png.js';

const svgOf = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="60" font-family="${CJK_FONT_FAMILY}"><rect ` +
  `width="420" height="60" fill="#fff"/><text x="10" y="40" font-size="28">${text}</text></svg>`;

const inWholeFont = async (svg: string) =>
  (
    await renderAsync(svg, {
      font: { fontFiles: cjkFontFiles(), loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY },
      background: '#ffffff',
    })
  ).asPng();

describe('the card font', () => {
  it('is installed by npm install: OpenType files of the regular and bold weights', () => {
    const files = cjkFontFiles();
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(existsSync(f)).toBe(true);
      expect(f).toMatch(/\.otf$/);
      expect(statSync(f).size).toBeGreaterThan(1_000_000);
    }
  });

  it(
    'a cut draws exactly what the whole font draws, also for characters first seen later (rare place names, ' +
      'full-width marks)',
    async () => {
      for (const text of ['区住建局 受理12件（98.5%）', '濠江街道·滘口镇：办结3件', '鄞州区 亳州路 €100 — 完']) {
        const svg = svgOf(text);
        expect((await svgToPng(svg)).equals(await inWholeFont(svg))).toBe(true);
      }
    },
  );

  it('grows only when a card has new characters, and its files are small', async () => {
    const a = await cardFontFiles(svgOf('城东街道今日受理5件'));
    const b = await cardFontFiles(svgOf('今日受理'));
    expect(b).toEqual(a); // nothing new: the same cut
    const c = await cardFontFiles(svgOf('罍街道'));
    expect(c).not.toEqual(a);
    for (const f of c) expect(statSync(f).size).toBeLessThan(500_000);
    expect(await cardFontFiles(svgOf('城东街道 罍'))).toEqual(c);
  });
});

/**
 * SVG → PNG with resvg and a CJK font shipped as an npm dependency (Noto Sans SC, SIL OFL 1.1,
 * from @embedpdf/fonts-sc): no browser, no system font scan, nothing to install beyond
 * `npm install`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type * as Echarts from 'echarts';

/** ECharts takes ~1.6 s to load: only when a card is first drawn, not at every start. */
let echartsModule: typeof Echarts | undefined;
function echarts(): typeof Echarts {
  echartsModule ??= createRequire(import.meta.url)('echarts') as typeof Echarts;
  return echartsModule;
}

/** The family name inside the font files (Noto Sans CJK SC, the GB2312 "Hans" cut). */
export const CJK_FONT_FAMILY = 'Noto Sans S Chinese';

/** The regular and bold font files (OpenType/CFF, which resvg reads; not woff2). */
export function cjkFontFiles(): string[] {
  // The package exports only its index (dist/index.js): the fonts are beside dist/.
  const dir = join(dirname(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc'))), 'fonts');
  return ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'].map((f) => join(dir, f));
}

/** XML-escapes text for an SVG text node or attribute. */
export const xml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/**
 * An ECharts option rendered server-side to an SVG string (SSR, no animation). The chart is
 * always disposed, even when rendering throws.
 */
export function chartSvg(option: Echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CJK_FONT_FAMILY }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Always in a cut font: printable ASCII and the usual full-width punctuation. */
const BASE_CHARS =
  `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')}，。、：；！？（）` +
  `【】《》“”‘’·—…％～／＋－＝`;

/** Every character an SVG may draw (its markup too: extra characters only cost a few bytes). */
function charsOf(svg: string): Set<string> {
  const decoded = svg.replace(/&#(x?)([0-9a-f]+);/gi, (_, x: string, n: string) =>
    String.fromCodePoint(Number.parseInt(n, x ? 16 : 10)),
  );
  return new Set(decoded);
}

/** The current cut: the characters it holds and its files (one per weight). */
let cut: { chars: Set<string>; files: string[] } | undefined;

/**
 * The font files cut to the characters the cards have drawn so far (hb-subset, ~20 ms; the
 * first cut in a process also loads its WebAssembly, ~0.25 s). A card in the whole 8 MB Noto
 * font takes ~1–2 s to lay out; in a cut of a few hundred characters ~0.1 s. The cut only grows
 * (the union of every card's characters), so after a few cards it no longer changes; its files
 * are named by content under the temp folder and reused by later processes. If cutting fails,
 * the whole fonts.
 */
export async function cardFontFiles(svg: string, full = cjkFontFiles()): Promise<string[]> {
  const need = charsOf(svg);
  const have = cut;
  if (have && [...need].every((c) => have.chars.has(c))) return have.files;
  try {
    const { default: subsetFont } = await import('subset-font');
    const chars = new Set([...BASE_CHARS, ...(have?.chars ?? []), ...need]);
    const text = [...chars].sort().join('');
    const hash = createHash('sha256').update(full.join('|')).update(text).digest('hex').slice(0, 16);
    const dir = join(tmpdir(), 'duban-card-fonts');
    mkdirSync(dir, { recursive: true });
    const files = await Promise.all(
      full.map(async (f) => {
        const out = join(dir, `${basename(f).replace(/\.[^.]+$/, '')}-${hash}.otf`);
        if (!existsSync(out)) {
          const tmp = `${out}.${process.pid}.tmp`;
          await writeFile(tmp, await subsetFont(await readFile(f), text, { targetFormat: 'sfnt' }));
          await rename(tmp, out);
        }
        return out;
      }),
    );
    cut = { chars, files };
    return files;
  } catch {
    return full;
  }
}

/**
 * Rasterises an SVG off the event loop, in the CJK font cut to its characters. Yields between
 * renders: resvg-js leaks in a tight synchronous loop.
 */
export async function svgToPng(svg: string, fonts = cjkFontFiles()): Promise<Buffer> {
  const missing = fonts.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`CJK font missing: ${missing.join(', ')} (npm install)`);
  const fontFiles = await cardFontFiles(svg, fonts);
  await yieldTurn();
  // resvg's native module (~5 MB resident) is loaded with the first card, not at every start.
  const { renderAsync } = await import('@resvg/resvg-js');
  // On libuv's thread pool: laying out the text takes ~0.1 s, which must not stall the bot's queues.
  const image = await renderAsync(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY },
    background: '#ffffff',
  });
  const png = image.asPng();
  await yieldTurn();
  return png;
}

/** A nested <svg> placed at (x, y): ECharts' own SVG as a part of a card. */
export function place(svg: string, x: number, y: number): string {
  return svg.replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
}

/** A card: the parts on a white page `width` wide and `height` high, in the CJK font. */
export function cardSvg(width: number, height: number, parts: readonly string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${CJK_FONT_FAMILY}"><rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join('')}` +
    `</svg>`
  );
}

/** SVG → PNG with resvg and the CJK font the Dockerfile installs (no browser, no system font scan). */
import { existsSync } from 'node:fs';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import type * as Echarts from 'echarts';

/** ECharts takes ~1.6 s to load: only when a card is first drawn, not at every start. */
let echartsModule: typeof Echarts | undefined;
function echarts(): typeof Echarts {
  echartsModule ??= createRequire(import.meta.url)('echarts') as typeof Echarts;
  return echartsModule;
}

export const CJK_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const CJK_FONT_FAMILY = 'WenQuanYi Micro Hei';

/** XML-escapes text for an SVG text node or attribute. */
export const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

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

/**
 * Rasterises an SVG off the event loop. Yields between renders: resvg-js leaks in a tight
 * synchronous loop.
 */
export async function svgToPng(svg: string, fontFile = CJK_FONT_FILE): Promise<Buffer> {
  if (!existsSync(fontFile)) throw new Error(`CJK font missing: ${fontFile} (apt-get install fonts-wqy-microhei)`);
  await yieldTurn();
  // On libuv's thread pool: loading the 5 MB font and laying out the text take ~0.4 s, which
  // must not stall the bot's queues.
  const image = await renderAsync(svg, {
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: CJK_FONT_FAMILY },
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

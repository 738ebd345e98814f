/** CJK bigrams of a text (each pair of adjacent Chinese characters): what topic and title matches count. */
export function cjkBigrams(text: string): Set<string> {
  const out = new Set<string>();
  const cjk = text
    .replace(/[^\u4e00-\u9fa5]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  for (const run of cjk) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

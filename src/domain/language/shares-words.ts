/** Whether a message repeats four characters in a row of a title (pure; blanks ignored). */
export function sharesWords(title: string, text: string, run = 4): boolean {
  const t = title.replace(/\s+/g, '');
  for (let i = 0; i + run <= t.length; i++) if (text.includes(t.slice(i, i + run))) return true;
  return false;
}

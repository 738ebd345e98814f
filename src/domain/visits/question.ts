/**
 * A leader's or supervisor's short question about 四个必到 as a whole (必到走访情况, 四个必到情况,
 * 还有多少必到没走访？), not about one item (V7 进展如何 is the visit handler's) nor an instruction.
 */
const ABOUT = /必到/;
const ASKS = /情况|进展|进度|多少|几[个项件]|哪些|怎么样|如何|统计|汇总|[?？]|^\s*(?:四个)?必到\s*$/;

/** Words of an instruction (请住建局落实四个必到要求…): that is a dispatch, not a question. */
const INSTRUCTS = /请|落实|要求|务必|督促|抓紧|报我|报送|反馈/;

export function isVisitsQuestion(text: string): boolean {
  const t = text.trim();
  return t.length <= 40 && ABOUT.test(t) && ASKS.test(t) && !INSTRUCTS.test(t) && !/(?<![A-Za-z])V\d/i.test(t);
}

/**
 * A 我的待办-like question that is about 四个必到 (必到 / 走访 / 上门), or a question about them as a whole: answered
 * with the district's owed visits rather than the asker's own items (`isVisitsQuestion` needs 必到: this covers it).
 */
export const asksAboutVisits = (text: string): boolean => /必到|走访|上门/.test(text);

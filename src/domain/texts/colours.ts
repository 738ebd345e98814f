/**
 * 三色督办 marks, in words as a 督办台账 writes them (no emoji: they print and read the same on every client,
 * and the office's ledgers and notices use the words). A message about one ticket or dispatch opens with its
 * mark; a list line ends with it.
 */
import type { Colour } from '../tickets/colour.js';

export const COLOUR_LABEL: Record<Colour, string> = { blue: '蓝色提醒', yellow: '黄色预警', red: '红色督办' };
export const COLOUR_MARK: Record<Colour, string> = {
  blue: `【${COLOUR_LABEL.blue}】`,
  yellow: `【${COLOUR_LABEL.yellow}】`,
  red: `【${COLOUR_LABEL.red}】`,
};

/** The mark of a colour, '' for none. */
export const mark = (c: Colour | null | undefined): string => (c ? COLOUR_MARK[c] : '');

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

/**
 * A reminder's one heading: the colour's words where it has one (【蓝色提醒 D1】, 【黄色预警 SP2】: the step is the
 * reminder), else the reminder's own label (【调度提醒 D1】). Never two labels stacked (【蓝色提醒】【调度提醒 D1】).
 */
export const reminderHeading = (c: Colour | null | undefined, label: string, code: string): string =>
  `【${c ? COLOUR_LABEL[c] : label} ${code}】`;

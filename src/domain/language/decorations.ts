/**
 * Decorations people put around phone-typed text: emoji (ZWJ sequences, skin tones, keycaps,
 * flags, variation selectors), WeChat's bracket emoticons ([强] [抱拳] [玫瑰]), bullets and
 * arrows (✅ ☑️ ✔️ ❌ 👉 📌 ★ ☆ ● ■ ◆ →), circled list numbers (① ❶ ⑴ ⒈). They carry no
 * meaning for the bot. Pure functions.
 */

/** WeChat's built-in emoticons as they arrive in text (the common ones; names are stable). */
const WECHAT_EMOTICONS = [
  '微笑',
  '撇嘴',
  '色',
  '发呆',
  '得意',
  '流泪',
  '害羞',
  '闭嘴',
  '睡',
  '大哭',
  '尴尬',
  '发怒',
  '调皮',
  '呲牙',
  '惊讶',
  '难过',
  '酷',
  '冷汗',
  '抓狂',
  '吐',
  '偷笑',
  '愉快',
  '白眼',
  '傲慢',
  '饥饿',
  '困',
  '惊恐',
  '流汗',
  '憨笑',
  '悠闲',
  '奋斗',
  '咒骂',
  '疑问',
  '嘘',
  '晕',
  '疯了',
  '衰',
  '骷髅',
  '敲打',
  '再见',
  '擦汗',
  '抠鼻',
  '鼓掌',
  '糗大了',
  '坏笑',
  '左哼哼',
  '右哼哼',
  '哈欠',
  '鄙视',
  '委屈',
  '快哭了',
  '阴险',
  '亲亲',
  '吓',
  '可怜',
  '菜刀',
  '西瓜',
  '啤酒',
  '篮球',
  '乒乓',
  '咖啡',
  '饭',
  '猪头',
  '玫瑰',
  '凋谢',
  '嘴唇',
  '爱心',
  '心碎',
  '蛋糕',
  '闪电',
  '炸弹',
  '刀',
  '足球',
  '瓢虫',
  '便便',
  '月亮',
  '太阳',
  '礼物',
  '拥抱',
  '强',
  '弱',
  '握手',
  '胜利',
  '抱拳',
  '勾引',
  '拳头',
  '差劲',
  '爱你',
  'NO',
  'OK',
  'ok',
  '爱情',
  '飞吻',
  '跳跳',
  '发抖',
  '怄火',
  '转圈',
  '磕头',
  '回头',
  '跳绳',
  '投降',
  '激动',
  '乱舞',
  '献吻',
  '左太极',
  '右太极',
  '嘿哈',
  '捂脸',
  '奸笑',
  '机智',
  '皱眉',
  '耶',
  '吃瓜',
  '加油',
  '汗',
  '天啊',
  'Emm',
  '社会社会',
  '旺柴',
  '好的',
  '打脸',
  '哇',
  '翻白眼',
  '666',
  '让我看看',
  '叹气',
  '苦涩',
  '裂开',
  '合十',
  '破涕为笑',
  '庆祝',
  '红包',
  '發',
  '福',
  '烟花',
  '爆竹',
  '鞭炮',
  '点赞',
  '比心',
  '好',
  '赞',
  '心',
  '笑脸',
  '生病',
  '脸红',
  '恐惧',
  '失望',
  '无语',
  '哈哈',
  '呆',
  '蜡烛',
  'Yeah!',
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const EMOTICON = `\\[(?:${[...WECHAT_EMOTICONS]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|')})\\]`;
/** Keycap digits (1️⃣), emoji with their modifiers and joiners, flags and tag sequences. */
const EMOJI =
  '[0-9#*]\\uFE0F?\\u20E3|[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u200D\\uFE0E\\' +
  'uFE0F\\u20E3\\u{E0020}-\\u{E007F}]';
/**
 * Symbols used as bullets, stars, arrows and list numbers: arrows, bullets, ※, enclosed
 * alphanumerics (① ⑴ ⒈), geometric shapes (● ■ ◆ ▶), miscellaneous symbols and dingbats (★ ✔ ❶ ➤),
 * circled numbers 21–50.
 */
const SYMBOL =
  '[\\u2190-\\u21FF\\u221A\\u2022\\u2023\\u2043\\u2219\\u203B\\u2460-\\u24FF\\u25A0-\\u25FF\\u2600-\\u27BF\\u2B' +
  '00-\\u2BFF\\u3251-\\u325F\\u32B1-\\u32BF]';

/** Arrows between a label and its value (受理→8件) read as a colon. */
const ARROW = /^[ \t]*[\u2190-\u21FF\u2794-\u27BF\u2B05-\u2B07\u27A1\uFE0F]+[ \t]*$/u;

const RUN = new RegExp(`(?:[ \\t]*(?:${EMOTICON}|${EMOJI}|${SYMBOL}))+[ \\t]*`, 'gu');
const ANY = new RegExp(`${EMOTICON}|${EMOJI}|${SYMBOL}`, 'u');

/** Whether the text has any decoration (cheap test before the rewrite). */
export function hasDecorations(text: string): boolean {
  return ANY.test(text);
}

/**
 * Removes decorations: a run of them at the start or end of a line goes; one between words
 * becomes `sep` (a bullet the report tokenizer reads as a break, by default), so
 * `受理6件✅办结5件` keeps its two clauses; arrows alone become a colon (受理→8件).
 */
export function stripDecorations(text: string, sep = '•'): string {
  if (!hasDecorations(text)) return text;
  return text.replace(RUN, (run, offset: number, whole: string) => {
    const before = whole[offset - 1];
    const after = whole[offset + run.length];
    if (before === undefined || after === undefined || before === '\n' || after === '\n' || after === '\r') return '';
    return ARROW.test(run) ? '：' : sep;
  });
}

/**
 * Spaces between two Chinese characters are typing noise (城东街道 尚未反馈, 受 理); the space
 * that ends an @-mention (@王副主任 湖滨路…) is kept.
 */
export function dropCjkSpaces(text: string): string {
  // One pass over the runs of blanks (a look-behind tried at every character cost 40 steps each).
  return text.replace(BLANKS, (run: string, at: number, whole: string) => {
    if (!CJK.test(whole[at - 1] ?? '') || !CJK.test(whole[at + run.length] ?? '')) return run;
    return endsMention(whole, at) ? run : '';
  });
}

const BLANKS = /[ \t\u00a0\u3000]+/g;
const CJK = /^[\u4e00-\u9fff]$/;

/** Whether the word ending at `at` is an @-mention (an @ within 41 characters, no blank or @ between). */
function endsMention(s: string, at: number): boolean {
  for (let k = at - 1; k >= 0 && at - k <= 41; k--) {
    const c = s[k] as string;
    if (c === '@') return true;
    if (/\s/.test(c)) return false;
  }
  return false;
}

/**
 * The pure parts of repeat warnings at a backlog's import (issue 18 §1): long lists packed into messages of at most
 * 1,500 characters, a unit's list with its 并单 pairs, one cluster's detail, and what reads as asking to see one.
 */
import { describe, expect, it } from 'vitest';
import { clustersSchema } from '../src/config/schema.js';
import { parseDetail, parseDismiss } from '../src/domain/clusters/commands.js';
import { packLines } from '../src/domain/message-parts.js';
import {
  type ClusterWarning,
  clusterDetailText,
  clusterDigestGroupText,
  clusterDigestUnitText,
} from '../src/domain/texts/clusters.js';

const chars = (s: string) => [...s].length;
const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('packLines', () => {
  const limits = { maxChars: 20, maxBytes: 1000 };

  it('whole lines, in order, each part within the limit, the later ones opened by the continuation line', () => {
    const lines = ['一二三四五', '六七八九十', '甲乙丙丁戊', '己庚辛壬癸'];
    // Two parts as even as they come, not three lines and a lone last one.
    expect(packLines(lines, '（续）', limits)).toEqual(['一二三四五\n六七八九十', '（续）\n甲乙丙丁戊\n己庚辛壬癸']);
  });

  it('a short text is one part, untouched', () => {
    expect(packLines(['短', '文'], '（续）', limits)).toEqual(['短\n文']);
  });

  it('a line longer than a part goes alone, uncut', () => {
    const long = '长'.repeat(30);
    expect(packLines(['开头', long, '结尾'], '（续）', limits)).toEqual(['开头', `（续）\n${long}`, '（续）\n结尾']);
  });

  it('a heading is not left last: it goes on with the line it introduces', () => {
    const lines = ['一二三四五六七', '小标题：', '甲乙丙丁戊己庚辛'];
    expect(packLines(lines, '（续）', limits, (i) => i === 1)).toEqual([
      '一二三四五六七',
      '（续）\n小标题：\n甲乙丙丁戊己庚辛',
    ]);
  });

  it('bytes count too (WeCom cuts at 4,096 bytes)', () => {
    const parts = packLines(['一二三', '四五六', '七八九'], '续', { maxChars: 100, maxBytes: 20 });
    expect(parts).toEqual(['一二三\n四五六', '续\n七八九']);
    for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(20);
  });
});

const warning = (k: number, size: number, pairs = 0): ClusterWarning => {
  const numbers = Array.from({ length: size }, (_, i) => `20261101${String(k * 100 + i).padStart(5, '0')}`);
  return {
    code: `C${k}`,
    place: `第${k}号花园`,
    unitName: '区住房和城乡建设局',
    earlier: [],
    added: numbers,
    firstDay: '10月3日',
    lastDay: '11月28日',
    windowDays: 30,
    dismissed: false,
    unitTickets: size,
    mergePairs: Array.from({ length: pairs }, (_, i) => [numbers[0] as string, numbers[i + 1] as string] as const),
  };
};

describe("a unit's list", () => {
  const own = Array.from({ length: 40 }, (_, k) => warning(k + 1, 40 - k, k < 12 ? 1 : 0));
  const parts = clusterDigestUnitText(own, [], '城东街道');

  it('several messages of at most 1,500 characters (and 4,000 bytes), each after the first saying it goes on', () => {
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(chars(p)).toBeLessThanOrEqual(1500);
      expect(bytes(p)).toBeLessThanOrEqual(4000);
    }
    expect(parts[0]?.split('\n')[0]).toBe(
      '【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求涉及贵单位40处，按件数排列如下：',
    );
    for (const p of parts.slice(1)) expect(p.startsWith('【重复诉求预警】（续上条）\n')).toBe(true);
  });

  it('every cluster once, numbered on across the messages; a line per 并单 pair; what is asked last', () => {
    const lines = parts.flatMap((p) => p.split('\n'));
    const listed = lines.filter((l) => /^\d+\. C\d+ /.test(l));
    expect(listed.map((l) => l.split(' ')[1])).toEqual(own.map((w) => w.code));
    expect(listed.map((l) => Number(l.split('.')[0]))).toEqual(own.map((_, i) => i + 1));
    expect(listed[0]).toBe(
      '1. C1 第1号花园同类诉求40件（10月3日至11月28日），工单2026110100100、2026110100101、2026110100102等',
    );
    expect(lines.filter((l) => /^\d{13}与\d{13}（C\d+）$/.test(l))).toHaveLength(12);
    expect(lines.at(-1)).toBe(
      '请贵单位举一反三、统筹研判，逐处从源头解决，避免群众再次投诉。' +
        '如需查看某处的全部工单，请回复“查看”加编号，如“查看 C1”。',
    );
    // The 并单 heading is never left at the end of a message without its pairs.
    for (const p of parts) expect(p.split('\n').at(-1)).not.toMatch(/并单：$/);
  });

  it('a grown cluster: the new numbers, and how many of them; a dismissed one says so', () => {
    const grown = { ...warning(7, 9), earlier: ['2026110100700', '2026110100701'], unitTickets: 5 };
    grown.added = ['2026112000001', '2026112000002', '2026112000003', '2026112000004'];
    const dismissed = { ...grown, code: 'C8', dismissed: true };
    const [text] = clusterDigestUnitText([grown, dismissed], [], '城东街道');
    expect(text).toContain(
      '1. C7 第7号花园同类诉求新增4件，累计6件（10月3日至11月28日），其中贵单位承办5件，' +
        '新增工单2026112000001、2026112000002、2026112000003等',
    );
    expect(text).toContain('2. C8 第7号花园同类诉求忽略后又新增4件，累计6件');
  });
});

describe("the group's list", () => {
  const all = Array.from({ length: 25 }, (_, k) => warning(k + 1, 30 - k));

  it('the largest `listed`, then how many more, and that each unit has its own', () => {
    const [text, ...more] = clusterDigestGroupText({ all, listed: 10, unitsTold: true, streetsTold: false });
    expect(more).toEqual([]);
    const lines = text?.split('\n') ?? [];
    expect(lines[0]).toBe('【重复诉求预警】本次导入的工单中，新发现或扩大的重复诉求共25处，以下列出件数最多的10处：');
    expect(lines.filter((l) => /^\d+\. C\d+ /.test(l))).toHaveLength(10);
    expect(lines).toContain('另有15处未列出。各承办单位均已分别收到各自涉及的预警。');
  });

  it('a unit nobody on the roster answers for: no claim that every unit was told', () => {
    const [text] = clusterDigestGroupText({ all, listed: 10, unitsTold: false, streetsTold: true });
    expect(text).toContain('另有15处未列出。\n');
    expect(text).not.toContain('均已分别收到');
  });
});

describe('one cluster whole (查看 C12)', () => {
  const tickets = Array.from({ length: 34 }, (_, i) => ({
    number: `20261101${String(i).padStart(5, '0')}`,
    day: i < 30 ? `11月${i + 1}日` : `12月${i - 29}日`,
    title: i === 33 ? '小区北门外垃圾清运站夜间作业噪音扰民及垃圾渗滤液外溢污染路面问题' : '垃圾清运不及时',
  }));
  const parts = clusterDetailText({
    code: 'C12',
    place: '阳光花园',
    total: 34,
    firstDay: '11月1日',
    lastDay: '12月4日',
    units: [
      ['区城市管理局', 30],
      ['区住房和城乡建设局', 4],
    ],
    streets: ['城东街道', '城西街道'],
    tickets,
    mergePairs: [['2026110100000', '2026110100003']],
    dismissedAt: 5,
  });
  const lines = parts.flatMap((p) => p.split('\n'));

  it('the units with their counts, the streets; the latest 30 tickets with day and title; 并单; the dismissal', () => {
    expect(lines[0]).toBe(
      '【重复诉求预警 C12】阳光花园同类诉求34件（11月1日至12月4日），' +
        '承办单位：区城市管理局30件、区住房和城乡建设局4件；属地：城东街道、城西街道。',
    );
    expect(lines[1]).toBe('以下为最近30件：');
    const listed = lines.filter((l) => /^\d+\. \d{13}/.test(l));
    expect(listed).toHaveLength(30);
    expect(listed[0]).toBe('1. 2026110100004（11月5日）垃圾清运不及时');
    expect(listed.at(-1)).toBe('30. 2026110100033（12月4日）小区北门外垃圾清运站夜间作业噪音扰民及垃圾渗滤液…');
    expect(lines).toContain(
      '其中2026110100003与2026110100000诉求内容基本相同，疑为同一群众重复来电，建议核实后按规定并单。',
    );
    expect(lines.at(-1)).toBe('督导专班曾于累计5件时忽略该预警。');
  });

  it('in messages of at most 1,500 characters, the later ones saying they go on', () => {
    for (const p of parts) expect(chars(p)).toBeLessThanOrEqual(1500);
    for (const p of parts.slice(1)) expect(p.startsWith('【重复诉求预警 C12】（续上条）\n')).toBe(true);
  });
});

describe('asking to see a warning', () => {
  it.each([
    ['C12', 'C12'],
    ['c12', 'C12'],
    ['C 12', 'C12'],
    ['Ｃ１２', 'C12'],
    ['查看 C12', 'C12'],
    ['查看C12。', 'C12'],
    ['预警 C12', 'C12'],
    ['查看预警C12', 'C12'],
    ['C12详情', 'C12'],
    ['C12 的详情？', 'C12'],
    ['看一下c12的工单？', 'C12'],
    ['C1是怎么回事', 'C1'],
    ['c3什么情况？', 'C3'],
    ['C2 怎么回事', 'C2'],
    ['预警C4是哪里', 'C4'],
    ['预警C12是哪些工单？', 'C12'],
    ['请发一下C5的全部工单', 'C5'],
    ['麻烦查一下C3的具体情况', 'C3'],
    ['C7预警明细', 'C7'],
  ])('%s → %s', (text, code) => {
    expect(parseDetail(text)).toBe(code);
  });

  it.each([
    '忽略 C12',
    'C12 忽略',
    '忽略预警C12。',
    'C3 已安排执法队员整治',
    'C3已整改完毕',
    'SP3',
    'D12',
    '调度进展 D12',
    'V7 已上门',
    '同意 TB001',
    '查看 D12',
    'ABC12',
    '预警',
    '查看',
    '2026110100101',
  ])('%s: not a request to see one', (text) => {
    expect(parseDetail(text)).toBeNull();
  });

  it('dismissing is still read as before', () => {
    expect(parseDismiss('忽略 C12')).toBe('C12');
    expect(parseDismiss('查看 C12')).toBeNull();
  });
});

it('the defaults: detailed up to 3 warnings an import, 10 listed in the group', () => {
  const c = clustersSchema.parse({});
  expect([c.maxDetailed, c.maxListedInGroup]).toEqual([1, 10]);
});

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

/**
 * Bad input through the whole pipeline (Wechaty + mock puppet + inbound queue + router +
 * handlers + outbox): random, huge (1 MB) and malformed text from every kind of roster person
 * and from a stranger, in the group and privately; broken files sent to the importer. No crash,
 * at most a short zh-CN answer per message, and normal work still answered afterwards.
 * The parsers themselves are fuzzed in report-fuzz / dispatch-fuzz tests.
 */

const SENDERS = [
  'wxid_leader_li',
  'wxid_sup_liu',
  'wxid_disc_zhao',
  'wxid_zhujian_zhang',
  'wxid_zhujian_xu',
  'wxid_hubin_you',
  'wxid_stranger',
];
const PIECES = [
  '区住建局',
  '城管局',
  '湖滨街道',
  '今日受理',
  '办结',
  '在办',
  '件',
  '超期',
  '满意率',
  '%',
  '更正',
  '转办',
  '同意',
  '不同意',
  '收到',
  '已办结',
  '签收',
  '帮助',
  '@张局长',
  '@尤主任',
  'TB001',
  'D1',
  'A001',
  '请',
  '明天',
  '下午5点前',
  '三个工作日内',
  '反馈',
  '，',
  '。',
  '：',
  '\n',
  ' ',
  '\u2005',
  '\u200b',
  '\u202e',
  '０１２３',
  '一二三',
  '十二',
  '-5',
  '99999999999999999999',
  '1e309',
  'NaN',
  '【',
  '】',
  '（',
  '）',
  '"',
  "'",
  '\\',
  '<script>',
  '${x}',
  '%s',
  '🙂',
  '👍🏻',
  '\t',
  '\r\n',
  'DROP TABLE tickets;',
  "'; --",
];

function randomText(r: () => number): string {
  const kind = r();
  if (kind < 0.5) {
    // Pieces of real commands glued together at random.
    return Array.from({ length: 1 + Math.floor(r() * 14) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
  }
  if (kind < 0.8) {
    // Random code points: ASCII, CJK, punctuation, emoji (no lone surrogates).
    return Array.from({ length: 1 + Math.floor(r() * 80) }, () => {
      const b = r();
      const cp =
        b < 0.3
          ? 0x20 + Math.floor(r() * 0x5f)
          : b < 0.7
            ? 0x4e00 + Math.floor(r() * 0x51a5)
            : b < 0.85
              ? 0x3000 + Math.floor(r() * 0x40)
              : b < 0.95
                ? 0x1f300 + Math.floor(r() * 0x200)
                : 1 + Math.floor(r() * 0x1f);
      return String.fromCodePoint(cp);
    }).join('');
  }
  // Malformed figures and commands.
  const n = () => String(Math.floor(r() * 1e6) - 5e5);
  const forms = [
    () => `区住建局今日受理${n()}件，办结${n()}件，在办${n()}件，满意率${n()}%`,
    () => `同意 ${'TB'.repeat(Math.floor(r() * 5))}${n()}`,
    () => `转办 ${PIECES[Math.floor(r() * PIECES.length)]}：${n()}`,
    () => `@${'张局长'.repeat(Math.floor(r() * 50))}`,
    () => `${'更正：'.repeat(1 + Math.floor(r() * 20))}受理件`,
    () => '',
    () => ' \n\t ',
  ];
  return (forms[Math.floor(r() * forms.length)] as () => string)();
}

const MB = 1024 * 1024;
const HUGE = [
  '区住建局今日受理12件，办结10件。'.repeat(Math.ceil(MB / 17)).slice(0, MB),
  '测'.repeat(MB),
  '1'.repeat(MB),
  ` ${'\n'.repeat(MB - 2)} `,
  `同意 TB${'0'.repeat(MB)}`,
  `@张局长 ${'请于明天下午5点前反馈，'.repeat(Math.ceil(MB / 12))}`,
];

const t = (hhmm: string) => `2026-11-20T${hhmm}:00+08:00`;
const ZH = /[\u4e00-\u9fff]/;

describe('fuzz: the message router through the real pipeline', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  async function blast(texts: string[], seed: number): Promise<{ ids: string[]; from: number }> {
    const r = seededRandom(seed);
    s.clock.set(t('16:00'));
    const from = s.out.length;
    const ids: string[] = [];
    for (const text of texts) {
      const sender = SENDERS[Math.floor(r() * SENDERS.length)] as string;
      const to = r() < 0.5 ? 'group' : 'bot';
      ids.push(s.h.world.say(sender, text, { to, timestamp: s.clock.now().getTime() }));
    }
    expect(await s.h.drain(120_000)).toBe(true);
    return { ids, from };
  }

  async function expectSaneAnswers(ids: string[], from: number, label: string): Promise<void> {
    const out = s.out.slice(from);
    const errors = out.filter((o) => o.text.includes('暂时未能处理')).length;
    const rows = await s.h.app.db.query<{ n: number; processed: number }>(
      'select count(*)::int as n, count(processed_at)::int as processed from inbound_messages where id = any($1)',
      [ids],
    );
    console.log(
      `${label}: ${ids.length} cases, ${out.length} bot messages (${errors} handler-error answers), ` +
        `${rows[0]?.n} recorded, ${rows[0]?.processed} processed`,
    );
    expect(rows[0]?.n).toBe(rows[0]?.processed);
    for (const o of out) {
      expect(o.text.length).toBeGreaterThan(0);
      expect(o.text).toMatch(ZH);
      // Never echo a huge input back.
      expect(o.text.length).toBeLessThan(4_000);
    }
    // At most one answer per message, apart from work a leader really gave (a dispatch).
    expect(out.filter((o) => !o.text.includes('编号 D') && !o.text.includes('点对点调度')).length).toBeLessThanOrEqual(
      ids.length,
    );
  }

  it('1,000 random and malformed texts from roster people and a stranger, group and private', async () => {
    const r = seededRandom(20261120);
    const texts = Array.from({ length: 1_000 }, () => randomText(r));
    const { ids, from } = await blast(texts, 1);
    await expectSaneAnswers(ids, from, 'router fuzz (random/malformed)');
  }, 180_000);

  it('huge (1 MB) messages', async () => {
    const { ids, from } = await blast(HUGE, 2);
    await expectSaneAnswers(ids, from, 'router fuzz (1 MB messages)');
  }, 180_000);

  it('normal work is unaffected afterwards: 帮助 and a report get their normal answers', async () => {
    const help = await s.play(say(t('17:00'), 'wxid_jiaoyu_sun', '帮助'));
    expect(help).toHaveLength(1);
    expect(help[0]?.text).toMatch(/^@孙局长\s+您好，我是督办助手/);
    const report = await s.play(say(t('17:01'), 'wxid_renshe_wu', '人社局今日受理工单3件，办结3件。'));
    expect(report).toEqual([
      {
        at: t('17:01'),
        to: 'wxid_renshe_wu',
        mentions: [],
        text: '已收到区人力资源和社会保障局11月20日日报：受理3件、办结3件。',
      },
    ]);
    const deadline = await s.play(run(t('18:00'), 'report-deadline'));
    expect(deadline).toHaveLength(1);
  });
});

describe('fuzz: broken files sent to the importer in the group', () => {
  let s: Scenario;
  let dir: string;
  beforeAll(async () => {
    s = await Scenario.open();
    dir = tempDir();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('truncated xlsx, random bytes named .xlsx, empty .csv, a .csv that is not a ticket list, an old .xls: one ' +
    'clear zh-CN answer each', async () => {
    const good = await writeXlsx(join(dir, 'good.xlsx'), [
      HEADER,
      ['A001', '物业纠纷', '', '区住建局', '', '', '2026-11-18 09:00', '', '办理中', '', 0],
    ]);
    const whole = readFileSync(good);
    const r = seededRandom(7);
    const files: Array<[string, Buffer]> = [
      ['截断.xlsx', whole.subarray(0, Math.floor(whole.length / 2))],
      ['只有头.xlsx', whole.subarray(0, 30)],
      ['随机.xlsx', randomBytes(20_000)],
      // The mock chat cannot carry a 0-byte file (FileBox has no empty base64): near-empty ones.
      ['一字节.xlsx', Buffer.from('x')],
      ['空.csv', Buffer.from('\r\n')],
      ['只有BOM.csv', Buffer.from('\ufeff')],
      ['通讯录.csv', Buffer.from('姓名,电话,部门\n张三,13800000000,办公室\n李四,13900000000,财务\n')],
      ['随机.csv', Buffer.from(Array.from({ length: 5_000 }, () => Math.floor(r() * 256)))],
      ['引号不闭合.csv', Buffer.from(`${HEADER.join(',')}\n"A001,物业纠纷,,区住建局\n`)],
      ['旧版.xls', randomBytes(4_000)],
    ];
    let cases = 0;
    for (const [name, buf] of files) {
      const path = join(dir, name);
      writeFileSync(path, buf);
      const out = await s.play({
        at: t(`09:${String(10 + cases).padStart(2, '0')}`),
        from: 'wxid_sup_liu',
        file: path,
        to: 'group',
      });
      cases++;
      expect(out, name).toHaveLength(1);
      expect(out[0]?.to).toBe('group');
      expect(out[0]?.mentions).toEqual(['wxid_sup_liu']);
      expect(out[0]?.text).toContain(name);
      expect(out[0]?.text).toMatch(/无法完整读取|不是工单清单|暂无法读取|未找到|没有|为空/);
      expect(out[0]?.text).not.toContain('暂时未能处理');
    }
    console.log(`importer fuzz (broken files in the group): ${cases} cases`);
    const [tickets] = await s.h.app.db.query<{ n: number }>('select count(*)::int as n from tickets');
    expect(tickets?.n).toBe(0);
    const help = await s.play(say(t('10:00'), 'wxid_sup_liu', '帮助'));
    expect(help).toHaveLength(1);
    expect(help[0]?.text).toContain('督办助手');
  }, 120_000);
});

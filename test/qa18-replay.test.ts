/**
 * A QA day of issue 18 as the district's people typed it (replay, Wechaty and WeCom): a head's plan to visit
 * (`…我们局长明天上门`) is no 双派单 answer; `我们局还有几个必到没走访` lists the unit's owed visits; a visit told in
 * everyday words (`带队去滨江花园了，和业主代表当面沟通`, `去了锦绣小区，跟住户当面解释了…`) is recorded; scenario
 * times written without an offset are the district's wall clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from './replay-run.js';
import { HEADER, writeCsv } from './ticket-helpers.js';

interface Out {
  at: string;
  to: string;
  text: string;
}

const SUN = 'wxid_jiaoyu_sun';
const ZHANG = 'wxid_zhujian_zhang';
const XU = 'wxid_zhujian_xu';

const row = (n: string, title: string, content: string, unit: string, street: string, rating = '') => [
  n,
  title,
  content,
  unit,
  street,
  '',
  '2026-11-27 10:00',
  '2026-12-04 18:00',
  rating ? '已办结' : '办理中',
  rating,
  0,
];

function scenario(dir: string, wecom: boolean): object[] {
  const file = writeCsv(
    join(dir, '在办工单.csv'),
    [
      HEADER,
      row(
        '2026112000301',
        '校外培训机构拒不退费',
        '市民反映学府路某培训机构停课两个月拒不退还剩余课时费，要求教育局督促退费。',
        '区教育局',
        '城东街道',
        '不满意',
      ),
      row(
        '2026112500210',
        '滨江花园3栋电梯停运',
        '电梯停运半个月，要求住建局领导到小区和居民面对面沟通，给个说法。',
        '区住房和城乡建设局',
        '湖滨街道',
      ),
      row(
        '2026112600123',
        '锦绣小区楼道积水',
        '锦绣小区5栋楼道积水反复出现，希望住建局领导上门当面沟通。',
        '区住房和城乡建设局',
        '城西街道',
      ),
      row(
        '2026112600124',
        '东方家园垃圾清运',
        '东方家园门口垃圾无人清运，要求住建局领导上门见面说明情况。',
        '区住房和城乡建设局',
        '城东街道',
      ),
    ],
    'utf8',
  );
  const say = (at: string, from: string, text: string, to?: 'bot') =>
    to ? { at, from, text, to } : { at, from, text: wecom ? `@督办助手 ${text}` : text };
  return [
    // District wall clock, no offset: 09:00 in Beijing whatever the machine's zone.
    { at: '2026-11-30 09:00', from: 'wxid_sup_liu', file, to: wecom ? 'bot' : 'group' },
    say('2026-11-30 09:20', SUN, '培训机构退费那个我们局长明天上门', 'bot'),
    say('2026-11-30 09:25', SUN, '局长周五登门和家长见面', 'bot'),
    say('2026-11-30 09:30', SUN, '明天上门回访', 'bot'),
    say('2026-11-30 09:40', ZHANG, '我们局还有几个必到没走访', 'bot'),
    say('2026-11-30 09:45', XU, '还有哪些必到没上门？', 'bot'),
    say('2026-11-30 11:30', XU, 'v2 今天上午张局长带队去滨江花园了，和业主代表当面沟通，电梯维保单位承诺周三前修好👍'),
    say('2026-11-30 11:40', ZHANG, 'V3 张局长昨天去了锦绣小区，跟住户当面解释了排水改造方案', 'bot'),
    say('2026-11-30 11:50', ZHANG, 'V4 明天去东方家园了解情况', 'bot'),
    say('2026-11-30 11:55', ZHANG, 'V4 已和业主当面沟通，群众表示理解', 'bot'),
    say('2026-11-30 14:00', SUN, 'SP1 已督促培训机构退还剩余课时费，家长已确认收到', 'bot'),
    // A leader and a supervisor ask about the district's owed visits (was: 李主任目前没有待办事项).
    say('2026-11-30 15:00', 'wxid_leader_li', '我们区现在还有多少必到没走访', 'bot'),
    say('2026-11-30 15:05', 'wxid_sup_chen', '还有几个四个必到没上门？', 'bot'),
    say('2026-11-30 15:10', 'wxid_leader_wang', '必到走访情况怎么样了', 'bot'),
    say('2026-11-30 15:15', 'wxid_leader_li', '必到走访情况', 'bot'),
    say('2026-11-30 15:20', 'wxid_sup_liu', '四个必到情况', 'bot'),
  ];
}

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`issue 18 in the district's words (${channel})`, () => {
    let dir: string;
    let out: Out[] = [];
    let stderr = '';
    const to = (who: string, hhmm: string) =>
      out.filter((o) => o.to === who && o.at === `2026-11-30T${hhmm}:00+08:00` && o.text).map((o) => o.text);
    const said = (hhmm: string) =>
      out
        .filter((o) => o.at === `2026-11-30T${hhmm}:00+08:00` && o.text)
        .map((o) => o.text.replace(/^@\S+ /, ''))
        .join('\n');

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'duban-qa18-'));
      const run = runReplay<Out>(scenario(dir, channel === 'wecom'), channel === 'wecom' ? { channel } : {});
      expect(run.status, run.stderr).toBe(0);
      out = run.out;
      stderr = run.stderr;
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads a time without an offset on the district clock', () => {
      expect(stderr).not.toMatch(/line \d+:/);
      expect(said('09:00')).toContain('已导入：新增4条');
      expect(out.some((o) => o.at.startsWith('2026-11-30T17:00'))).toBe(false);
    });

    it('a plan to visit is never the 双派单 answer; the real answer later is', () => {
      for (const hhmm of ['09:20', '09:25', '09:30']) {
        const reply = to(SUN, hhmm).join('\n');
        expect(reply, hhmm).not.toContain('答复，已记录在案');
      }
      expect(to(SUN, '14:00').join('\n')).toContain('已收到贵单位对 SP1 的答复');
    });

    it('asking how many 必到 are still owed lists them', () => {
      for (const [who, hhmm] of [
        [ZHANG, '09:40'],
        [XU, '09:45'],
      ] as const) {
        const reply = to(who, hhmm).join('\n');
        expect(reply, hhmm).toContain('领导走访（四个必到）');
        expect(reply, hhmm).toMatch(/V2 工单2026112500210/);
        expect(reply, hhmm).not.toContain('未能识别');
      }
    });

    it('a leader or a supervisor asking about 必到 gets the district owed visits per unit', () => {
      for (const [who, hhmm] of [
        ['wxid_leader_li', '15:00'],
        ['wxid_sup_chen', '15:05'],
        ['wxid_leader_wang', '15:10'],
        ['wxid_leader_li', '15:15'],
        ['wxid_sup_liu', '15:20'],
      ] as const) {
        const reply = to(who, hhmm).join('\n');
        expect(reply, hhmm).toMatch(/^目前全区尚有\d+项领导走访（四个必到）待完成/);
        expect(reply, hhmm).toContain('区教育局：1项');
        expect(reply, hhmm).not.toContain('没有待办事项');
      }
    });

    it('visits told in everyday words are recorded; a plan is not', () => {
      expect(said('11:30')).toContain('已登记V2（工单2026112500210）走访情况：11月30日，张局长上门走访');
      expect(said('11:40')).toContain('已登记V3（工单2026112600123）走访情况：11月29日，张局长上门走访');
      expect(said('11:50')).not.toContain('已登记');
      expect(said('11:55')).toContain('已登记V4（工单2026112600124）');
    });
  });
}

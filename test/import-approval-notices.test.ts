/**
 * Notices the QA missed: the import answer says which 双派单 rounds it started and how many
 * tickets are overdue now; an approval decided by one leader is told to the other leaders asked
 * (once), and a later decision is answered with who decided and when.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Out, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (hhmm: string, day = '2026-11-30') => `${day}T${hhmm}:00+08:00`;
const LI = 'wxid_leader_li';
const WANG = 'wxid_leader_wang';
const LV = 'wxid_shuanghe_lv';

describe('the import answer: rounds started (with codes) and tickets overdue now', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('08:00'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a list with a 重办 and a 不满意 ticket: 已启动双派单 SP1、SP2, and the overdue count', async () => {
    const out = await s.play({
      at: t('09:40'),
      from: 'wxid_sup_liu',
      to: 'group',
      file: await writeXlsx(join(dir, '工单回访-11月30日.xlsx'), [
        HEADER,
        [
          '2026112200309',
          '道路积水',
          '市民反映凤凰镇人民路雨后积水严重',
          '区住建局',
          '凤凰镇',
          '人民路网格',
          '2026-11-22 09:00',
          '2026-12-02 18:00',
          '重办',
          '',
          1,
        ],
        [
          '2026112300411',
          '噪音扰民',
          '锦绣小区烧烤店夜间噪音',
          '生态环境分局',
          '城西街道',
          '',
          '2026-11-23 09:00',
          '2026-11-26 18:00',
          '已办结',
          '不满意',
          0,
        ],
        [
          '2026112400217',
          '学校门口交通拥堵',
          '',
          '区公安分局',
          '',
          '',
          '2026-11-24 09:00',
          '2026-11-27 18:00',
          '办理中',
          '',
          0,
        ],
      ]),
    });
    const answer = out.find((o) => o.to === 'group')?.text ?? '';
    expect(answer).toContain('已导入：新增3条，更新0条，无变化0条，未导入0条。');
    expect(answer).toMatch(/其中不满意、重办工单2件，已启动双派单 SP\d+、SP\d+。/);
    expect(answer).toContain('目前超期未办结工单1件。');
  });

  it(
    'a CSV update with nothing new (private, from a leader)' + ': no rounds line, the overdue count still given',
    async () => {
      const out = await s.play({
        at: t('10:00'),
        from: LI,
        to: 'bot',
        file: await writeXlsx(join(dir, 'again.xlsx'), [
          HEADER,
          [
            '2026112400217',
            '学校门口交通拥堵',
            '',
            '区公安分局',
            '',
            '',
            '2026-11-24 09:00',
            '2026-11-27 18:00',
            '办理中',
            '',
            0,
          ],
        ]),
      });
      const answer = out.find((o) => o.to === LI)?.text ?? '';
      expect(answer).toContain('无变化1条');
      expect(answer).not.toContain('双派单');
      expect(answer).toContain('目前超期未办结工单1件。');
    },
  );

  it('the head reports it done: the next import counts it apart', async () => {
    await s.play(say(t('10:10'), 'wxid_gongan_feng', '2026112400217已办结，已增派警力疏导'));
    const out = await s.play({
      at: t('10:20'),
      from: 'wxid_sup_chen',
      to: 'group',
      file: await writeXlsx(join(dir, 'third.xlsx'), [
        HEADER,
        [
          '2026113000019',
          '垃圾清运不及时',
          '',
          '双河镇',
          '',
          '',
          '2026-11-30 08:00',
          '2026-12-03 18:00',
          '办理中',
          '',
          0,
        ],
      ]),
    });
    expect(out.find((o) => o.to === 'group')?.text).toContain(
      '目前超期未办结工单1件（其中1件单位已报办结，待平台确认）。',
    );
  });
});

describe.each([
  {
    name: 'private 同意 TB001 then 同意 TB001',
    first: '同意 TB001',
    second: '同意 TB001',
    firstTo: 'bot',
    approve: true,
  },
  {
    name: 'group 同意TB001 then 不同意：TB001 再议',
    first: '同意TB001',
    second: '不同意：TB001 再议',
    firstTo: 'group',
    approve: true,
  },
  {
    name: 'private 不同意 tb001 属镇职责 then 同意tb001',
    first: '不同意 tb001 属镇职责，请继续办理',
    second: '同意tb001',
    firstTo: 'bot',
    approve: false,
  },
])('an approval decided by one leader ($name)', (c) => {
  let s: Scenario;
  let first: Out[] = [];
  let second: Out[] = [];
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('08:00', '2026-12-01'));
    await s.play({
      at: t('09:00', '2026-12-01'),
      from: 'wxid_sup_liu',
      to: 'group',
      file: await writeXlsx(join(tempDir(), 'list.xlsx'), [
        HEADER,
        [
          '2026113000019',
          '垃圾清运不及时',
          '',
          '双河镇',
          '',
          '',
          '2026-11-30 08:00',
          '2026-12-03 18:00',
          '办理中',
          '',
          0,
        ],
      ]),
    });
    await s.play(
      say(t('10:05', '2026-12-01'), LV, '申请退办 2026113000019 该垃圾点属县环卫公司管理，不属于本镇职责', {
        to: 'bot',
      }),
    );
    first = await s.play(say(t('10:20', '2026-12-01'), LI, c.first, { to: c.firstTo }));
    second = await s.play(say(t('10:25', '2026-12-01'), WANG, c.second, { to: 'bot' }));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the other leader asked is told who decided and when, once; the requester is told', () => {
    const verdict = c.approve ? '同意' : '不同意';
    const told = first.filter((o) => o.to === WANG);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toBe(
      `【退办申请】TB001（工单 2026113000019）已由李主任于12月1日10:20${verdict}，已通知申请单位，无需再审批。`,
    );
    expect(first.some((o) => o.to === LV)).toBe(true);
    expect(second.filter((o) => o.to === WANG)).toHaveLength(1);
    expect(second[0]?.text).toBe(`TB001 已由李主任于12月1日10:20${verdict}，无需重复审批。`);
    expect(second.some((o) => o.to === LV)).toBe(false);
  });
});

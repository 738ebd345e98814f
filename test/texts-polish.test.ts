/**
 * One style in the ticket, 双派单 and 月评比 texts: no double brackets (凤凰镇（人民路网格）（属地镇街）),
 * no spaces between Chinese words and counts or dates (超期工单1件, 截至11月30日15:00), 以下11月份工单.
 * Ticket numbers and codes keep their spaces (工单 2026112200309, 双派单 SP1).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Out, run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const SPACED_COUNT = /[\u4e00-\u9fff（，：] ?\d+ [件条天轮个]|[\u4e00-\u9fff] \d+ ?[件条天轮个]/;
const SPACED_TIME = /\d日 \d\d:\d\d/;

describe('a day of ticket texts in one style', () => {
  let s: Scenario;
  const out: Out[] = [];
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('2026-11-30', '08:00'));
    out.push(
      ...(await s.play({
        at: t('2026-11-30', '09:40'),
        from: 'wxid_sup_liu',
        to: 'group',
        file: await writeXlsx(join(tempDir(), 'list.xlsx'), [
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
          [
            '2026112100088',
            '夜市油烟扰民',
            '',
            '城管局',
            '',
            '',
            '2026-11-21 09:00',
            '2026-11-26 18:00',
            '办理中',
            '',
            0,
          ],
        ]),
      })),
    );
    out.push(
      ...(await s.play(say(t('2026-11-30', '10:00'), 'wxid_chengguan_chu', '2026112100088 已办结，已集中整治'))),
    );
    out.push(...(await s.play(run(t('2026-11-30', '15:00'), 'ticket-nag'))));
    out.push(...(await s.play(say(t('2026-11-30', '15:05'), 'wxid_gongan_feng', '收到'))));
    out.push(...(await s.play(say(t('2026-11-30', '17:10'), 'wxid_fenghuang_he', '凤凰镇今日受理4件，办结4件'))));
    out.push(
      ...(await s.play(run(t('2026-12-01', '09:00'), 'ticket-nag'), run(t('2026-12-01', '09:00'), 'monthly-review'))),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the street side of a 双派单 reads 凤凰镇（属地镇街，人民路网格）, never two brackets in a row', () => {
    const street = out.find((o) => o.to === 'wxid_fenghuang_he' && o.text.startsWith('【双派单'))?.text ?? '';
    expect(street).toContain('同步派发凤凰镇（属地镇街，人民路网格）：');
    for (const o of out) expect(o.text, o.text).not.toMatch(/）（属地|网格）（/);
  });

  it('counts and dates stick to the Chinese around them, in every text of the day', () => {
    expect(out.length).toBeGreaterThan(8);
    for (const o of out) {
      const text = o.text.replace(/“[^”]*”/g, '“”');
      expect(text, text).not.toMatch(SPACED_COUNT);
      expect(text, text).not.toMatch(SPACED_TIME);
    }
    expect(out.find((o) => o.to === 'group' && o.text.includes('【即时督办】'))?.text).toContain('截至11月30日15:00');
    expect(out.find((o) => o.to === 'wxid_gongan_feng' && o.text.startsWith('【即时督办】'))?.text).toContain(
      '本单位超期工单1件',
    );
  });

  it('the 回头看 summary names the month as 11月份', () => {
    const sum = out.find((o) => o.to === 'wxid_leader_li' && o.text.startsWith('【回头看】'))?.text ?? '';
    expect(sum).toMatch(/^【回头看】11月份未解决和不满意工单共\d+件：/);
  });
});

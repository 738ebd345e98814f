/**
 * Tickets from an export without a 标题 column: the start of 诉求内容 stands for the title everywhere, never
 * （无标题）.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketTitle, titleFromContent, withoutEmptyLines } from '../src/domain/tickets/title.js';
import { run, Scenario } from './scenario.js';
import { tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

describe('ticket title from 诉求内容 (pure)', () => {
  it('leaves out the lead-in, cuts near 20 characters at a clause boundary, drops empty lines', () => {
    expect(titleFromContent('市民来电反映：幸福小区3号楼路灯已坏一周，晚上出行不便，请尽快维修。')).toBe(
      '幸福小区3号楼路灯已坏一周，晚上出行不便…',
    );
    expect(titleFromContent('\n\n建设路与人民路交叉口夜市占道经营严重\n\n影响通行')).toBe(
      '建设路与人民路交叉口夜市占道经营严重…',
    );
    expect(titleFromContent('反映湖滨路12号门前下水道堵塞、污水外溢，气味很大')).toBe(
      '湖滨路12号门前下水道堵塞、污水外溢…',
    );
    expect(titleFromContent('诉求内容：小区垃圾未清运。')).toBe('小区垃圾未清运');
    expect(titleFromContent('咨询社保卡补办需要哪些材料和手续以及办理地点')).toBe(
      '咨询社保卡补办需要哪些材料和手续以及办理地点',
    );
    expect(titleFromContent('')).toBe('');
    expect(ticketTitle('路灯不亮', '市民反映：……')).toBe('路灯不亮');
    expect(ticketTitle('  ', '来电人称其孩子所在学校校车接送时间过早')).toBe('其孩子所在学校校车接送时间过早');
    expect(withoutEmptyLines('第一行\n\n  \n第二行\r\n')).toBe('第一行\n第二行');
  });
});

describe('an export without 标题: nag lists, 双派单 and 回头看 show the start of 诉求内容', () => {
  let s: Scenario;
  let imported: Array<{ text: string }> = [];
  const HEADER = ['工单编号', '诉求内容', '承办单位', '属地镇街', '派单时间', '办理时限', '状态', '满意度', '重办次数'];
  beforeAll(async () => {
    s = await Scenario.open();
    const path = await writeXlsx(join(tempDir(), 'no-title.xlsx'), [
      HEADER,
      [
        'T001',
        '市民来电反映：幸福小区3号楼路灯已坏一周，晚上出行不便，请尽快维修。',
        '区住建局',
        '',
        '2026-11-16 09:00',
        '',
        '办理中',
        '',
        0,
      ],
      [
        'T002',
        '\n\n建设路与人民路交叉口夜市占道经营严重\n\n影响通行，请处理',
        '城管局',
        '城东街道',
        '2026-11-10 09:00',
        '2026-11-12 18:00',
        '已办结',
        '不满意',
        0,
      ],
      [
        'T003',
        '来电人称其孩子所在学校校车接送时间过早，希望调整到七点半以后',
        '教育局',
        '',
        '2026-11-16 09:00',
        '',
        '办理中',
        '',
        0,
      ],
    ]);
    const out = await s.play({ at: t('2026-11-19', '10:00'), from: 'wxid_sup_liu', file: path, to: 'group' });
    expect(out[0]?.text).toContain('新增3条');
    imported = out;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the nag lists carry the derived titles', async () => {
    const out = await s.play(run(t('2026-11-20', '09:00'), 'ticket-nag'));
    expect(out.find((o) => o.to === 'wxid_zhujian_zhang')?.text).toContain(
      '1. T001 幸福小区3号楼路灯已坏一周，晚上出行不便…（超期',
    );
    expect(out.find((o) => o.to === 'wxid_jiaoyu_sun')?.text).toContain(
      '1. T003 其孩子所在学校校车接送时间过早…（超期',
    );
    expect(out.some((o) => o.text.includes('无标题'))).toBe(false);
  });

  it('the 双派单 of the 不满意 ticket and the 回头看 carry it too, and the 诉求 has no empty lines', async () => {
    const dual = imported;
    const delivery = dual.find((o) => o.text.includes('T002') && o.text.includes('标题：'))?.text ?? '';
    expect(delivery).toContain('标题：建设路与人民路交叉口夜市占道经营严重…');
    expect(delivery).toContain('诉求：建设路与人民路交叉口夜市占道经营严重，影响通行，请处理');
    // The round is over (a 回头看 leaves tickets in an open 双派单 round alone).
    await s.h.app.db.query("update dual_rounds set status = 'closed' where ticket_number = 'T002'");
    const review = await s.play(run(t('2026-12-01', '09:00'), 'monthly-review'));
    const look = review.find((o) => o.text.startsWith('【回头看】区城市管理局'))?.text ?? '';
    expect(look).toContain('T002 建设路与人民路交叉口夜市占道经营严重…（不满意）');
    expect([...dual, ...review].some((o) => o.text.includes('无标题'))).toBe(false);
  });
});

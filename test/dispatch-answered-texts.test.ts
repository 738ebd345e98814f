/** A dispatch every unit has answered: 各单位均已反馈 only when it went to several units; with one, 已反馈. */
import { describe, expect, it } from 'vitest';
import {
  allAnsweredText,
  answerForwardText,
  dispatchStatusText,
  leaderItemsText,
} from '../src/domain/texts/dispatch.js';

const forward = (units: number) =>
  answerForwardText({
    code: 'D1',
    unit: '区城市管理局',
    sender: '褚局长',
    text: 'D1 已办结：湖滨路占道经营已清理。',
    dispatchText: '请城管局今天下班前清理湖滨路占道经营',
    late: false,
    allAnswered: true,
    units,
  });

describe('all answered, one unit or several', () => {
  it('the relay to the leader ends with D1 已反馈 for one unit, D1 各单位均已反馈 for several', () => {
    expect(forward(1).split('\n').at(-1)).toBe('D1 已反馈。');
    expect(forward(1)).not.toContain('各单位');
    expect(forward(2).split('\n').at(-1)).toBe('D1 各单位均已反馈。');
  });

  it('the relay says nothing of the others while some are still to answer', () => {
    const text = answerForwardText({
      code: 'D2',
      unit: '湖滨街道',
      sender: '尤主任',
      text: '已处置',
      dispatchText: '请湖滨街道、城管局处置',
      late: false,
      allAnswered: false,
      units: 2,
    });
    expect(text).not.toContain('已反馈');
  });

  it('the progress status and the leader’s 待办 read the same way', () => {
    expect(allAnsweredText(1)).toBe('已反馈');
    expect(allAnsweredText(3)).toBe('各单位均已反馈');
    expect(dispatchStatusText(true, 1)).toBe('已反馈');
    expect(dispatchStatusText(true, 2)).toBe('各单位均已反馈');
    expect(dispatchStatusText(false, 1)).toBe('办理中');
    const items = leaderItemsText({
      leaderName: '王副主任',
      now: new Date('2026-11-30T10:05:00+08:00'),
      tz: 'Asia/Shanghai',
      dispatches: [
        {
          code: 'D1',
          text: '请城管局清理湖滨路占道经营',
          deadline: '2026-11-30T18:00:00+08:00',
          waiting: [],
          units: 1,
        },
        {
          code: 'D2',
          text: '请湖滨街道、城管局处置',
          deadline: '2026-11-30T18:00:00+08:00',
          waiting: [],
          units: 2,
        },
      ],
      approvals: [],
    });
    expect(items).toMatch(/D1 [^\n]*（时限[^\n]*，已反馈）/);
    expect(items).toMatch(/D2 [^\n]*（时限[^\n]*，各单位均已反馈）/);
  });
});

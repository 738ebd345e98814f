import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { addDays, WorkCalendar } from '../src/domain/calendar.js';
import { type CampaignItem, campaignItems } from '../src/domain/campaign/items.js';
import {
  checkCumulative,
  type DayFigures,
  doneBy,
  doneSeries,
  gainedBetween,
  lastProgressDay,
} from '../src/domain/campaign/progress.js';
import { campaignDay, itemStatus, plannedBy } from '../src/domain/campaign/schedule.js';
import {
  campaignDayText,
  campaignSummaryLines,
  cumulativeQuestionText,
  type ItemStateLine,
  itemFiguresText,
} from '../src/domain/texts/campaign.js';

const district = loadDistrictFile(join(import.meta.dirname, '../config/district.example.yaml'));
const items = campaignItems(district.campaign, district.units);
const item = (id: string) => items.find((i) => i.id === id) as CampaignItem;
const calendar = new WorkCalendar();
const rules = { behindMargin: 10, stallWorkdays: 3 };
const d = (day: string, today: number | null, cumulative: number | null = null): DayFigures => ({
  day,
  today,
  cumulative,
});

describe('百日攻坚: progress from the days reported (pure)', () => {
  const days = [
    d('2026-11-02', 2),
    d('2026-11-03', 1, 9),
    d('2026-11-04', 0),
    d('2026-11-05', 3),
    d('2026-11-06', null, 13),
  ];
  it("done: the last 累计 plus the day's figures after it; with no 累计, their sum", () => {
    expect(doneBy(days, '2026-11-01')).toBeNull();
    expect(doneBy(days, '2026-11-02')).toBe(2);
    expect(doneBy(days, '2026-11-03')).toBe(9);
    expect(doneBy(days, '2026-11-05')).toBe(12);
    expect(doneBy(days, '2026-11-30')).toBe(13);
    expect(doneSeries(days).map((x) => x.done)).toEqual([2, 9, 9, 12, 13]);
    expect(lastProgressDay(days, '2026-11-04')).toBe('2026-11-03');
    expect(lastProgressDay(days, '2026-11-30')).toBe('2026-11-06');
    // A week's gain: the day's figures, or a cumulative figure's rise; nothing known before: no rise counted.
    expect(gainedBetween(days, '2026-11-01', '2026-11-06')).toBe(2 + 1 + 0 + 3 + 1);
    expect(gainedBetween(days, '2026-11-04', '2026-11-06')).toBe(4);
    expect(gainedBetween([d('2026-11-09', null, 40), d('2026-11-10', null, 42)], '2026-11-08', '2026-11-13')).toBe(2);
    // The first figure ever, a cumulative one above 0: done on its day as far as the bot knows.
    expect(lastProgressDay([d('2026-11-16', 0, 4)], '2026-11-30')).toBe('2026-11-16');
  });

  it("a 累计 is checked against the last 累计 before it plus the day's figures since", () => {
    const earlier = [d('2026-11-26', 1, 18), d('2026-11-27', 1), d('2026-11-30', null)];
    expect(checkCumulative(earlier, '2026-12-01', 2, 21)).toBeNull();
    expect(checkCumulative(earlier, '2026-12-01', 2, 20)).toEqual({
      lastDay: '2026-11-26',
      last: 18,
      between: 1,
      today: 2,
      expected: 21,
      reported: 20,
    });
    // No day's figure: only a 累计 below what was reported before is a question.
    expect(checkCumulative(earlier, '2026-12-01', null, 25)).toBeNull();
    expect(checkCumulative(earlier, '2026-12-01', null, 17)).toMatchObject({ expected: 19, reported: 17 });
    // Nothing to check against: no 累计 before.
    expect(checkCumulative([d('2026-11-27', 3)], '2026-12-01', 2, 40)).toBeNull();
  });

  it('asks the sender in plain words, with the figure the earlier ones give', () => {
    const lifts = item('dianti');
    const m = checkCumulative([d('2026-11-26', 1, 18), d('2026-11-27', 1)], '2026-12-01', 2, 20);
    expect(m).not.toBeNull();
    expect(cumulativeQuestionText(lifts, m as NonNullable<typeof m>)).toBe(
      '请核实“加装电梯”累计数：11月26日报送累计18部，此后各日报送新增1部，今日新增2部，累计应为21部，' +
        '本次报送累计20部。' +
        '已按报送数记录；如有误，请发送更正，例如“更正：加装电梯累计21部”。',
    );
    const drop = checkCumulative([d('2026-11-26', 1, 18)], '2026-11-27', null, 15);
    expect(cumulativeQuestionText(lifts, drop as NonNullable<typeof drop>)).toBe(
      '请核实“加装电梯”累计数：11月26日报送累计18部，本次报送累计15部，少于此前累计数。' +
        '已按报送数记录；如有误，请发送更正，例如“更正：加装电梯累计18部”。',
    );
    expect(itemFiguresText(item('yuwu'), 1, 9)).toBe('雨污分流改造今日1个小区、累计9个小区');
    expect(itemFiguresText(item('jiayi'), 0, 2380)).toBe('家庭医生签约今日无新增、累计2380人');
  });
});

describe('百日攻坚: behind schedule (pure)', () => {
  it('the planned line: from 0 the day before the start to the target on the last day, through milestones', () => {
    const lifts = item('dianti'); // 30 over 2026-10-19 … 2027-01-26 (100 days)
    expect(plannedBy(lifts, '2026-10-18')).toBe(0);
    expect(plannedBy(lifts, '2026-10-19')).toBeCloseTo(0.3);
    expect(plannedBy(lifts, '2026-11-30')).toBeCloseTo(12.9); // day 43
    expect(plannedBy(lifts, '2027-01-26')).toBe(30);
    expect(plannedBy(lifts, '2027-03-01')).toBe(30);
    const old = item('laojiu'); // 16, milestone 10 by 2026-12-15 (day 58)
    expect(plannedBy(old, '2026-12-15')).toBe(10);
    expect(plannedBy(old, '2026-11-30')).toBeCloseTo((10 * 43) / 58);
    expect(plannedBy(old, '2027-01-26')).toBe(16);
  });

  it('the day counter: 百日攻坚第43天，剩57天 on 2026-11-30', () => {
    expect(campaignDay(district.campaign, items, '2026-11-30')).toEqual({ dayNo: 43, left: 57, days: 100 });
    expect(campaignDay(district.campaign, items, '2026-10-18')).toBeNull();
    expect(campaignDay(district.campaign, items, '2027-01-26')).toEqual({ dayNo: 100, left: 0, days: 100 });
  });

  it('over a month of reports: on pace, then stalled, then below the line, then done', () => {
    const lifts = item('dianti');
    // From 11月2日 on, one lift every working day (ahead of the line at 0.3 a day), with 累计 on Fridays.
    const days: DayFigures[] = [d('2026-10-30', null, 3)];
    let total = 3;
    for (let day = '2026-11-02'; day <= '2026-11-20'; day = addDays(day, 1)) {
      if (!calendar.isWorkday(day)) continue;
      total++;
      days.push(d(day, 1, new Date(`${day}T00:00:00Z`).getUTCDay() === 5 ? total : null));
    }
    expect(total).toBe(18);
    const at = (day: string) => itemStatus(lifts, days, day, rules, calendar);
    expect(at('2026-11-20')).toMatchObject({ state: 'on-track', done: 18, dayNo: 33, timePct: 33, donePct: 60 });
    // Nothing after 11月20日 (Friday): Monday and Tuesday are 2 idle working days, Wednesday the 3rd.
    expect(at('2026-11-24')).toMatchObject({ state: 'on-track', stalledWorkdays: null });
    expect(at('2026-11-25')).toMatchObject({ state: 'behind', stalledWorkdays: 3, gapPoints: null });
    // 11月26日 a lift again: no longer stalled, and still above the line.
    days.push(d('2026-11-26', 1, 19));
    expect(at('2026-11-26')).toMatchObject({ state: 'on-track', lastProgress: '2026-11-26' });
    // Nothing more: by 12月31日 (day 74, planned 22.2 of 30) it is 10.7 points below the line, and long stalled.
    expect(at('2026-12-31')).toMatchObject({ state: 'behind', done: 19, planned: 22, gapPoints: 10.7 });
    expect(at('2026-12-31').stalledWorkdays).toBeGreaterThan(20);
    days.push(d('2027-01-04', 11, 30));
    expect(at('2027-01-04')).toMatchObject({ state: 'done', donePct: 100 });
  });

  it('not started, and never reported, are not behind', () => {
    const safety = item('anfang'); // starts 2026-11-02
    expect(itemStatus(safety, [], '2026-10-30', rules, calendar).state).toBe('not-started');
    expect(itemStatus(safety, [], '2026-11-30', rules, calendar).state).toBe('unreported');
  });

  it('stalled from the start: nothing done since day 1 (a 0 each day is no progress)', () => {
    const school = item('xuewei');
    const zeros = ['2026-10-19', '2026-10-20', '2026-10-21'].map((x) => d(x, 0));
    expect(itemStatus(school, zeros, '2026-10-20', rules, calendar)).toMatchObject({ state: 'on-track' });
    expect(itemStatus(school, zeros, '2026-10-21', rules, calendar)).toMatchObject({
      state: 'behind',
      stalledWorkdays: 3,
      done: 0,
    });
  });
});

describe('百日攻坚: the summary lines', () => {
  const line = (o: Partial<ItemStateLine>): ItemStateLine => ({
    name: '加装电梯',
    unitName: '区住房和城乡建设局',
    measure: '部',
    target: 30,
    done: 19,
    donePct: 63.3,
    timePct: 43,
    planned: 12,
    gapPoints: null,
    stalledWorkdays: null,
    ...o,
  });
  const counter = campaignDayText('百日攻坚', 43, 57);
  it('all on track, some not reported, none reported, one behind on both counts, the last day', () => {
    expect(campaignSummaryLines(counter, [], [], 7)).toEqual(['百日攻坚第43天，剩57天。7项攻坚任务均按计划推进。']);
    expect(campaignSummaryLines(counter, [], [line({ name: '新增学位', unitName: '区教育局' })], 7)).toEqual([
      '百日攻坚第43天，剩57天。已报送进展的6项攻坚任务均按计划推进。',
      '尚未报送进展：新增学位（区教育局）。',
    ]);
    expect(campaignSummaryLines(counter, [], [line({}), line({ name: '新增学位' })], 2)[0]).toBe(
      '百日攻坚第43天，剩57天。',
    );
    expect(
      campaignSummaryLines(
        counter,
        [line({ done: 8, donePct: 26.7, planned: 12, gapPoints: 16.3, stalledWorkdays: 4 })],
        [],
        7,
      ),
    ).toEqual([
      '百日攻坚第43天，剩57天。7项攻坚任务中1项进度滞后：',
      '· 加装电梯（区住房和城乡建设局）：连续4个工作日无进展，完成8/30部（26.7%），时间进度43%，计划应完成12部，' +
        '落后16.3个百分点',
    ]);
    expect(campaignDayText('百日攻坚', 100, 0)).toBe('百日攻坚第100天（最后一天）');
  });
});

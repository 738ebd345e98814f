import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyFlags as flagsOf, type HistoryFlag, isFlagConfirmation } from '../src/domain/report/history.js';
import { historyFlagText } from '../src/domain/texts/report-corrections.js';
import { type DbOptions, openDb } from '../src/store/db.js';
import { saveReport } from '../src/store/reports.js';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';

const D = '2026-11-24'; // a Tuesday
const t = (hhmm: string, day = D) => `${day}T${hhmm}:00+08:00`;
const historyFlags = (...a: Parameters<typeof flagsOf>): string[] =>
  flagsOf(...a).map((f: HistoryFlag) => historyFlagText(f));
const RULES = { enabled: true, days: 20, minDays: 5, receivedFactor: 10, minReceived: 10, satisfactionDrop: 10 };
const figs = (received: number | null, satisfactionRate: number | null) => ({
  received,
  completed: received,
  inProgress: null,
  overdue: null,
  reopened: null,
  unsatisfied: null,
  returned: null,
  onTimeRate: null,
  satisfactionRate,
});

describe("checks against the unit's own history (pure)", () => {
  const past = Array.from({ length: 20 }, (_, i) => figs(10 + (i % 5), 97 + (i % 3)));
  it('questions a 受理 ten times the median and a 满意率 more than 10 points below it, nothing else', () => {
    expect(historyFlags(figs(120, 98), past, RULES)).toEqual(['今日受理120件，近20个工作日日受理中位数为12件']);
    expect(historyFlags(figs(119, 98), past, RULES)).toEqual([]);
    expect(historyFlags(figs(12, 86), past, RULES)).toEqual(['今日满意率86%，近20个工作日中位数为98%']);
    expect(historyFlags(figs(12, 88), past, RULES)).toEqual([]);
    // Too little history, or the checks off: no question.
    expect(historyFlags(figs(120, 50), past.slice(0, 4), RULES)).toEqual([]);
    expect(historyFlags(figs(120, 50), past, { ...RULES, enabled: false })).toEqual([]);
    // A unit that usually has none: a handful is no news, a burst is.
    const quiet = Array.from({ length: 20 }, () => figs(0, null));
    expect(historyFlags(figs(3, null), quiet, RULES)).toEqual([]);
    expect(historyFlags(figs(15, null), quiet, RULES)).toEqual(['今日受理15件，近20个工作日日受理中位数为0件']);
  });

  it('reads 确认无误 and the like as a confirmation, not 好的 or a question', () => {
    for (const s of ['确认无误', '核实无误', '数据无误', '经核实，数据无误。', '确认无误！', '无误', '数据准确'])
      expect(isFlagConfirmation(s), s).toBe(true);
    for (const s of ['好的', '确认一下', '无误吗', '收到']) expect(isFlagConfirmation(s), s).toBe(false);
  });
});

const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ENGINES: Array<[string, () => DbOptions | undefined]> = [
  ['pglite', () => undefined],
  ['postgres', () => ({ databaseUrl: PG, schema: `duban_t_${randomUUID().replace(/-/g, '').slice(0, 10)}` })],
];

describe.each(ENGINES)(
  'history checks and late corrections in the chat (reports.lateCorrection: summary) on %s',
  (kind, dbOptions) => {
    let s: Scenario;
    let opts: DbOptions | undefined;
    beforeAll(async () => {
      const base = rosterConfig();
      opts = dbOptions();
      s = await Scenario.open(
        { ...base, reports: { ...base.reports, lateCorrection: 'summary' } },
        '2026-01-01T00:00:00Z',
        opts,
      );
      // 20 working days of ordinary figures for 住建 and 教育 before D.
      let day = D;
      for (let i = 0; i < 20; i++) {
        day = s.h.app.calendar.previousWorkday(day);
        for (const [unitId, f] of [
          ['zhujian', figs(12, 98)],
          ['jiaoyu', figs(5, 97)],
        ] as const) {
          await saveReport(s.h.app.db, {
            unitId,
            day,
            figures: f,
            result: f,
            mode: 'replace',
            changed: [],
            baseVersion: 0,
            flags: [],
            afterSummary: false,
            late: false,
            messageId: `seed-${unitId}-${day}`,
            senderId: 'seed',
            receivedAt: new Date(`${day}T17:00:00+08:00`),
            text: '(seeded)',
          });
        }
      }
    });
    afterAll(async () => {
      await s?.close();
      if (kind === 'postgres' && opts?.schema) {
        const db = await openDb({ databaseUrl: PG });
        await db.query(`drop schema if exists ${opts.schema} cascade`);
        await db.close();
      }
    });

    it(
      'asks politely in the confirmation; 确认无误 confirms;' + ' the summary lists only what was not confirmed',
      async () => {
        const a = await s.play(
          say(t('17:05'), 'wxid_zhujian_zhang', '【区住建局】今日受理工单120件，办结100件，在办20件，满意率98%。'),
        );
        expect(a[0]?.text).toContain(
          '请核实：今日受理120件，近20个工作日日受理中位数为12件。如数据无误，请回复“确认无误”；如有误，' +
            '请直接发送更正。',
        );
        const b = await s.play(say(t('17:06'), 'wxid_jiaoyu_sun', '教育局今天受理6件，办结6件，满意率80%'));
        expect(b[0]?.text).toContain('请核实：今日满意率80%，近20个工作日中位数为97%。');
        const ok = await s.play(say(t('17:10'), 'wxid_zhujian_zhang', '确认无误👍'));
        expect(ok).toEqual([
          expect.objectContaining({
            to: 'wxid_zhujian_zhang',
            text: '好的，区住房和城乡建设局11月24日日报数据已确认，谢谢。',
          }),
        ]);
        const out = await s.play(run(t('18:40'), 'daily-summary'));
        const text = out[0]?.text ?? '';
        expect(text).toContain('· 区教育局：今日满意率80%，近20个工作日中位数为97%（待核实）');
        expect(text).not.toContain('今日受理120件');
      },
    );

    it("a correction after the summary went out is listed in the next day's summary, once", async () => {
      const fix = await s.play(say(t('19:30'), 'wxid_jiaoyu_sun', '不好意思，满意率应为98%'));
      expect(fix).toHaveLength(1);
      expect(fix[0]?.text).toContain('满意率 80%→98%');
      const next = '2026-11-25';
      const out = await s.play(run(t('18:40', next), 'daily-summary'));
      expect(out[0]?.text).toContain('更正：\n· 区教育局11月24日日报更正：满意率 80%→98%');
      const after = await s.play(run(t('18:40', '2026-11-26'), 'daily-summary'));
      expect(after[0]?.text).not.toContain('更正：');
    });
  },
);

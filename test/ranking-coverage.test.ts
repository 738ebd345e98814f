/**
 * 月评比 counts only the days the bot was running for the district (its first start, with the
 * replay clock) and, for a unit, the days since it is on the roster. Below ranking.minCoverage
 * the month is a trial for the leaders and the supervision team, never shamed in the group.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar } from '../src/domain/calendar.js';
import { countedDays, rankingCoverage } from '../src/domain/ranking.js';
import { rankingSource } from '../src/usecases/ranking.js';
import { askLink, consoleServer } from './console-evening.js';
import { run, Scenario, say } from './scenario.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const OVERSIGHT = ['wxid_leader_li', 'wxid_leader_wang', 'wxid_sup_liu', 'wxid_sup_chen'];

/** 教育局: a month of tickets all done on time and rated 满意 — but no daily report at all. */
async function goodTickets(s: Scenario, unit: string, month: string): Promise<void> {
  for (let i = 1; i <= 5; i++) {
    const day = `${month}-${String(i + 1).padStart(2, '0')}`;
    await s.h.app.db.query(
      `insert into tickets (number, title, unit_id, assigned_at, due_at, status, done, rating, reopen_count, ` +
        `first_seen_at, updated_at)
       values ($1,'x',$2,$3,$4,'已办结',true,'满意',0,$3,$3)`,
      [`${unit}-${month}-${i}`, unit, new Date(t(day, '09:00')), new Date(t(day, '23:00'))],
    );
  }
}

async function report(s: Scenario, unit: string, day: string, late = false): Promise<void> {
  await s.h.app.db.query(
    `insert into reports (unit_id, day, late, version, message_id, sender_id, received_at) values ($1,$2,$3,1,` +
      `$4,'x',$5)`,
    [unit, day, late, `m-${unit}-${day}`, new Date(t(day, late ? '18:20' : '17:00'))],
  );
}

/** How heads and liaisons really post a report (no codes, emoji, short names). */
const EVENING: Array<[string, string, string]> = [
  ['17:01', 'wxid_zhujian_xu', '【区住建局】11月30日：今日新受理工单12件，办结10件，在办2件，无超期，满意率98.5%。'],
  ['17:06', 'wxid_chengguan_chu', '城管局：今日受理9件，办结8件，在办1件，不满意1件，满意率85%。'],
  ['17:07', 'wxid_chengdong_zhu', '城东街道：今日受理工单8件，均已办结，无超期、无重办，满意率100%。'],
];

describe('月评比 (pure): counted days and coverage', () => {
  const cal = new WorkCalendar();
  const nov: string[] = [];
  for (let d = 1; d <= 30; d++)
    if (cal.isWorkday(`2026-11-${String(d).padStart(2, '0')}`)) nov.push(`2026-11-${String(d).padStart(2, '0')}`);
  const deadline = (d: string) => new Date(t(d, '18:00'));
  it('a day counts when its report deadline fell while the bot was running and has passed', () => {
    expect(nov).toHaveLength(21);
    const until = new Date(t('2026-12-01', '09:00'));
    expect(countedDays(nov, deadline, new Date(t('2026-11-30', '09:00')), until)).toEqual(['2026-11-30']);
    expect(countedDays(nov, deadline, new Date(t('2026-11-30', '19:00')), until)).toEqual([]);
    expect(countedDays(nov, deadline, null, new Date(t('2026-11-04', '12:00')))).toEqual(['2026-11-02', '2026-11-03']);
    expect(countedDays(nov, deadline, new Date(t('2026-11-16', '08:00')), until)).toHaveLength(11);
  });
  it('coverage: counted ÷ working days passed, a trial below the minimum', () => {
    expect(rankingCoverage(21, 1, 0.8)).toMatchObject({ share: 1 / 21, trial: true });
    expect(rankingCoverage(21, 17, 0.8).trial).toBe(false);
    expect(rankingCoverage(21, 16, 0.8).trial).toBe(true);
    expect(rankingCoverage(0, 0, 0.8)).toMatchObject({ share: 0, trial: true });
  });
});

describe('月评比 in the first month: deployed on Monday 11-30, reviewed on 12-01', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('2026-11-30', '08:30'));
    await goodTickets(s, 'jiaoyu', '2026-11');
    const out = await s.play(...EVENING.map(([hhmm, from, text]) => say(t('2026-11-30', hhmm), from, text)));
    expect(out.length).toBeGreaterThan(0);
    const stored = await s.h.app.db.query<{ unit_id: string }>(
      "select unit_id from reports where day = '2026-11-30' order by unit_id",
    );
    expect(stored.map((r) => r.unit_id)).toEqual(['chengdong', 'chengguan', 'zhujian']);
    await s.play(run(t('2026-11-30', '18:00'), 'report-deadline'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the first start is recorded once, with every roster unit', async () => {
    const dep = await s.h.app.db.query<{ started_at: Date }>('select started_at from deployment');
    expect(dep.map((d) => new Date(d.started_at).toISOString())).toEqual([
      new Date(t('2026-11-30', '08:30')).toISOString(),
    ]);
    const units = await s.h.app.db.query<{ n: number }>('select count(*)::int as n from units_seen');
    expect(units[0]?.n).toBe(18);
  });

  it(
    '1 of 21 working days: a trial to the leaders and supervisors only, nothing in the group, the silent unit ' +
      'not above reporters',
    async () => {
      const out = await s.play(run(t('2026-12-01', '09:00'), 'monthly-review'));
      expect(out.filter((o) => o.to === 'group' && o.text.includes('月评比'))).toEqual([]);
      expect(out.some((o) => o.text.includes('红红脸'))).toBe(false);
      const trial = out.filter((o) => o.text.startsWith('【月评比·试运行】'));
      expect(trial.map((o) => o.to).sort()).toEqual([...OVERSIGHT].sort());
      const text = trial[0]?.text ?? '';
      expect(text).toContain('11月数据不完整：本月21个工作日中，督办助手运行了1天（5%，不足80%）');
      expect(text).toContain('不在群内公布');
      const pos = (name: string) => text.indexOf(`. ${name} `);
      for (const reporter of ['区住房和城乡建设局', '区城市管理局', '城东街道']) {
        expect(pos(reporter)).toBeGreaterThan(0);
        expect(pos('区教育局')).toBeGreaterThan(pos(reporter));
      }
      expect(text).toMatch(/区住房和城乡建设局 [\d.]+分（[^）]*按时报送 100%）/);
      expect(
        out
          .filter((o) => o.file === '月评比-2026-11.xlsx')
          .map((o) => o.to)
          .sort(),
      ).toEqual([...OVERSIGHT].sort());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(s.h.app.ctx.dataDir as string, 'ranking', '月评比-2026-11.xlsx'));
      const cells: string[] = [];
      wb.worksheets[0]?.eachRow((r) => cells.push(String(r.getCell(1).value ?? '')));
      expect(cells.some((c) => c.startsWith('试运行（数据不完整）：当月21个工作日中督办助手运行1天'))).toBe(true);
      expect(await s.play(run(t('2026-12-01', '09:30'), 'monthly-review'))).toEqual([]);
    },
  );

  it(
    'months before the bot ran have no ranking; the console ' + 'marks the trial and charts no rank for empty months',
    async () => {
      expect(await rankingSource.rows(s.h.app.ctx, '2026-10')).toEqual([]);
      expect((await rankingSource.coverage(s.h.app.ctx, '2026-11')).trial).toBe(true);
      const { app } = await consoleServer(s);
      try {
        const { token } = await askLink(s, 'wxid_leader_li', t('2026-12-01', '10:00'));
        const r = await app.inject({
          method: 'POST',
          url: '/console/login',
          payload: `t=${token}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        const cookie = String(r.headers['set-cookie']).split(';')[0] as string;
        const page = await app.inject({ url: '/console/ranking?month=2026-11', headers: { cookie } });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('试运行/数据不完整');
        // Six months, June … November: the five before the bot are null for every unit, never rank 1.
        const attr = /id="ranking-history"[^>]*data-chart="([^"]*)"/.exec(page.body)?.[1] ?? '';
        const option = JSON.parse(
          attr
            .replace(/&quot;/g, '"')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, '&'),
        ) as { series: Array<{ data: Array<number | null> }> };
        expect(option.series.length).toBe(18);
        for (const x of option.series) expect(x.data.slice(0, 5)).toEqual([null, null, null, null, null]);
      } finally {
        await app.close();
      }
    },
  );
});

describe('月评比 with a full month: published, a unit counted only since it joined the roster', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(undefined, t('2026-10-30', '10:00'));
    // 区交通运输局 joined the roster on 11-16: its days before are not missed reports.
    await s.h.app.db.query("update units_seen set first_seen_at = $1 where unit_id = 'jiaotong'", [
      new Date(t('2026-11-16', '08:00')),
    ]);
    await goodTickets(s, 'jiaoyu', '2026-11');
    const cal = new WorkCalendar();
    for (let d = 1; d <= 27; d++) {
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      if (!cal.isWorkday(day)) continue;
      await report(s, 'zhujian', day, d === 3);
      await report(s, 'chengguan', day);
      await report(s, 'chengdong', day);
      if (day >= '2026-11-16') await report(s, 'jiaotong', day);
    }
    await s.play(...EVENING.map(([hhmm, from, text]) => say(t('2026-11-30', hhmm), from, text)));
    await s.play(say(t('2026-11-30', '17:20'), 'wxid_jiaotong_shen', '交通运输局今日受理工单4件，办结3件，在办1件。'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it(
    'published in the group; 教育局 (no report) is not above any unit that reported; 交通运输局 100% since ' +
      'joining',
    async () => {
      const out = await s.play(run(t('2026-12-01', '09:00'), 'monthly-review'));
      const group = out.filter((o) => o.to === 'group' && o.text.startsWith('【月评比】'));
      expect(group).toHaveLength(1);
      expect(group[0]?.text).not.toContain('区教育局');
      expect(out.some((o) => o.text.includes('试运行'))).toBe(false);
      const table =
        out.find((o) => o.to === 'wxid_leader_li' && o.text.startsWith('【月评比】11月全区评比结果'))?.text ?? '';
      const lines = table.split('\n').slice(1);
      const idx = (name: string) => lines.findIndex((l) => l.includes(` ${name} `));
      for (const reporter of ['区住房和城乡建设局', '区城市管理局', '城东街道', '区交通运输局'])
        expect(idx('区教育局')).toBeGreaterThan(idx(reporter));
      expect(lines[idx('区交通运输局')]).toContain('按时报送 100%');
      expect(lines[idx('区住房和城乡建设局')]).toContain('按时报送 95.2%'); // 20 of 21 on time
    },
  );
});

describe('月评比 in a replay: the clock starts long before the first line; the days count from the first data', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open(); // started at 2026-01-01, as `cli replay` starts its clock long before its lines
    await s.play(...EVENING.map(([hhmm, from, text]) => say(t('2026-11-30', hhmm), from, text)));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('first message on 11-30: November is a trial, October has no ranking', async () => {
    const out = await s.play(run(t('2026-12-01', '09:00'), 'monthly-review'));
    expect(out.filter((o) => o.to === 'group' && o.text.includes('月评比'))).toEqual([]);
    expect(
      out.filter((o) => o.text.startsWith('【月评比·试运行】11月数据不完整：本月21个工作日中，督办助手运行了1天')),
    ).toHaveLength(4);
    expect(await rankingSource.rows(s.h.app.ctx, '2026-10')).toEqual([]);
  });
});

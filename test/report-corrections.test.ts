import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbOptions, openDb } from '../src/store/db.js';
import { reportsForDay, saveReport } from '../src/store/reports.js';
import { REDIS_URL, REPO, ROSTER_PATH, rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';

const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const D = '2026-11-19'; // a Thursday
const t = (hhmm: string, day = D) => `${day}T${hhmm}:00+08:00`;

/** Each head's first report, then a correction as heads really type it, and what the day's report must be after it. */
const PHRASINGS: Array<{
  from: string;
  unit: string;
  first: string;
  fix: string;
  change: string;
  after: Record<string, number | null>;
}> = [
  {
    from: 'wxid_jiaoyu_sun',
    unit: 'jiaoyu',
    first: '教育局：今日受理5件，办结4件，在办1件，满意率95%',
    fix: '刚才报错了，办结是6件',
    change: '办结 4→6件',
    after: { received: 5, completed: 6, inProgress: 1, satisfactionRate: 95 },
  },
  {
    from: 'wxid_weijian_zhou',
    unit: 'weijian',
    first: '区卫健局：受理6件，办结5件，在办1件，超期0件',
    fix: '补充一下：满意率98%',
    change: '满意率 未填报→98%',
    after: { received: 6, completed: 5, inProgress: 1, overdue: 0, satisfactionRate: 98 },
  },
  {
    from: 'wxid_renshe_wu',
    unit: 'renshe',
    first: '人社局今日受理3件，办结3件，无超期',
    fix: '不好意思，超期是1件',
    change: '超期 0→1件',
    after: { received: 3, completed: 3, overdue: 1 },
  },
  {
    from: 'wxid_shengtai_zheng',
    unit: 'shengtai',
    first: '生态环境分局：今日受理2件，办结2件',
    fix: '另外满意率98%',
    change: '满意率 未填报→98%',
    after: { received: 2, completed: 2, satisfactionRate: 98 },
  },
  {
    from: 'wxid_gongan_feng',
    unit: 'gongan',
    first: '公安分局今日受理12件，办结10件，在办2件',
    fix: '更新一下👍 办结11件，在办1件',
    change: '办结 10→11件、在办 2→1件',
    after: { received: 12, completed: 11, inProgress: 1 },
  },
  {
    from: 'wxid_chengguan_chu',
    unit: 'chengguan',
    first: '城管局：今日受理9件，办结8件，在办1件',
    fix: '受理改为10件🙏',
    change: '受理 9→10件',
    after: { received: 10, completed: 8, inProgress: 1 },
  },
  {
    from: 'wxid_shijian_wei',
    unit: 'shijian',
    first: '市场监管局今日受理4件，办结4件，零超期',
    fix: '办结应该是3件，还有1件在办',
    change: '办结 4→3件、在办 未填报→1件',
    after: { received: 4, completed: 3, inProgress: 1, overdue: 0 },
  },
  {
    from: 'wxid_minzheng_jiang',
    unit: 'minzheng',
    first: '民政局：今日受理6件，办结6件，满意率100%',
    fix: '不好意思刚才数字打错了 受理是8件不是6件',
    change: '受理 6→8件',
    after: { received: 8, completed: 6, satisfactionRate: 100 },
  },
];

describe("cli replay of the issue's scenario (test/fixtures/report-correction.jsonl)", () => {
  it('gives the merged report 受理7、办结4、在办1、超期0、满意率98%, a confirmation with 5→7 and a summary with ' +
    'those figures', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'replay', '--config', ROSTER_PATH],
      {
        cwd: REPO,
        input: readFileSync(join(REPO, 'test/fixtures/report-correction.jsonl')),
        encoding: 'utf8',
        env: { ...process.env, REDIS_URL, LOG_LEVEL: 'silent' },
        timeout: 120_000,
      },
    );
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { at: string; to: string; text: string });
    expect(out.map((o) => [o.at, o.to])).toEqual([
      ['2026-11-19T17:20:00+08:00', 'wxid_zhujian_zhang'],
      ['2026-11-19T17:35:00+08:00', 'wxid_zhujian_zhang'],
      ['2026-11-19T18:40:00+08:00', 'group'],
    ]);
    expect(out[1]?.text).toBe(
      '已更正区住房和城乡建设局11月19日日报（第2次报送）：受理 5→7件。\n更正后日报：受理7件、办结4件、在办1件、' +
        '超期0件、满意率98%。',
    );
    expect(out[2]?.text).toContain('合计：受理7件，办结4件，在办1件，超期0件，重办未填报');
    expect(out[2]?.text).toContain('\n区住房和城乡建设局 7/4/1/0/-/-/98%\n');
  }, 150_000);
});

const ENGINES: Array<[string, () => DbOptions | undefined]> = [
  ['pglite', () => undefined],
  ['postgres', () => ({ databaseUrl: PG, schema: `duban_t_${randomUUID().replace(/-/g, '').slice(0, 10)}` })],
];

describe.each(ENGINES)('report corrections on %s', (kind, dbOptions) => {
  let s: Scenario;
  let opts: DbOptions | undefined;
  beforeAll(async () => {
    opts = dbOptions();
    s = await Scenario.open(rosterConfig(), '2026-01-01T00:00:00Z', opts);
  });
  afterAll(async () => {
    await s?.close();
    if (kind === 'postgres' && opts?.schema) {
      const db = await openDb({ databaseUrl: PG });
      await db.query(`drop schema if exists ${opts.schema} cascade`);
      await db.close();
    }
  });

  const stored = async (unit: string, day = D) => (await reportsForDay(s.h.app.db, day)).find((r) => r.unitId === unit);

  it(
    "the issue's replay: a one-figure correction merges into the report, the confirmation says 5→7, the summary " +
      'has every figure',
    async () => {
      const lines = readFileSync(join(REPO, 'test/fixtures/report-correction.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const first = await s.play(lines[0] as Record<string, unknown>);
      const fix = await s.play(lines[1] as Record<string, unknown>);
      expect(first[0]?.text).toBe(
        '已收到区住房和城乡建设局11月19日日报：受理5件、办结4件、在办1件、超期0件、满意率98%。',
      );
      expect(fix).toHaveLength(1);
      expect(fix[0]).toMatchObject({ to: 'wxid_zhujian_zhang' });
      expect(fix[0]?.text).toBe(
        '已更正区住房和城乡建设局11月19日日报（第2次报送）：受理 5→7件。\n更正后日报：受理7件、办结4件、在办1件、' +
          '超期0件、满意率98%。',
      );
      expect(fix[0]?.text).not.toContain('请补充');
      expect(await stored('zhujian')).toMatchObject({
        received: 7,
        completed: 4,
        inProgress: 1,
        overdue: 0,
        satisfactionRate: 98,
        version: 2,
      });
      const versions = await s.h.app.db.query<{ version: number; mode: string; changed: string[]; figures: unknown }>(
        `select version, mode, changed, figures from report_versions where unit_id = 'zhujian' and day = $1 ` +
          `order by version`,
        [D],
      );
      expect(versions.map((v) => [v.version, v.mode, v.changed])).toEqual([
        [1, 'replace', ['received', 'completed', 'inProgress', 'overdue', 'satisfactionRate']],
        [2, 'merge', ['received']],
      ]);
      // The version keeps what the message itself said.
      const own = versions[1]?.figures;
      expect(typeof own === 'string' ? JSON.parse(own) : own).toMatchObject({ received: 7, completed: null });
    },
  );

  it('corrections as heads type them change only the figures they name', async () => {
    for (const [i, p] of PHRASINGS.entries()) {
      await s.play(say(t(`17:${String(i + 1).padStart(2, '0')}`), p.from, p.first));
      const out = await s.play(say(t(`17:${String(i + 21).padStart(2, '0')}`), p.from, p.fix));
      expect(out, p.fix).toHaveLength(1);
      expect(out[0]?.text, p.fix).toContain(`（第2次报送）：${p.change}。`);
      expect(out[0]?.text, p.fix).toMatch(/\n(?:更正|补充)后日报：/);
      expect(out[0]?.text, p.fix).not.toContain('请补充');
      expect(await stored(p.unit), p.fix).toMatchObject({ ...p.after, version: 2 });
    }
  });

  it('the full set again replaces; an acknowledgement or a case code never touches the report', async () => {
    await s.play(say(t('17:41'), 'wxid_chengdong_zhu', '城东街道：今日受理8件，办结7件，在办1件，满意率100%'));
    const again = await s.play(
      say(t('17:42'), 'wxid_chengdong_zhu', '城东街道：今日受理9件，办结8件，在办1件，按时办结率100%'),
    );
    expect(again[0]?.text).toBe(
      '已更新城东街道11月19日日报（第2次报送，以本次为准）：受理9件、办结8件、在办1件、按时办结率100%。' +
        '\n与上次相比：受理 8→9件、办结 7→8件、按时办结率 未填报→100%、满意率 100%→未填报。',
    );
    expect(await stored('chengdong')).toMatchObject({
      received: 9,
      completed: 8,
      satisfactionRate: null,
      onTimeRate: 100,
      version: 2,
    });
    for (const [i, text] of ['D9 收到', '好的收到1', '收到2份', '好的收到👌 1', 'd12收到！'].entries()) {
      const out = await s.play(say(t(`17:4${i + 3}`), 'wxid_chengdong_zhu', text));
      expect(
        out.every((o) => !o.text.includes('日报')),
        text,
      ).toBe(true);
    }
    expect(await stored('chengdong')).toMatchObject({ received: 9, completed: 8, version: 2 });
  });

  it('the summary sums only figures given and says how many units gave each', async () => {
    const out = await s.play(run(t('18:40'), 'daily-summary'));
    expect(out).toHaveLength(1);
    const text = out[0]?.text ?? '';
    // received 7+5+6+3+2+12+10+4+8+9 = 66 and completed 4+6+5+3+2+11+8+3+6+8 = 56 by all 10 units;
    // 在办 by 7 units, 超期 by 4 (住建 0, 卫健 0, 人社 1, 市场监管 0); nobody gave 重办.
    expect(text).toContain('报送：10/18个单位，未报8个。');
    expect(text).toContain(
      '合计：受理66件，办结56件，在办7件（7个单位填报），超期1件（4个单位填报），重办未填报，不满意未填报，' +
        '退办/不再办理未填报。',
    );
    expect(text).toContain('区住房和城乡建设局 7/4/1/0/-/-/98%');
    expect(text).toContain('区人力资源和社会保障局 3/3/-/1/-/-/-');
  });

  it('a correction after the summary went out is sent as a short 更正 note to whoever got the summary', async () => {
    const out = await s.play(say(t('19:05'), 'wxid_zhujian_zhang', '不好意思，办结应为5件'));
    expect(out.find((o) => o.to === 'wxid_zhujian_zhang')?.text).toContain('办结 4→5件');
    const note = out.find((o) => o.to === 'group');
    expect(note?.text).toBe(
      '【更正】11月19日日报汇总发出后，区住房和城乡建设局更正了当日数据：办结 4→5件。更正后：受理7件、办结5件、' +
        '在办1件、超期0件、满意率98%。',
    );
    expect(out).toHaveLength(2);
    // Withdrawn again (撤回): the figures the summary showed stand, and whoever got the note hears it.
    const back = await s.play({ at: t('19:06'), from: 'wxid_zhujian_zhang', recall: true });
    expect(back.find((o) => o.to === 'wxid_zhujian_zhang')?.text).toContain(
      '已作废。当前以此前报送为准：受理7件、办结4件',
    );
    expect(back.find((o) => o.to === 'group')?.text).toBe(
      '【更正】11月19日日报汇总发出后，区住房和城乡建设局更正了当日数据：办结 5→4件。更正后：受理7件、办结4件、' +
        '在办1件、超期0件、满意率98%。',
    );
    expect(await stored('zhujian')).toMatchObject({ received: 7, completed: 4, version: 2 });
  });

  it('撤回 of a correction withdraws its version: the previous report stands and the head is told', async () => {
    const day = '2026-11-20';
    await s.play(say(t('17:10', day), 'wxid_hubin_you', '湖滨街道：今日受理5件，办结5件，满意率99%'));
    const fix = await s.play(say(t('17:20', day), 'wxid_hubin_you', '更正：受理应为50件'));
    expect(fix[0]?.text).toContain('受理 5→50件');
    const out = await s.play({ at: t('17:21', day), from: 'wxid_hubin_you', recall: true });
    expect(out).toEqual([
      expect.objectContaining({
        to: 'wxid_hubin_you',
        text: '您撤回的湖滨街道11月20日日报（第2次报送）已作废。当前以此前报送为准：受理5件、办结5件、满意率99%。',
      }),
    ]);
    expect(await stored('hubin', day)).toMatchObject({ received: 5, completed: 5, satisfactionRate: 99, version: 1 });
    // The next correction is version 3 and merges into what stands.
    const again = await s.play(say(t('17:25', day), 'wxid_hubin_you', '刚才发错了，受理是6件'));
    expect(again[0]?.text).toContain('（第3次报送）：受理 5→6件。');
    expect(await stored('hubin', day)).toMatchObject({ received: 6, completed: 5, satisfactionRate: 99, version: 3 });
    // Withdrawing the only report leaves none; a recall of a chat message that is no report changes nothing.
    await s.play(say(t('17:30', day), 'wxid_xingang_xu', '新港镇今日受理3件，办结2件'));
    const gone = await s.play({ at: t('17:31', day), from: 'wxid_xingang_xu', recall: true });
    expect(gone[0]?.text).toBe('您撤回的新港镇11月20日日报（第1次报送）已作废。该单位当日暂无有效日报，请重新报送。');
    expect(await stored('xingang', day)).toBeUndefined();
    await s.play(say(t('17:32', day), 'wxid_xingang_xu', '好的'));
    expect(await s.play({ at: t('17:33', day), from: 'wxid_xingang_xu', recall: true })).toEqual([]);
  });

  it(
    'store: a message stored again (a retry after a crash)' + ' gives its version, mode and the report before it',
    async () => {
      const none = {
        received: null,
        completed: null,
        inProgress: null,
        overdue: null,
        reopened: null,
        unsatisfied: null,
        returned: null,
        onTimeRate: null,
        satisfactionRate: null,
      };
      const v1 = { ...none, received: 5, completed: 4 };
      const v2 = { ...v1, received: 7 };
      const base = {
        unitId: 'zigui',
        day: '2026-11-27',
        flags: [],
        afterSummary: false,
        late: false,
        senderId: 'wxid_zigui_yang',
        receivedAt: new Date('2026-11-27T09:00:00Z'),
        text: '',
      };
      const db = s.h.app.db;
      expect(
        await saveReport(db, {
          ...base,
          figures: v1,
          result: v1,
          mode: 'replace',
          changed: ['received', 'completed'],
          baseVersion: 0,
          messageId: 'st-1',
        }),
      ).toMatchObject({ status: 'stored', version: 1 });
      const fix = {
        ...base,
        figures: { ...none, received: 7 },
        result: v2,
        mode: 'merge' as const,
        changed: ['received' as const],
        baseVersion: 1,
        messageId: 'st-2',
      };
      expect(await saveReport(db, fix)).toMatchObject({ status: 'stored', version: 2, result: v2 });
      expect(await saveReport(db, { ...fix, baseVersion: 2 })).toEqual({
        status: 'seen',
        version: 2,
        result: v2,
        changed: ['received'],
        mode: 'merge',
        before: v1,
      });
      // Decided on a version that is no longer the latest: not stored, decide again.
      expect((await saveReport(db, { ...fix, messageId: 'st-3', baseVersion: 1 })).status).toBe('conflict');
    },
  );
});

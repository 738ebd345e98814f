/** A replayed evening for the console tests: reports (one late, some missing), tickets, a dispatch. */
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerConsole } from '../src/http/console/index.js';
import type { SimulatorChat } from '../src/http/console/sim-chat.js';
import { rosterConfig } from './helpers.js';
import { run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

export const DAY = '2026-11-20'; // a Friday
export const t = (hhmm: string, day = DAY) => `${day}T${hhmm}:00+08:00`;
export const LEADER = 'wxid_leader_li';
export const HEAD_ZHUJIAN = 'wxid_zhujian_zhang';
export const DISCIPLINE = 'wxid_disc_zhao';

export const REPORTS: Array<[string, string, string]> = [
  ['17:01', 'wxid_zhujian_xu', '【区住建局】11月20日：今日新受理工单12件，办结10件，在办2件，无超期，满意率98.5%。'],
  ['17:02', 'wxid_jiaoyu_sun', '教育局今天接收工单5件，已全部办结，无重办、不满意。'],
  ['17:03', 'wxid_weijian_zhou', '区卫健局：受理6件，办结5件，在办1件，超期1件。按时办结率95%'],
  ['17:04', 'wxid_renshe_wu', '人社局今日受理工单3件，办结3件。'],
  ['17:05', 'wxid_gongan_feng', '公安分局今日受理工单十二件，办结十件，在办两件，重办1件。'],
  ['17:06', 'wxid_chengguan_chu', '城管局：今日受理9件，办结8件，在办1件，不满意1件，满意率85%。'],
  ['17:07', 'wxid_chengdong_zhu', '城东街道：今日受理工单8件，均已办结，无超期、无重办，满意率100%。'],
  ['18:12', 'wxid_jiaotong_shen', '交通运输局今日受理工单4件，办结3件，在办1件，超期2件。'],
];

/** Plays the evening; the console then sees 8 of 18 units reported, 交通运输局 late. */
export async function replayEvening(): Promise<Scenario> {
  const s = await Scenario.open(rosterConfig());
  const path = await writeXlsx(join(tempDir(), 'list.xlsx'), [
    HEADER,
    ['N001', '小区路灯不亮', '', '区住建局', '', '', '2026-11-16 09:00', '', '办理中', '', 0],
    ['N003', '占道经营', '', '城管局', '', '', '2026-11-17 10:00', '2026-11-18 18:00', '办理中', '', 0],
    ['N004', '校车接送', '', '教育局', '', '', '2026-11-19 09:00', '', '重办', '不满意', 1],
  ]);
  await s.play({ at: t('09:30'), from: 'wxid_sup_liu', file: path, to: 'group' });
  await s.play(run(t('10:00'), 'ticket-nag'));
  await s.play(
    say(t('11:00'), LEADER, '@褚局长 建设路夜市占道经营反复投诉，请下周一上午10点前拿出整治方案并反馈。', {
      mentions: ['wxid_chengguan_chu'],
    }),
  );
  await s.play(say(t('11:20'), 'wxid_chengguan_chu', '收到'));
  await s.play(...REPORTS.map(([hhmm, from, text]) => say(t(hhmm), from, text)));
  await s.play(run(t('18:00'), 'report-deadline'));
  return s;
}

/** The console on its own Fastify over the scenario's app (listening when `listen`). */
export async function consoleServer(
  s: Scenario,
  o: { listen?: boolean; simulator?: SimulatorChat } = {},
): Promise<{ app: FastifyInstance; base: string }> {
  const app = Fastify({ logger: false });
  registerConsole(app, s.h.app.ctx, o.simulator ? { simulator: o.simulator } : {});
  await app.ready();
  if (!o.listen) return { app, base: 'http://127.0.0.1' };
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, base: `http://127.0.0.1:${port}` };
}

/** Asks the bot privately for a console link; returns the token from the link. */
export async function askLink(
  s: Scenario,
  who: string,
  at: string,
): Promise<{ text: string; token: string | undefined }> {
  const out = await s.play(say(at, who, '控制台', { to: 'bot' }));
  const text = out.find((m) => m.to === who)?.text ?? '';
  return { text, token: /\/console\/login\?t=([A-Za-z0-9_-]+)/.exec(text)?.[1] };
}

/**
 * Earlier working days' reports written straight to the store (deterministic figures), so the
 * unit page's 30 days and the ranking's months have something to show. The evening itself is replayed.
 */
export async function seedHistory(s: Scenario, fromDay: string, toDay: string): Promise<number> {
  const { saveReport } = await import('../src/store/reports.js');
  const seeded = <F>(figures: F) => ({
    figures,
    result: figures,
    mode: 'replace' as const,
    changed: [],
    baseVersion: 0,
    flags: [],
    afterSummary: false,
  });
  const { addDays } = await import('../src/domain/calendar.js');
  const app = s.h.app;
  let n = 0;
  let seed = 7;
  const rnd = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) {
    if (!app.calendar.isWorkday(d)) continue;
    for (const [i, u] of app.roster.reportingUnits().entries()) {
      if (rnd(20) === 0) continue; // now and then a unit did not report
      const received = 3 + rnd(10) + (i % 4);
      const completed = Math.max(0, received - rnd(3));
      const overdue = rnd(12) === 0 ? 1 : 0;
      const late = rnd(10) === 0;
      await saveReport(app.db, {
        unitId: u.id,
        day: d,
        late,
        messageId: `seed-${u.id}-${d}`,
        senderId: app.roster.headsOf(u.id)[0]?.id ?? 'seed',
        receivedAt: new Date(`${d}T${late ? '18:2' : '17:1'}${rnd(10)}:00+08:00`),
        text: '(seeded)',
        ...seeded({
          received,
          completed,
          inProgress: received - completed,
          overdue,
          reopened: rnd(8) === 0 ? 1 : 0,
          unsatisfied: rnd(9) === 0 ? 1 : 0,
          returned: 0,
          onTimeRate: 88 + rnd(13),
          satisfactionRate: 86 + rnd(15),
        }),
      });
      n++;
    }
  }
  return n;
}

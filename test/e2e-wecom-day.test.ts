/**
 * The daily report loop end to end on the WeCom AI-bot channel: the real pipeline (BullMQ on Redis,
 * PGlite, handlers, routines, outbox) talking through the official SDK to the fake long-connection
 * server, on a clock the test moves (17:05 → 18:40). What is checked is what went over the wire:
 * the frames the fake server received (markdown with `<@userid>`, pushes and replies, the day card
 * uploaded in chunks and sent as an image).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/domain/clock.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { playLine, scenarioLineSchema } from '../src/sim/scenario.js';
import type { FakeSent } from '../src/sim/wecom/fake-server.js';
import { WecomWorld } from '../src/sim/wecom-world.js';
import { reportsForDay } from '../src/store/reports.js';
import { REDIS_URL, rosterConfig, testLogger } from './helpers.js';

const at = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`; // a Monday
const ZHANG = 'wxid_zhujian_zhang'; // 住建局 head
const XU = 'wxid_zhujian_xu'; // 住建局 liaison
const ZHOU = 'wxid_weijian_zhou';
const SUN = 'wxid_jiaoyu_sun';
const WU = 'wxid_renshe_wu';
const LIU = 'wxid_sup_liu';
const CHEN = 'wxid_sup_chen';

describe('end to end on WeCom: the daily report loop against the fake long connection', () => {
  let h: Harness<WecomWorld>;
  let clock: ManualClock;
  const wire: Array<FakeSent & { at: string }> = [];
  let n = 0;
  const play = async (...lines: object[]) => {
    const from = wire.length;
    for (const raw of lines) {
      const problem = await playLine(h, clock, scenarioLineSchema.parse(raw), `d${++n}`);
      if (problem) throw new Error(problem);
    }
    return wire.slice(from);
  };

  beforeAll(async () => {
    const config = rosterConfig();
    config.reports = { ...config.reports, summaryFormat: 'both' };
    const world = await WecomWorld.create(config);
    clock = new ManualClock(at('08:00'));
    world.fake.onSent((s) => wire.push({ ...s, at: clock.now().toISOString() }));
    h = await startHarness({ config, redisUrl: REDIS_URL, clock, log: testLogger(), world });
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('reports @-ing the bot in the group and sent privately are stored, each confirmed to its sender', async () => {
    const out = await play(
      { at: at('17:05'), from: ZHANG, text: '@督办助手 住建局今日受理12件，办结10件，在办2件' },
      // Not @-ing the bot: WeCom does not deliver it.
      { at: at('17:06'), from: SUN, text: '教育局今日受理5件，办结5件' },
      { at: at('17:07'), from: ZHOU, text: '区卫健局：受理6件，办结5件，在办1件', to: 'bot' },
      // The liaison's private report is the unit's (a second version of 住建局's).
      { at: at('17:08'), from: XU, text: '住建局：受理12件，办结11件，在办1件', to: 'bot' },
    );
    const stored = await reportsForDay(h.app.db, '2026-11-30');
    expect(stored.map((r) => r.unitId).sort()).toEqual(['weijian', 'zhujian']);
    expect(stored.find((r) => r.unitId === 'zhujian')).toMatchObject({ received: 12, completed: 11 });
    // Each confirmation goes point-to-point to whoever sent the report (the group is not flooded).
    expect(out.map((s) => [s.to, s.chatid, s.msgtype])).toEqual([
      [ZHANG, ZHANG, 'markdown'],
      [ZHOU, ZHOU, 'markdown'],
      [XU, XU, 'markdown'],
    ]);
    expect(out[0]?.text).toMatch(/^已收到区住房和城乡建设局11月30日日报：受理12件、办结10件/);
    expect(out[2]?.text).toMatch(/^已更新区住房和城乡建设局11月30日日报（第2次报送/);
  });

  it('17:30 reminder, 18:00 roll-call: pushed to the group, <@userid> for the missing, the @ rule said', async () => {
    const out = await play({ at: at('17:30'), run: 'report-reminder' }, { at: at('18:00'), run: 'report-deadline' });
    expect(out.map((s) => [s.to, s.msgtype, s.reply ?? false])).toEqual([
      ['group', 'markdown', false],
      ['group', 'markdown', false],
    ]);
    for (const s of out) {
      expect(s.chatid).toBe(h.world.fake.groupChatId);
      expect(s.mentions).toEqual(expect.arrayContaining([SUN, WU]));
      expect(s.mentions).not.toContain(ZHANG);
      expect(s.text).toContain(`<@${SUN}>`);
      expect(s.text).toContain('群内发送日报须@督办助手才能收到，也可私聊督办助手');
    }
  });

  it('a late report counts as late; the 18:30 escalation goes to each supervisor privately', async () => {
    const late = await play({ at: at('18:05'), from: WU, text: '@督办助手 人社局今日受理6件，办结6件' });
    expect(late).toHaveLength(1);
    expect(late[0]?.text).toContain('已记为迟报');
    const esc = await play({ at: at('18:30'), run: 'report-escalation' });
    expect(esc.map((s) => s.to).sort()).toEqual([CHEN, LIU].sort());
    for (const s of esc) {
      expect(s.chatid).toBe(s.to);
      expect(s.text).toMatch(/^督办提请：截至11月30日18:30/);
      expect(s.text).not.toContain('区人力资源和社会保障局');
    }
  });

  it('18:40 summary: the text, then the day card uploaded over the connection, sent as an image', async () => {
    const out = await play({ at: at('18:40'), run: 'daily-summary' });
    expect(out.map((s) => [s.to, s.msgtype])).toEqual([
      ['group', 'markdown'],
      ['group', 'image'],
    ]);
    expect(out[0]?.text).toMatch(/^【11月30日 12345热线日报汇总】/);
    expect(out[0]?.text).toContain('迟报：区人力资源和社会保障局');
    const image = out[1]?.file;
    expect(image?.type).toBe('image');
    expect(image?.name).toMatch(/\.png$/);
    // The bytes the fake put together from the chunks are the PNG.
    expect(image?.bytes.subarray(1, 4).toString()).toBe('PNG');
    // Nothing was refused or left unsent.
    expect(wire.every((s) => s.answer === 'ok')).toBe(true);
    const [row] = await h.app.db.query<{ n: number }>(
      'select count(*)::int as n from outbound_messages where sent_at is null',
    );
    expect(row?.n).toBe(0);
  });
});

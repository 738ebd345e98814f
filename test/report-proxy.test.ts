/** Issue 12, item 13: a refused 代报 is shown to the unit it was for, which may adopt it in one step. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAdoptReply } from '../src/domain/report/adopt.js';
import { reportsForDay } from '../src/store/reports.js';
import { run, Scenario, say } from './scenario.js';

const D = '2026-11-30'; // a Monday
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;
const QIN = 'wxid_chengxi_qin';
const YOU = 'wxid_hubin_you';
const LI = 'wxid_leader_li';
const LIU = 'wxid_sup_liu';
const LV = 'wxid_shuanghe_lv';
const HE = 'wxid_fenghuang_he';
const XU = 'wxid_xingang_xu';
const SHEN = 'wxid_jiaotong_shen';

describe('isAdoptReply', () => {
  it.each(['采用', '确认代报', '好的，采用[抱拳]', '@督办助手 同意采用。', '确认采用', '采用代报数据', '可以，采用👌'])(
    'adopts: %s',
    (t) => expect(isAdoptReply(t)).toBe(true),
  );
  it.each(['不采用', '采用什么？', '代报的数据有误', '收到', '确认', '采用了新的处置方式，已办结'])(
    'does not: %s',
    (t) => expect(isAdoptReply(t)).toBe(false),
  );
});

describe('refused 代报 offered to the unit and adopted (replay)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  const stored = async (unit: string) => (await reportsForDay(s.h.app.db, D)).find((r) => r.unitId === unit);

  it(
    "tells the unit's head what was received and from whom, with one step to adopt; the sender is told it was " +
      'passed on',
    async () => {
      const tries: Array<[string, string, string, string, RegExp, string]> = [
        [
          QIN,
          '双河镇：今日受理3件，办结3件。',
          LV,
          '秦主任（城西街道）',
          /^您好，您不是双河镇的报送人员，本条日报未予记录。.*已将本条内容转告该单位负责同志，由其确认是否采用。$/,
          '受理3件、办结3件',
        ],
        [
          YOU,
          '【凤凰镇】今日受理4件，办结4件，满意率100%👍',
          HE,
          '尤主任（湖滨街道）',
          /^您好，您不是凤凰镇的报送人员/,
          '受理4件、办结4件、满意率100%',
        ],
        [
          LI,
          '许镇长电话报：新港镇今日受理2件，办结2件',
          XU,
          '李主任',
          // check-lines: long regex
          /^本条暂未记为新港镇日报。如需代报，请注明“代报”，例如“代报新港镇：今日受理…”。已将本条内容转告该单位负责同志，由其确认是否采用。$/,
          '受理2件、办结2件',
        ],
        [
          LIU,
          '帮交通局报一下：今日受理5件，办结4件，在办1件',
          SHEN,
          '刘组长',
          /^本条暂未记为区交通运输局日报/,
          '受理5件、办结4件、在办1件',
        ],
      ];
      for (const [i, [from, text, head, label, refusal, figures]] of tries.entries()) {
        const out = await s.play(say(t(`17:0${i}`), from, text));
        expect(out.map((o) => o.to).sort(), text).toEqual([from, head].sort());
        expect(out.find((o) => o.to === from)?.text).toMatch(refusal);
        const offer = out.find((o) => o.to === head)?.text ?? '';
        expect(offer).toContain(
          `【代报待确认】${label}于11月30日17:0${i}发送了贵单位11月30日日报数据，因非本单位人员报送，未予记录。`,
        );
        expect(offer).toContain(`识别数据：${figures}。`);
        expect(offer).toContain(`原文：${text}`);
        expect(offer).toMatch(/请回复“采用”，即作为贵单位日报记录；如不采用，请按时自行报送。$/);
      }
      for (const u of ['shuanghe', 'fenghuang', 'xingang', 'jiaotong']) expect(await stored(u)).toBeUndefined();
    },
  );

  it(
    "采用 / 确认代报 / 好的，采用 / 同意采用 store it as the unit's report with a normal confirmation; the " +
      'sender hears back',
    async () => {
      const adopts: Array<[string, string, 'group' | 'bot', string, string, string]> = [
        [
          LV,
          '采用',
          'bot',
          'shuanghe',
          QIN,
          '已收到双河镇11月30日日报：受理3件、办结3件。\n以上数据采用秦主任（城西街道）的代报，已按贵单位日报记录。',
        ],
        [
          HE,
          '确认代报',
          'group',
          'fenghuang',
          YOU,
          '已收到凤凰镇11月30日日报：受理4件、办结4件、满意率100%。\n以上数据采用尤主任（湖滨街道）的代报，' +
            '已按贵单位日报记录。',
        ],
        [
          XU,
          '好的，采用[抱拳]',
          'bot',
          'xingang',
          LI,
          '已收到新港镇11月30日日报：受理2件、办结2件。\n以上数据采用李主任的代报，已按贵单位日报记录。',
        ],
        [
          SHEN,
          '@督办助手 同意采用。',
          'group',
          'jiaotong',
          LIU,
          '已收到区交通运输局11月30日日报：受理5件、办结4件、在办1件。\n以上数据采用刘组长的代报，已按贵单位日报记录。',
        ],
      ];
      for (const [i, [head, text, to, unit, proxy, confirm]] of adopts.entries()) {
        const out = await s.play(say(t(`17:1${i}`), head, text, { to }));
        expect(out.map((o) => o.to).sort(), text).toEqual([head, proxy].sort());
        expect(out.find((o) => o.to === head)?.text).toBe(confirm);
        expect(out.find((o) => o.to === proxy)?.text).toMatch(
          /^您代报的.+11月30日日报已由.+确认采用，已按该单位日报记录。$/,
        );
        expect(await stored(unit)).toMatchObject({ senderId: head, late: false, version: 1 });
      }
      const v = await s.h.app.db.query<{ text: string }>(
        `select text from report_versions where unit_id = 'shuanghe' and day = $1`,
        [D],
      );
      expect(v[0]?.text).toBe(
        '双河镇：今日受理3件，办结3件。\n〔秦主任（城西街道）于11月30日17:00代报，吕镇长确认采用〕',
      );
    },
  );

  it('the adopted units are not named as missing at 17:30', async () => {
    const out = await s.play(run(t('17:30'), 'report-reminder'));
    for (const name of ['双河镇', '凤凰镇', '新港镇', '区交通运输局']) expect(out[0]?.text).not.toContain(name);
  });

  it('a second 采用, or 采用 with nothing offered, adopts nothing', async () => {
    const again = await s.play(say(t('17:40'), LV, '采用', { to: 'bot' }));
    expect(again).toHaveLength(1);
    expect(again[0]?.text).toMatch(/^您好，这条消息未能识别/);
    expect((await stored('shuanghe'))?.version).toBe(1);
    expect(await s.play(say(t('17:41'), 'wxid_nongye_han', '采用'))).toEqual([]);
    expect(await stored('nongye')).toBeUndefined();
  });

  it("a unit that has reported already is not bothered with someone else's figures", async () => {
    await s.play(say(t('17:50'), 'wxid_chengdong_zhu', '城东街道今日受理8件，办结8件。'));
    const out = await s.play(say(t('17:51'), QIN, '城东街道：今日受理9件，办结9件。'));
    expect(out).toEqual([
      {
        at: t('17:51'),
        to: QIN,
        mentions: [],
        text: '您好，您不是城东街道的报送人员，本条日报未予记录。请由该单位负责同志或联络员报送。',
      },
    ]);
    expect((await stored('chengdong'))?.received).toBe(8);
  });

  it(
    "a leader's or supervisor's 代…报 (代农业农村局报, 代为报送, 代城管局报送) is taken as 代报; a correction " +
      'after the deadline is not called late',
    async () => {
      const cases: Array<[string, string, string, string]> = [
        [
          LI,
          '代农业农村局报：今日受理2件，办结2件，满意率100%',
          'nongye',
          '已收到区农业农村局11月30日日报：受理2件、办结2件、满意率100%。',
        ],
        [
          LIU,
          '代城管局报送：今日受理6件，办结5件，在办1件',
          'chengguan',
          '已收到区城市管理局11月30日日报：受理6件、办结5件、在办1件。',
        ],
        [
          'wxid_leader_wang',
          '代为报送 区民政局：今日受理1件，办结1件',
          'minzheng',
          '已收到区民政局11月30日日报：受理1件、办结1件。',
        ],
      ];
      for (const [i, [from, text, unit, confirm]] of cases.entries()) {
        const out = await s.play(say(t(`17:5${i + 2}`), from, text));
        expect(out.find((o) => o.to === from)?.text, text).toBe(confirm);
        expect(await stored(unit)).toMatchObject({ senderId: from, late: false });
      }
      // The unit's own head corrects at 18:45: lateness is the first report's, so no 迟报 claim.
      const fix = await s.play(
        say(`${D}T18:45:00+08:00`, 'wxid_nongye_han', '区农业农村局今日受理3件，办结3件，满意率100%'),
      );
      expect(fix[0]?.text).toMatch(/^已更新区农业农村局11月30日日报（第2次报送/);
      expect(fix[0]?.text).not.toContain('迟报');
      expect(await stored('nongye')).toMatchObject({ late: false, version: 2 });
    },
  );
});

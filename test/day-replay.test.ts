import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO } from './helpers.js';
import { runReplay } from './replay-run.js';

/**
 * A working day in 联系服务群众工作 played through `cli replay` with the example district
 * (test/fixtures/qa-day-*.jsonl, the ticket lists beside them): leaders' dispatches in several
 * phrasings, units signing and answering, the evening's reports in several styles, commands,
 * 双派单 rounds up to 双问责. Key messages only, not a snapshot: each check names who gets what.
 */
type Sent = { at: string; to: string; text: string; mentions: string[]; file?: string };

function replay(name: string): Sent[] {
  const r = runReplay<Sent>(readFileSync(join(FIXTURES, `${name}.jsonl`), 'utf8'), {
    config: join(REPO, 'config/district.example.yaml'),
  });
  expect(r.status).toBe(0);
  expect(r.stderr).toBe('');
  return r.out;
}

/** The texts sent to `to` at `hhmm` on `day` (default 11-30). */
function textsAt(out: Sent[], to: string, hhmm: string, day = '11-30'): string[] {
  return out.filter((o) => o.to === to && o.at.startsWith(`2026-${day}T${hhmm}`)).map((o) => o.text);
}

const GROUP = 'group';

describe('a working day replayed (example district)', () => {
  it('morning: dispatches in several phrasings, 签收 with and without a code, answers to the leader', () => {
    const out = replay('qa-day-morning');
    // @-mentions of two heads; 收到 privately and a promise to act in the group both sign.
    expect(textsAt(out, GROUP, '08:31')).toEqual([
      '已转办区城市管理局（褚局长）、湖滨街道（尤主任），时限11月30日（星期一）17:00，编号 D1',
    ]);
    expect(textsAt(out, 'wxid_chengguan_chu', '08:35')).toEqual([
      '已登记签收 D1，办理时限11月30日（星期一）17:00，办理后请回复结果。',
    ]);
    expect(textsAt(out, 'wxid_hubin_you', '08:36')).toEqual([
      '已登记签收 D1，办理时限11月30日（星期一）17:00，办理后请回复结果。',
    ]);
    // The morning ticket list starts two 双派单 rounds (不满意, 重办) and names the overdue tickets.
    const imported = textsAt(out, GROUP, '08:45')[0] ?? '';
    expect(imported).toContain('其中不满意、重办工单2件，已启动双派单 SP1、SP2。');
    expect(imported).toContain('目前超期未办结工单4件。');
    expect(textsAt(out, 'wxid_chengxi_qin', '08:45')[0]).toMatch(/^【双派单 SP1】工单 2026112300410（群众不满意）/);
    expect(textsAt(out, 'wxid_hubin_you', '08:45')[0]).toContain('本轮只派发一次');
    // A head named without @ (张局长：…明天上午给我个准信), signed with its code.
    expect(textsAt(out, GROUP, '08:52')).toEqual([
      '已转办区住房和城乡建设局（张局长），时限12月1日（星期二）12:00，编号 D2',
    ]);
    expect(textsAt(out, 'wxid_zhujian_zhang', '08:58')).toEqual([
      '已登记签收 D2，办理时限12月1日（星期二）12:00，办理后请回复结果。',
    ]);
    // 签收 in the group after the ticket digest; an urgent dispatch signed with 👌.
    expect(textsAt(out, GROUP, '09:03')).toEqual(['@冯局长 已签收，督办记录已更新。']);
    expect(textsAt(out, GROUP, '09:06')[0]).toMatch(/^【紧急】已转办区公安分局（冯局长），时限11月30日（星期一）11:06/);
    expect(textsAt(out, 'wxid_gongan_feng', '09:08')).toEqual([
      '已登记签收 D3，办理时限11月30日（星期一）11:06，办理后请回复结果。',
    ]);
    // Units named with 、 and a colon; 好的收到 signs.
    expect(textsAt(out, GROUP, '09:12')[0]).toMatch(/城西街道（秦主任），时限12月2日（星期三）18:00，编号 D4$/);
    expect(textsAt(out, 'wxid_renshe_wu', '09:15')[0]).toMatch(/^已登记签收 D4/);
    // A stranger gets nothing; a bare 收到 with two items unsigned asks which.
    expect(out.some((o) => o.to === 'wxid_new_guy' || o.mentions.includes('wxid_new_guy'))).toBe(false);
    expect(textsAt(out, 'wxid_chengxi_qin', '09:42')[0]).toContain('请问这条签收对应哪一件？');
    // Answers addressed to the leader (报告王主任 / 报告李主任 / @王副主任) reach that leader.
    expect(textsAt(out, 'wxid_leader_wang', '09:50')[0]).toMatch(/^【调度反馈 D3】区公安分局（冯局长）：\n报告王主任/);
    expect(textsAt(out, 'wxid_leader_li', '11:10')[0]).toMatch(/^【调度反馈 D2】区住房和城乡建设局（张局长）：/);
    expect(textsAt(out, 'wxid_leader_wang', '16:20')[0]).toMatch(/^【调度反馈 D1】区城市管理局（褚局长）：\n已办结：/);
    expect(textsAt(out, 'wxid_leader_wang', '16:25')[0]).toMatch(/D1 各单位均已反馈。$/);
    // Leaders ask: one dispatch's course, the open ones, a topic not among their own.
    expect(textsAt(out, 'wxid_leader_wang', '10:05')[0]).toMatch(/^【D1】王副主任于11月30日08:31交办（办理中）/);
    expect(textsAt(out, 'wxid_leader_li', '10:08')[0]).toMatch(/^没有找到与“湖滨路夜市”相关的调度。/);
    expect(textsAt(out, 'wxid_leader_wang', '16:40')[0]).toMatch(/^未办结调度 1 件（按单位）：/);
    // A unit's 我的待办 / 调度进展; reminders; a ticket reported done.
    expect(textsAt(out, 'wxid_zhujian_zhang', '10:20')[0]).toContain(
      '· 超期工单1件：2026112000153（小区电梯长期停运）',
    );
    expect(textsAt(out, 'wxid_chengxi_qin', '10:15')[0]).toContain('· 双派单1件：SP1');
    expect(textsAt(out, 'wxid_chengxi_qin', '10:30')[0]).toMatch(/^【调度提醒 D4】.*尚未签收/);
    expect(textsAt(out, GROUP, '15:10')).toEqual([
      '@张局长 已记录工单 2026112000153 的办结情况，最终以 12345 平台状态为准。',
    ]);
  }, 180_000);

  it('evening: reports in several styles, corrections, a missing figure, a recall, the 18:00 routines, summary', () => {
    const out = replay('qa-day-evening');
    expect(textsAt(out, 'wxid_zhujian_xu', '17:08')[0]).toContain('办结 10→11件、在办 2→1件');
    // Emoji and a numbered list; 繁體; privately; keyword-number pairs; a typed table; 接件/百分百; 为一百.
    expect(textsAt(out, 'wxid_jiaoyu_sun', '17:10')[0]).toBe(
      '已收到区教育局11月30日日报：受理8件、办结7件、在办1件、超期0件、重办0件、满意率97%。',
    );
    expect(textsAt(out, 'wxid_weijian_zhou', '17:12')[0]).toMatch(/^已收到区卫生健康局11月30日日报：受理9件、办结8件/);
    expect(textsAt(out, 'wxid_shijian_wei', '17:15')[0]).toMatch(/^已收到区市场监督管理局11月30日日报/);
    expect(textsAt(out, 'wxid_hubin_you', '17:18')[0]).toBe(
      '已收到湖滨街道11月30日日报：受理8件、办结8件、在办0件、超期0件。',
    );
    expect(textsAt(out, 'wxid_chengguan_chu', '17:42')[0]).toMatch(/受理15件、办结13件、在办2件、超期0件/);
    expect(textsAt(out, 'wxid_nongye_han', '17:47')[0]).toMatch(/受理3件、办结3件、满意率100%/);
    expect(textsAt(out, 'wxid_minzheng_jiang', '18:08')[0]).toMatch(
      /满意率100%。\n本次报送晚于18:00截止时间，已记为迟报。$/,
    );
    // A missing figure is asked for, then merged; 改为 corrects two figures.
    expect(textsAt(out, 'wxid_renshe_wu', '17:20')[0]).toMatch(/请补充：办结件数。$/);
    expect(textsAt(out, 'wxid_renshe_wu', '17:24')[0]).toContain('办结 未填报→5件');
    expect(textsAt(out, 'wxid_chengdong_zhu', '17:38')[0]).toContain('受理 8→9件、办结 8→9件');
    // A recalled report is void.
    expect(textsAt(out, 'wxid_shengtai_zheng', '17:26')[0]).toMatch(/已作废。该单位当日暂无有效日报，请重新报送。$/);
    // 17:30 reminder, 18:00 roll call, 18:30 escalation, 18:40 summary.
    const reminder = textsAt(out, GROUP, '17:30')[0] ?? '';
    expect(reminder).toContain('温馨提醒：今日（11月30日）日报请于18:00前报送');
    expect(reminder).not.toContain('区生态环境分局');
    expect(textsAt(out, GROUP, '18:00')[0]).toContain('已报13个，尚未报送5个');
    expect(textsAt(out, 'wxid_gongan_feng', '18:04')[0]).toMatch(/已记为迟报。$/);
    expect(textsAt(out, 'wxid_sup_liu', '18:30')[0]).toContain('以下3个单位尚未报送当日日报：新港镇（许镇长）');
    const summary = textsAt(out, GROUP, '18:40')[0] ?? '';
    expect(summary).toMatch(/^【11月30日 12345热线日报汇总】\n报送：15\/18个单位（迟报2个），未报3个。/);
    expect(summary).toContain('· 区交通运输局：满意率80%');
    expect(summary).toContain('区住房和城乡建设局 12/11/1/0/-/-/98.5%');
    // After the summary: a late report and a correction are noted in the group.
    expect(textsAt(out, GROUP, '18:50')[0]).toMatch(/^【补报】11月30日日报汇总发出后，新港镇补报了当日日报/);
    expect(textsAt(out, GROUP, '18:55')[0]).toMatch(/^【更正】.*受理 12→13件/);
  }, 180_000);

  it('双派单 over a week: signing, 退办, answers, 双倒查, a new round on re-import, the ladder, summaries', () => {
    const out = replay('qa-day-dual');
    expect(textsAt(out, GROUP, '09:20')).toEqual([
      '@张局长 已登记签收 SP1，请于12月2日（星期三）18:00前答复办理情况。',
    ]);
    expect(textsAt(out, 'wxid_chengxi_qin', '09:25')).toEqual([
      '已登记签收 SP1，请于12月2日（星期三）18:00前答复办理情况。',
    ]);
    // A 退办 request goes to both leaders; a bare 同意吧 decides nothing; 同意 TB001 does.
    expect(textsAt(out, 'wxid_leader_li', '09:40')[0]).toMatch(/^【退办申请】TB001\n工单：2026112500031/);
    expect(textsAt(out, 'wxid_leader_wang', '09:45')[0]).toMatch(/回复“同意 TB001”即可。$/);
    expect(textsAt(out, 'wxid_renshe_wu', '09:52')[0]).toMatch(/已获王副主任同意/);
    expect(textsAt(out, 'wxid_leader_li', '09:52')[0]).toMatch(/已由王副主任于11月30日09:52同意/);
    expect(textsAt(out, 'wxid_sup_liu', '10:10')[0]).toMatch(/^未办结的双派单 2 件：/);
    expect(textsAt(out, 'wxid_sup_liu', '10:12')[0]).toMatch(/^【SP1 进展】/);
    // A one-sided round answered without a code privately gets the 双倒查 questions.
    expect(textsAt(out, 'wxid_hubin_you', '16:00')[0]).toMatch(/^【双倒查 SP2】/);
    expect(textsAt(out, GROUP, '09:10', '12-01')).toEqual(['@张局长 已记录贵单位对 SP1 的双倒查答复。谢谢！']);
    // The next morning: 回头看, a trial 月评比 with its Excel, 书面督办.
    expect(textsAt(out, 'wxid_leader_li', '09:00', '12-01')[0]).toMatch(/^【回头看】11月份未解决和不满意工单共6件/);
    expect(out.some((o) => o.to === 'wxid_leader_li' && o.file === '月评比-2026-11.xlsx')).toBe(true);
    expect(textsAt(out, GROUP, '09:00', '12-01').some((t) => t.includes('月评比'))).toBe(false);
    expect(textsAt(out, 'wxid_chengguan_chu', '09:00', '12-01')[0]).toMatch(/^【书面督办通知】区城市管理局负责同志/);
    // A re-imported list rates a closed ticket 不满意: a new round, signed with 签收 and 收到.
    expect(textsAt(out, GROUP, '10:00', '12-01')[0]).toContain('已启动双派单 SP3。');
    expect(textsAt(out, GROUP, '10:10', '12-01')).toEqual([
      '@尤主任 已登记签收 SP3，请于12月3日（星期四）18:00前答复办理情况。',
    ]);
    expect(textsAt(out, 'wxid_chengxi_qin', '16:00', '12-02')[0]).toMatch(/^【双倒查 SP1】.*两方均已答复/);
    expect(textsAt(out, 'wxid_hubin_you', '09:00', '12-04')[0]).toMatch(
      /^【红色督办】【即时督办 SP3】.*已超期1个工作日/,
    );
    expect(textsAt(out, 'wxid_leader_wang', '17:00', '12-04')[0]).toMatch(/^【每周汇总】11月30日至12月4日/);
  }, 180_000);

  it('commands and small talk: 帮助 per role, 控制台 only privately, 在吗, 谢谢, strangers, held answers', () => {
    const out = replay('qa-day-commands');
    expect(textsAt(out, GROUP, '08:40')[0]).toMatch(/^@孙局长 您好，我是督办助手/);
    expect(textsAt(out, 'wxid_leader_li', '08:41')[0]).toContain('发送“调度进展”查看未办结的调度');
    expect(textsAt(out, 'wxid_sup_liu', '08:42')[0]).toContain('双问责');
    expect(textsAt(out, 'wxid_zhujian_xu', '08:43')[0]).toContain('发送“我的待办”');
    expect(textsAt(out, 'wxid_disc_zhao', '08:44')[0]).not.toContain('本单位日报');
    expect(out.some((o) => o.to.startsWith('wxid_stranger') || o.to === 'wxid_new_guy')).toBe(false);
    expect(textsAt(out, GROUP, '08:50')).toEqual([
      '@李主任 控制台登录链接只在私聊中发送，请私聊督办助手发送“控制台”获取。',
    ]);
    // 收到👍 / 好的，明白 / [抱拳] sign; 在吗 names what waits.
    expect(textsAt(out, 'wxid_jiaoyu_sun', '09:00')[0]).toMatch(/^已登记签收 D1/);
    expect(textsAt(out, 'wxid_weijian_zhou', '09:02')[0]).toMatch(/^您好，我在。D1（调度“实验小学周边流感/);
    expect(textsAt(out, 'wxid_weijian_zhou', '09:03')[0]).toMatch(/^已登记签收 D1/);
    expect(textsAt(out, GROUP, '09:10')).toEqual([
      '已转办区住房和城乡建设局（张局长），时限11月30日（星期一）16:00，编号 D2',
    ]);
    expect(textsAt(out, 'wxid_zhujian_xu', '09:12')[0]).toMatch(/^已登记签收 D2/);
    // An answer without a code, its code given again, 报告王主任：…
    expect(textsAt(out, 'wxid_leader_wang', '10:30')[0]).toMatch(/^【调度反馈 D1】区教育局（孙局长）：/);
    expect(textsAt(out, 'wxid_jiaoyu_sun', '10:35')[0]).toMatch(/无需重复回复。$/);
    expect(textsAt(out, 'wxid_leader_wang', '11:00')[0]).toMatch(/D1 各单位均已反馈。$/);
    expect(textsAt(out, 'wxid_zhujian_zhang', '11:30')[0]).toMatch(/^不客气！D2/);
    expect(textsAt(out, 'wxid_leader_li', '11:25')[0]).toMatch(/^李主任待办事项/);
    expect(textsAt(out, 'wxid_leader_li', '15:40')[0]).toMatch(/^【调度反馈 D2】区住房和城乡建设局（徐科长）：/);
    expect(textsAt(out, 'wxid_shuanghe_lv', '16:12')[0]).toMatch(
      // check-lines: long regex
      /^控制台登录链接（30分钟内有效，仅可使用一次，请勿转发）：\nhttp:\/\/\S+\/console\/login\?t=\S+\n登录后可查看：双河镇的日报、工单和调度。$/,
    );
    expect(textsAt(out, 'wxid_leader_wang', '12:05', '12-01')).toEqual(['目前没有未办结的调度。']);
  }, 180_000);

  it('one ticket, three rounds: 双问责 with its evidence to supervision and discipline; files, 代报, 签收', () => {
    const out = replay('qa-day-rounds');
    expect(textsAt(out, 'wxid_zhujian_zhang', '09:00')[0]).toMatch(/^您好，文件「qa-day-round2.csv」未导入。/);
    expect(textsAt(out, 'wxid_zhujian_zhang', '11:00')[0]).toMatch(/^【双派单 SP2】工单 2026112300410（重办，第2轮）/);
    for (const who of ['wxid_sup_liu', 'wxid_sup_chen', 'wxid_disc_zhao']) {
      const sent = out.filter((o) => o.to === who && o.at.startsWith('2026-11-30T14:00'));
      expect(sent[0]?.text).toMatch(/^【双问责 SP3】工单 2026112300410「楼道积水反复」：该工单已进入第3轮双派单/);
      expect(sent[0]?.text).toContain('SP1 城西街道（属地镇街）双倒查答复（秦主任）');
      expect(sent[1]?.file).toBe('双问责证据-SP3-2026112300410.xlsx');
    }
    expect(textsAt(out, 'wxid_leader_li', '14:20')).toEqual([
      '已收到区住房和城乡建设局11月30日日报：受理12件、办结10件、在办2件。',
    ]);
    expect(textsAt(out, 'wxid_zhujian_zhang', '15:10')[0]).toBe(
      '是否指工单 2026112300410（楼道积水反复）？如是报告该工单已办结，请回复“是”确认；' +
        '也可回复“2026112300410 已办结 说明”。',
    );
    expect(textsAt(out, 'wxid_zhujian_zhang', '15:12')[0]).toBe(
      '已记录工单 2026112300410 的办结情况，最终以 12345 平台状态为准。',
    );
    expect(textsAt(out, GROUP, '18:40')[0]).toContain('· 区人力资源和社会保障局：满意率60%');
  }, 180_000);
});

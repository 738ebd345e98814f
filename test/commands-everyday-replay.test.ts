/**
 * Issue 12 item 1, second pass: commands in the words people type (控制台链接发我一下, 打开控制台, 帮助一下,
 * 怎么用？) were recorded as a 双派单 round's answer or got 未能识别. Played through `cli replay` on both channels:
 * a command wrapped in polite words is that command, a message about the bot itself is never an answer, and the
 * round still takes the real answer afterwards.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from './replay-run.js';
import { tempDir } from './ticket-helpers.js';

type Line = { at: string; to: string; text?: string; mentions?: string[] };

const at = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
const LIU = 'wxid_sup_liu';
const ZHANG = 'wxid_zhujian_zhang';
const QIN = 'wxid_chengxi_qin';
const HEADER = '工单编号,标题,诉求内容,承办单位,属地镇街,派单时间,办理时限,状态,满意度,重办次数';

/** 住建局 with one round (SP1, with 城东街道), 城西街道 with a one-sided round (SP2). */
function ticketsFile(): string {
  const path = join(tempDir(), 'rounds.csv');
  const rows = [
    'A001,小区路灯不亮,市民反映城东花园小区路灯不亮已一周。,区住房和城乡建设局,城东街道,2026-11-20 09:00,' +
      '2026-11-25 18:00,已回访,不满意,0',
    'A002,背街小巷垃圾,市民反映城西背街小巷垃圾堆积。,城西街道,城西街道,2026-11-20 09:00,2026-11-25 18:00,' +
      '已回访,不满意,0',
  ];
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

const CONSOLE_ASKS = ['控制台链接发我一下', '麻烦把控制台链接发我', '打开控制台', '进后台', '请发一下控制台的登录链接'];
const HELP_ASKS = ['帮助一下', '怎么用？', '请问怎么使用', '你能干啥', '有哪些功能？'];
const ABOUT_BOT = ['控制台打不开啊', '助手怎么没反应'];

function play(channel: 'wechaty' | 'wecom'): Line[] {
  const lines: object[] = [{ at: at('08:40'), from: LIU, to: 'bot', file: ticketsFile() }];
  let m = 0;
  const next = () => at(`09:${String(m++).padStart(2, '0')}`);
  for (const who of [ZHANG, QIN]) {
    for (const text of [...CONSOLE_ASKS, ...HELP_ASKS, ...ABOUT_BOT])
      lines.push({ at: next(), from: who, text, to: 'bot' });
  }
  // In the Wechaty group, everyday words are chatter (they may be meant for a person): only 帮助 itself is a command.
  if (channel === 'wechaty') lines.push({ at: at('10:00'), from: ZHANG, text: '这个怎么用？' });
  else lines.push({ at: at('10:00'), from: ZHANG, text: '@督办助手 怎么用？' });
  lines.push({ at: at('10:10'), from: QIN, text: '垃圾已经全部清运完了，安排了专人每天保洁', to: 'bot' });
  const r = runReplay<Line>(lines, { channel });
  if (r.status !== 0) throw new Error(`replay failed (${r.status}): ${r.stderr}`);
  return r.out;
}

for (const channel of ['wechaty', 'wecom'] as const) {
  describe(`issue 12.1 on ${channel}: commands in everyday words are never answers`, () => {
    let out: Line[] = [];
    beforeAll(() => {
      out = play(channel);
    }, 150_000);
    const to = (who: string, from: string, until: string) =>
      out.filter((o) => o.to === who && o.at >= at(from) && o.at < at(until)).map((o) => o.text ?? '');

    it('控制台链接发我一下 / 麻烦把控制台链接发我 / 打开控制台 / 进后台 …: the login link, nothing recorded', () => {
      for (const [who, from] of [
        [ZHANG, '09:00'],
        [QIN, '09:12'],
      ] as const) {
        const got = to(who, from, from === '09:00' ? '09:05' : '09:17');
        expect(got).toHaveLength(CONSOLE_ASKS.length);
        for (const t of got) expect(t).toMatch(/^控制台登录链接（/);
      }
    });

    it('帮助一下 / 怎么用？/ 请问怎么使用 / 你能干啥 / 有哪些功能？: the help', () => {
      for (const [who, from, until] of [
        [ZHANG, '09:05', '09:10'],
        [QIN, '09:17', '09:22'],
      ] as const) {
        const got = to(who, from, until);
        expect(got).toHaveLength(HELP_ASKS.length);
        for (const t of got) expect(t).toMatch(/^您好，我是督办助手/);
      }
    });

    it('控制台打不开啊 / 助手怎么没反应: not recorded, not asked about as an answer; the honest fallback', () => {
      for (const [who, from, until] of [
        [ZHANG, '09:10', '09:12'],
        [QIN, '09:22', '09:24'],
      ] as const) {
        const got = to(who, from, until);
        expect(got).toHaveLength(ABOUT_BOT.length);
        for (const t of got) {
          expect(t).toContain('未能识别');
          expect(t).not.toMatch(/已收到贵单位对|是否作为/);
        }
      }
    });

    it('no command was recorded as an answer: the round takes the real answer after them', () => {
      const all = out.map((o) => o.text ?? '');
      expect(all.filter((t) => t.includes('已收到贵单位对'))).toEqual([
        expect.stringMatching(/^【双倒查 SP2】已收到贵单位对 SP2 的答复。/),
      ]);
      expect(out.find((o) => o.to === QIN && o.at === at('10:10'))?.text).toMatch(/^【双倒查 SP2】/);
    });

    it(
      channel === 'wechaty'
        ? 'in the Wechaty group, 这个怎么用？ is chatter: no help posted'
        : 'on WeCom, @督办助手 怎么用？ in the group gets the help there',
      () => {
        const group = out.filter((o) => o.to === 'group' && o.at === at('10:00'));
        if (channel === 'wechaty') expect(group).toEqual([]);
        else expect(group.map((o) => o.text)).toEqual([expect.stringMatching(/^@张局长 您好，我是督办助手/)]);
      },
    );
  });
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReplay } from './replay-run.js';

const replay = (lines: object[] | string) => runReplay(lines);

describe('cli replay', () => {
  it('prints what the bot sent as JSON Lines, at the replay clock, for a two-line scenario', () => {
    const { out, status } = replay([
      { at: '2026-11-20T17:05:00+08:00', from: 'wxid_zhujian_zhang', text: '帮助' },
      { at: '2026-11-20T17:06:30+08:00', from: 'wxid_leader_li', text: '在吗', to: 'bot' },
    ]);
    expect(status).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ at: '2026-11-20T17:05:00+08:00', to: 'group', mentions: ['wxid_zhujian_zhang'] });
    expect(String(out[0]?.text)).toMatch(/^@张局长\s+您好，我是督办助手/);
    expect(out[1]).toEqual({
      at: '2026-11-20T17:06:30+08:00',
      to: 'wxid_leader_li',
      // A greeting to the bot: a short polite answer.
      text: '您好！需要帮助可发送“帮助”。',
      mentions: [],
    });
  });

  it('names a bad line on stderr and goes on', () => {
    const { out, stderr, status } = replay(
      [
        'not json',
        JSON.stringify({ at: 'yesterday', from: 'wxid_zhujian_zhang', text: '帮助' }),
        JSON.stringify({ at: '2026-11-20T17:00:00+08:00', run: 'no-such-routine' }),
        JSON.stringify({ at: '2026-11-20T17:05:00+08:00', from: 'wxid_stranger', text: '帮助' }),
        JSON.stringify({ at: '2026-11-20T17:06:00+08:00', from: 'wxid_hubin_you', text: '帮助' }),
      ].join('\n'),
    );
    expect(status).toBe(0);
    expect(stderr).toMatch(/line 1: .*JSON/);
    expect(stderr).toMatch(/line 2: at: not an ISO 8601 time/);
    expect(stderr).toMatch(/line 3: unknown routine "no-such-routine"/);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ at: '2026-11-20T17:06:00+08:00', to: 'group', mentions: ['wxid_hubin_you'] });
  });

  it('models a contact id not on the roster as a group member the bot does not know, and the scenario goes on', () => {
    const at = (hhmm: string) => `2026-11-30T${hhmm}:00+08:00`;
    const csv = join(mkdtempSync(join(tmpdir(), 'duban-replay-')), '工单.csv');
    writeFileSync(csv, '工单编号,承办单位,派单时间,办理时限\nGD1,区住建局,2026-11-30 09:00,2026-12-02 18:00\n');
    const roster = [
      {
        at: at('16:50'),
        from: 'wxid_leader_wang',
        text: '@张局长 请住建局今天18点前反馈湖滨路井盖缺失的处置情况。',
        mentions: ['wxid_zhujian_zhang'],
      },
      { at: at('17:00'), from: 'wxid_zhujian_zhang', text: '收到' },
      {
        at: at('17:05'),
        from: 'wxid_zhujian_zhang',
        text: '【区住建局】今日受理12件，办结10件，在办2件，无超期，满意率98.5%',
      },
      { at: at('17:30'), run: 'report-reminder' },
      { at: at('17:40'), from: 'wxid_hubin_you', text: '湖滨街道：今天受理8件 办结8件，无超期' },
      { at: at('18:00'), run: 'report-deadline' },
    ];
    const strangers = [
      // A new member greets the group; a deputy reports for a unit; one speaks privately; one
      // @-mentions a head; one sends a file; one uses a leader's command words.
      { at: at('16:55'), from: 'wxid_new_guy', text: '大家好，我是城东街道新来的联络员小王🙏' },
      { at: at('17:02'), from: 'wxid_deputy_qian', text: '人社局：今日受理6件，办结5件，在办1件' },
      { at: at('17:03'), from: 'wxid_stranger_x', text: '控制台', to: 'bot' },
      { at: at('17:06'), from: 'wxid_stranger_y', text: '@张局长 收到，谢谢', mentions: ['wxid_zhujian_zhang'] },
      { at: at('17:08'), from: 'wxid_file_guy', file: csv },
      { at: at('17:35'), from: 'wxid_deputy_qian', text: '@城东街道 请今天下班前把材料报过来' },
      { at: at('17:45'), from: 'wxid_stranger_x', text: '帮助' },
    ];
    const byTime = (a: { at: string }, b: { at: string }) => a.at.localeCompare(b.at);
    const plain = replay(roster);
    const mixed = replay([...roster, ...strangers].sort(byTime));
    expect(plain.status).toBe(0);
    expect(mixed.status).toBe(0);
    expect(mixed.stderr).not.toMatch(/not exist|line \d+:/);
    // The roster's lines are answered exactly as without the strangers (report confirmation,
    // dispatch receipt, the 17:30 reminder and the 18:00 roll call), and the strangers get nothing.
    expect(plain.out.length).toBeGreaterThanOrEqual(4);
    expect(mixed.out).toEqual(plain.out);
    const routinesSent = mixed.out.filter((o) => o.at === at('17:30') || o.at === at('18:00'));
    expect(routinesSent.length).toBeGreaterThanOrEqual(2);
  });
});

/**
 * Issue 18 §4 on the 双派单 ladder: a round both sides ignore climbs 即时 → 书面 → 现场 → 提请 → 双问责. Its written
 * steps are documents as the tickets' are: the 书面督办 text to each side's head is followed by a 《催办通知书》 to
 * that unit, the 提请督办 text to the leaders by a 《督办函》, numbered in the same 督〔2026〕N号 sequence as the
 * tickets' notices, and the 双问责 evidence pack lists them (sheet 督办文书, and in the timeline). The test opens the
 * Word files and reads them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticesOfTicket } from '../src/store/notices.js';
import { docxText, entryText } from './docx-text.js';
import { rosterConfig } from './helpers.js';
import { type Out, run, Scenario, say } from './scenario.js';
import { HEADER, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const ZHANG = 'wxid_zhujian_zhang';
const QIN = 'wxid_chengxi_qin';
const LEADERS = ['wxid_leader_li', 'wxid_leader_wang'];
const DUAL = '2026111600101';
const OVERDUE = '2026111000031';

describe('双派单 ladder: 催办通知书 and 督办函 as Word files, one numbering with the tickets', () => {
  let s: Scenario;
  let thu: Out[] = [];
  let wed: Out[] = [];
  let ticketWritten: Out[] = [];
  let lateAck: Out[] = [];
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open(
      rosterConfig({
        notices: {
          office: '示范区12345热线工作专班',
          numberPrefix: '督',
          answerWorkdays: 2,
          cc: [{ leader: 'wxid_leader_wang', units: ['zhujian'], fields: [] }],
        },
        tickets: { ...base.tickets, nagTo: 'head' },
      }),
      t('2026-11-16', '08:00'),
    );
    const imported = await s.play({
      at: t('2026-11-16', '09:40'),
      from: 'wxid_sup_liu',
      to: 'bot',
      file: await writeXlsx(join(tempDir(), 'list.xlsx'), [
        HEADER,
        [
          DUAL,
          '楼道污水外溢',
          '市民反映锦绣小区5栋楼道污水外溢，气味难闻，此前处理后仍反复出现，对处理结果不满意。',
          '区住建局',
          '城西街道',
          '锦绣社区网格',
          '2026-11-09 09:00',
          '2026-11-27 18:00',
          '办理中',
          '不满意',
          1,
        ],
        // Another unit's ticket overdue since Friday: its own ladder takes the year's first number.
        [
          OVERDUE,
          '养老金到账查询',
          '市民反映养老金迟迟未到账。',
          '人社局',
          '',
          '',
          '2026-11-10 09:00',
          '2026-11-13 18:00',
          '办理中',
          '',
          0,
        ],
      ]),
    });
    expect(imported[0]?.text).toContain('已启动双派单 SP1');
    await s.play(
      run(t('2026-11-16', '14:00'), 'dual-check'),
      run(t('2026-11-16', '15:00'), 'ticket-nag'),
      run(t('2026-11-17', '08:30'), 'dual-check'),
    );
    ticketWritten = await s.play(run(t('2026-11-17', '09:00'), 'ticket-nag'));
    await s.play(run(t('2026-11-18', '08:30'), 'dual-check'), run(t('2026-11-18', '18:00'), 'dual-check'));
    thu = await s.play(run(t('2026-11-19', '09:00'), 'dual-check'));
    // 城西街道 signs only now, past the deadline.
    lateAck = await s.play(say(t('2026-11-19', '09:30'), QIN, '收到，马上组织物业排查', { to: 'bot' }));
    await s.play(run(t('2026-11-23', '09:00'), 'dual-check'), run(t('2026-11-24', '09:00'), 'dual-check'));
    wed = await s.play(run(t('2026-11-25', '09:00'), 'dual-check'));
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  const notice = async (kind: 'written' | 'referral', unit?: string) => {
    const n = (await noticesOfTicket(s.h.app.db, DUAL)).find(
      (x) => x.kind === kind && (unit === undefined || x.unit_ids.includes(unit)),
    );
    if (!n?.file_path) throw new Error(`no ${kind} notice for ${DUAL} ${unit ?? ''}`);
    return { row: n, text: await docxText(n.file_path) };
  };

  it('the ticket ladder took 1号; each side’s 书面督办 is followed by its own 催办通知书 (2号, 3号)', () => {
    expect(ticketWritten.find((o) => o.file)?.file).toBe('催办通知书-督〔2026〕1号.docx');
    for (const who of [ZHANG, QIN]) {
      const mine = thu.filter((o) => o.to === who);
      expect(
        mine.map((o) => (o.file ? 'file' : /^(?:【[^】]+】){2}/.exec(o.text)?.[0])),
        who,
      ).toEqual(['【红色督办】【书面督办通知 SP1】', 'file']);
      expect(mine[1]?.file, who).toMatch(/^催办通知书-督〔2026〕[23]号\.docx$/);
    }
    expect(new Set(thu.filter((o) => o.file).map((o) => o.file)).size).toBe(2);
    // The message names its notice and asks what the notice asks (the written answer by its day), not another day.
    const qin = thu.find((o) => o.to === QIN && !o.file)?.text ?? '';
    const no = /^催办通知书-(督〔2026〕\d号)\.docx$/.exec(thu.find((o) => o.to === QIN && o.file)?.file ?? '')?.[1];
    expect(qin).toBe(
      `【红色督办】【书面督办通知 SP1】城西街道：工单 ${DUAL}「楼道污水外溢」双派单已超期1个工作日仍未答复，` +
        `现予书面督办（${no}《催办通知书》附后）。请主要负责同志亲自过问，于11月23日（星期一）前书面反馈，` +
        '今日内回复“SP1 办理情况”。',
    );
  });

  it('a 签收 after the deadline is not told to answer by that deadline', () => {
    expect(lateAck.map((o) => o.text)).toEqual([
      '已登记签收 SP1。答复时限11月18日（星期三）18:00已过，请尽快办理并回复“SP1 办理情况”。',
    ]);
  });

  it('the 催办通知书 of a side: the round, the 答复时限, what was done so far, the answer asked, 抄送', async () => {
    const { row, text } = await notice('written', 'chengxi');
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '示范区12345热线工作专班',
      '催办通知书',
      `督〔2026〕${row.seq}号`,
      '城西街道：',
    ]);
    expect(text).toContain(
      '经查，你单位承担的以下1件12345热线工单双派单事项已超过答复时限，经即时督办仍未答复。' +
        '根据双派单、双倒查、双问责工作有关规定，现予书面督办。',
    );
    expect(text).toContain(`工单编号\n${DUAL}`);
    expect(text).toContain('标题\n楼道污水外溢');
    expect(text).toContain('双派单\nSP1（第1轮）');
    expect(text).toContain('答复时限\n11月18日18:00');
    expect(text).toContain('超期\n1个工作日');
    expect(text).toContain(
      '督办记录\n11月16日09:40 双派单派发；11月16日14:00 签收提醒；11月17日08:30 蓝色提醒；11月18日08:30 黄色预警；' +
        '11月18日18:00 即时督办',
    );
    // Two working days after Thursday 11-19: Monday 11-23.
    expect(text).toContain('于11月23日前将办理情况书面反馈示范区12345热线工作专班，并回复“SP1 办理情况”。');
    // 城西街道: no 抄送 rule names it or its field → every leader; 区住建局: its rule's leader.
    expect(lines.at(-1)).toBe('抄送：李主任（区管委主要负责同志）、王副主任（分管副主任）。');
    expect((await notice('written', 'zhujian')).text.split('\n').at(-1)).toBe('抄送：王副主任（分管副主任）。');
  });

  it('提请督办: the leaders get one 督办函 (4号) naming both sides, with the whole ladder', async () => {
    for (const who of LEADERS) {
      const mine = wed.filter((o) => o.to === who);
      expect(mine.map((o) => o.file ?? o.text.slice(0, 12))).toEqual([
        '【红色督办】【提请督办】',
        '督办函-督〔2026〕4号.docx',
      ]);
    }
    const { row, text } = await notice('referral');
    expect(row.seq).toBe(4);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '示范区12345热线工作专班',
      '督办函',
      '督〔2026〕4号',
      '李主任、王副主任：',
    ]);
    expect(text).toContain(
      '以下1件12345热线工单双派单事项（涉及2个单位）经即时督办、书面督办、现场督办，相关单位仍未答复',
    );
    // One heading per unit: the round's two sides are told apart.
    expect(text).toContain(`一、工单${DUAL}（区住房和城乡建设局）`);
    expect(text).toContain(`二、工单${DUAL}（城西街道）`);
    expect(text).toContain('承担单位\n区住房和城乡建设局（承办单位）');
    expect(text).toContain('承担单位\n城西街道（属地镇街）');
    expect(text).toContain('超期\n5个工作日');
    expect(text).toMatch(/11月18日18:00 即时督办；11月19日09:00 书面督办；11月23日09:00 现场督办/);
    expect(text).toContain('按规定移送纪检、督办联合问责（双问责）。妥否，请批示。');
    expect(text.split('\n').at(-1)).toBe('抄送：区住房和城乡建设局、城西街道。');
  });

  it('双问责: the evidence pack keeps the notices (督办文书 sheet, and in the timeline)', async () => {
    const acc = wed.filter((o) => o.to === 'wxid_disc_zhao');
    expect(acc.map((o) => (o.file ? 'file' : o.text.slice(0, 9)))).toEqual(['【双问责 SP1】', 'file']);
    // The timeline in words a reader follows: who imported, the notices and whom they went to.
    expect(acc[0]?.text).toContain('11月16日09:40 工单首次导入（刘组长导入「list.xlsx」）');
    expect(acc[0]?.text).toContain('SP1 区住房和城乡建设局（承办单位）即时督办（张局长）：已到答复时限');
    expect(acc[0]?.text).toMatch(/SP1 《催办通知书》督〔2026〕[23]号（区住房和城乡建设局）/);
    expect(acc[0]?.text).toContain('SP1 《督办函》督〔2026〕4号（李主任、王副主任）');
    const pack = (
      await s.h.app.db.query<{ file_path: string }>(
        `select file_path from outbound_messages where purpose = 'dual:SP1:accountability:wxid_disc_zhao'`,
      )
    )[0]?.file_path;
    if (!pack) throw new Error('no evidence pack sent');
    expect(await entryText(pack, 'xl/workbook.xml')).toContain('督办文书');
    const strings = await entryText(pack, 'xl/sharedStrings.xml');
    for (const x of ['督〔2026〕2号', '督〔2026〕3号', '督〔2026〕4号', '双派单 SP1', '催办通知书', '督办函'])
      expect(strings).toContain(x);
    // The ticket's own notice (1号) named another ticket: not in this pack.
    expect(strings).not.toContain('督〔2026〕1号');
  });
});

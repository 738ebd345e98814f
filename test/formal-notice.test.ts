/**
 * Issue 18 §4: a 书面督办 through the real pipeline sends a 《催办通知书》 as a Word file after its text, numbered
 * 督〔2026〕N号 per year, copied (抄送) to the leader in charge; a rerun of the step takes no new number; a later
 * 提请督办 sends a 《督办函》 with the next number; the file is recorded with the notice (the evidence pack).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DualRound } from '../src/store/dual.js';
import { claimNoticeNumber, noticesOfTicket } from '../src/store/notices.js';
import { getTicket } from '../src/store/tickets.js';
import { evidenceFile } from '../src/usecases/dual-evidence.js';
import { docxText, entryText } from './docx-text.js';
import { rosterConfig } from './helpers.js';
import { type Out, run, Scenario, say } from './scenario.js';
import { HEADER, TICKET_ROWS, tempDir, writeXlsx } from './ticket-helpers.js';

const t = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const FENG = 'wxid_gongan_feng';
const WU = 'wxid_renshe_wu';
const GONGAN = '2026112400217';
const RENSHE = '2026112500031';

const withContent = (row: ReadonlyArray<string | number>, content: string) =>
  row.map((c, i) => (i === 2 ? content : c));
const ROWS = [
  HEADER,
  withContent(TICKET_ROWS.gonganOverdue, '市民反映实验小学门口上下学时段车辆乱停，交通拥堵严重，请求安排警力疏导。'),
  withContent(TICKET_ROWS.rensheOverdue, '市民反映退休后养老金迟迟未到账，多次咨询无果。'),
];

describe('formal notices: 催办通知书 and 督办函 as Word files', () => {
  let s: Scenario;
  let d2: Out[] = [];
  let rerun: Out[] = [];
  let referral: Out[] = [];
  beforeAll(async () => {
    const base = rosterConfig();
    s = await Scenario.open(
      rosterConfig({
        notices: {
          office: '示范区12345热线工作专班',
          numberPrefix: '督',
          answerWorkdays: 2,
          cc: [{ leader: 'wxid_leader_wang', units: [], fields: ['社会治安'] }],
        },
        tickets: { ...base.tickets, nagTo: 'group' },
      }),
      t('2026-11-30', '08:00'),
    );
    const imported = await s.play({
      at: t('2026-11-30', '09:40'),
      from: 'wxid_sup_liu',
      file: await writeXlsx(join(tempDir(), 'tickets.xlsx'), ROWS),
      to: 'group',
    });
    expect(imported[0]?.text).toContain('新增2条');
    await s.play(run(t('2026-11-30', '15:00'), 'ticket-nag'));
    // 冯局长 signs the 即时督办; 吴局长 does not.
    const ack = await s.play(say(t('2026-11-30', '15:05'), FENG, '签收'));
    expect(ack[0]?.text).toContain('已签收');
    d2 = await s.play(run(t('2026-12-01', '09:00'), 'ticket-nag'));
    rerun = await s.play(run(t('2026-12-01', '09:00'), 'ticket-nag'));
    await s.play(run(t('2026-12-03', '09:00'), 'ticket-nag'));
    referral = await s.play(run(t('2026-12-07', '09:00'), 'ticket-nag'));
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const noticeOf = async (number: string, kind: 'written' | 'referral') => {
    const n = (await noticesOfTicket(s.h.app.db, number)).find((x) => x.kind === kind);
    if (!n?.file_path) throw new Error(`no ${kind} notice recorded for ${number}`);
    return { row: n, text: await docxText(n.file_path) };
  };

  it('the 书面督办 text is followed by its 催办通知书 as a Word file, to each unit head', () => {
    for (const who of [FENG, WU]) {
      const mine = d2.filter((o) => o.to === who);
      expect(mine.map((o) => (o.file ? 'file' : o.text.slice(0, 8)))).toEqual(['【书面督办通知】', 'file']);
      expect(mine[1]?.file).toMatch(/^催办通知书-督〔2026〕[12]号\.docx$/);
    }
    expect(new Set(d2.filter((o) => o.file).map((o) => o.file)).size).toBe(2);
  });

  it('the notice: office, title, number, unit, ticket facts, reminder history, deadline, 抄送', async () => {
    const { row, text } = await noticeOf(GONGAN, 'written');
    const other = await noticeOf(RENSHE, 'written');
    expect([row.seq, other.row.seq].sort()).toEqual([1, 2]);
    const gonganNo = `督〔2026〕${row.seq}号`;
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['示范区12345热线工作专班', '催办通知书', gonganNo, '区公安分局：']);
    expect(text).toContain('经查，你单位承办的以下1件12345热线工单已超过办理时限，经即时督办仍未办结。');
    expect(text).toContain(`工单编号\n${GONGAN}`);
    expect(text).toContain('标题\n学校门口交通拥堵');
    expect(text).toContain('诉求内容\n市民反映实验小学门口上下学时段车辆乱停，交通拥堵严重，请求安排警力疏导。');
    expect(text).toContain('办理时限\n11月27日18:00');
    expect(text).toMatch(/超期\n\d+个工作日/);
    expect(text).toContain('督办记录\n11月30日15:00 即时督办，单位于11月30日15:05签收');
    // Two working days after 12-01 (Tue): Thursday 12-03.
    expect(text).toContain('于12月3日前办结并将办理情况书面反馈示范区12345热线工作专班');
    expect(lines.slice(-3)).toEqual(['示范区12345热线工作专班', '2026年12月1日', '抄送：王副主任（分管副主任）。']);
    // 人社局: not signed; no rule names it or its field → every leader.
    expect(other.text).toContain('督办记录\n11月30日15:00 即时督办，单位未签收\n');
    expect(other.text).toContain('抄送：李主任（区管委主要负责同志）、王副主任（分管副主任）。');
    expect(d2.find((o) => o.to === FENG && o.file)?.file).toBe(`催办通知书-${gonganNo}.docx`);
  });

  it('a rerun of the same step sends nothing and takes no number', async () => {
    expect(rerun).toEqual([]);
    const again = await claimNoticeNumber(s.h.app.db, {
      key: (await noticeOf(GONGAN, 'written')).row.notice_key,
      kind: 'written',
      year: 2026,
      unitIds: ['gongan'],
      ticketNumbers: [GONGAN],
      at: new Date(),
    });
    expect(again.seq).toBe((await noticeOf(GONGAN, 'written')).row.seq);
  });

  it('提请督办 sends the leaders a 督办函 with the next number (3号) and the whole ladder as history', async () => {
    for (const who of ['wxid_leader_li', 'wxid_leader_wang']) {
      const mine = referral.filter((o) => o.to === who);
      expect(mine.map((o) => (o.file ? o.file : o.text.slice(0, 6)))).toEqual([
        '【提请督办】',
        '督办函-督〔2026〕3号.docx',
      ]);
    }
    const { row, text } = await noticeOf(GONGAN, 'referral');
    expect(row.seq).toBe(3);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '示范区12345热线工作专班',
      '督办函',
      '督〔2026〕3号',
      '李主任、王副主任：',
    ]);
    expect(text).toContain('承办单位\n区公安分局');
    expect(text).toContain('承办单位\n区人力资源和社会保障局');
    expect(text).toMatch(
      /督办记录\n11月30日15:00 即时督办，单位于11月30日15:05签收；.*12月1日09:00 书面督办；.*现场督办/,
    );
    expect(text).toContain('抄送：区公安分局、区人力资源和社会保障局。');
    // QA: no 即时督办 of the same run beside a ladder step (12月1日09:00 即时督办；12月1日09:00 书面督办), and the
    // unsigned ones in a row are one line, not one each repeating 单位未签收.
    expect(text).not.toMatch(/(\d+月\d+日\d\d:\d\d) 即时督办[^；\n]*；\1 (书面|现场)督办/);
    expect(text).not.toMatch(/即时督办，单位未签收；[^；\n]*即时督办，单位未签收/);
  });

  it('numbers run per year and a key keeps its number', async () => {
    const db = s.h.app.db;
    const at = new Date('2027-01-04T02:00:00Z');
    const a = await claimNoticeNumber(db, {
      key: 'k1',
      kind: 'written',
      year: 2027,
      unitIds: [],
      ticketNumbers: [],
      at,
    });
    const b = await claimNoticeNumber(db, {
      key: 'k2',
      kind: 'written',
      year: 2027,
      unitIds: [],
      ticketNumbers: [],
      at,
    });
    const a2 = await claimNoticeNumber(db, {
      key: 'k1',
      kind: 'written',
      year: 2027,
      unitIds: [],
      ticketNumbers: [],
      at,
    });
    expect([a.seq, b.seq, a2.seq]).toEqual([1, 2, 1]);
  });

  it('the 双问责 evidence pack lists the notices that named the ticket, with their files', async () => {
    const ticket = await getTicket(s.h.app.db, GONGAN);
    if (!ticket) throw new Error('ticket not stored');
    const at = new Date('2026-12-07T01:00:00Z');
    const round: DualRound = {
      ...{ id: 0, code: 'S1', ticketNumber: GONGAN, seq: 1, previousId: null, reason: 'overdue', createdAt: at },
      ...{ deadline: at, status: 'open' as DualRound['status'], sameUnit: false, flowEnqueuedAt: null },
      ...{ dispatchedAt: null, answeredAt: null, closedAt: null, accountabilityAt: null, accountabilityReason: null },
      sides: [],
    };
    const file = await evidenceFile(s.h.app.ctx, ticket, round);
    const book = await entryText(file.path, 'xl/workbook.xml');
    expect(book).toContain('督办文书');
    const strings = await entryText(file.path, 'xl/sharedStrings.xml');
    const written = await noticeOf(GONGAN, 'written');
    for (const x of [
      `督〔2026〕${written.row.seq}号`,
      '督〔2026〕3号',
      '催办通知书',
      '督办函',
      written.row.file_path ?? '?',
    ])
      expect(strings).toContain(x);
  });
});

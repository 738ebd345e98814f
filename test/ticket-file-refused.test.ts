/** Issue 12, item 12: a spreadsheet from someone who may not import is answered privately, never silently dropped. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scenario } from './scenario.js';
import { HEADER, tempDir, writeCsv, writeXlsx } from './ticket-helpers.js';

const D = '2026-11-30';
const t = (hhmm: string) => `${D}T${hhmm}:00+08:00`;
const file = (at: string, from: string, path: string, to: 'group' | 'bot' = 'group') => ({ at, from, file: path, to });
const ROW = [
  'H001',
  '路灯不亮',
  '某小区路灯不亮',
  '区住建局',
  '城东街道',
  '网格1',
  '2026-11-20 09:00',
  '',
  '办理中',
  '',
  0,
];

describe('a spreadsheet from a head, a liaison or the discipline office (replay)', () => {
  let s: Scenario;
  const dir = tempDir();
  beforeAll(async () => {
    s = await Scenario.open();
  });
  afterAll(async () => {
    await s?.close();
  });

  const ticketCount = async () =>
    (await s.h.app.db.query<{ n: number }>('select count(*)::int as n from tickets'))[0]?.n;

  it(
    'tells the sender privately who imports and how, wherever the file was sent; nothing is imported, the group ' +
      'hears nothing',
    async () => {
      const xlsx = await writeXlsx(join(dir, '住建局工单导出.xlsx'), [HEADER, ROW]);
      const csv = writeCsv(
        join(dir, '城东街道台账.csv'),
        [
          ['序号', '事项', '进度'],
          [1, '背街小巷整治', '推进中'],
        ],
        'utf8-bom',
      );
      const xls = join(dir, '12345工单.xls');
      writeFileSync(xls, 'not really an old excel file');
      const cases: Array<[string, string, 'group' | 'bot', string, boolean]> = [
        ['wxid_zhujian_zhang', xlsx, 'group', '住建局工单导出.xlsx', true],
        ['wxid_chengdong_zhu', csv, 'bot', '城东街道台账.csv', true],
        ['wxid_zhujian_xu', xls, 'group', '12345工单.xls', true],
        ['wxid_disc_zhao', xlsx, 'bot', '住建局工单导出.xlsx', false],
      ];
      for (const [i, [from, path, to, name, worker]] of cases.entries()) {
        const out = await s.play(file(t(`10:0${i}`), from, path, to));
        expect(out, `${from} ${name}`).toHaveLength(1);
        expect(out[0]).toMatchObject({ to: from, mentions: [] });
        const lines = (out[0]?.text ?? '').split('\n');
        expect(lines[0]).toBe(
          `您好，文件「${name}」未导入。工单清单由区领导和督导专班导入：请将12345平台导出的工单清单（.xlsx 或 ` +
            `.csv）交督导专班，由其在群内或私信发送给督办助手。`,
        );
        expect(lines[1]).toBe(worker ? '如需查看本单位超期、重办工单，请发送“我的待办”。' : undefined);
      }
      expect(await ticketCount()).toBe(0);
    },
  );

  it('the same file from the supervision team is imported', async () => {
    const xlsx = await writeXlsx(join(dir, 'sup.xlsx'), [HEADER, ROW]);
    const out = await s.play(file(t('10:10'), 'wxid_sup_liu', xlsx));
    expect(out[0]?.text).toContain('已导入：新增1条');
    expect(await ticketCount()).toBe(1);
  });

  it("an image or a document in the group is not the importer's business: no answer", async () => {
    const jpg = join(dir, '现场照片.jpg');
    writeFileSync(jpg, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const doc = join(dir, '整改报告.docx');
    writeFileSync(doc, 'doc');
    expect(
      await s.play(file(t('10:20'), 'wxid_zhujian_zhang', jpg), file(t('10:21'), 'wxid_chengdong_zhu', doc)),
    ).toEqual([]);
  });
});

/**
 * A formal notice (《催办通知书》, 《督办函》) as a Word file: blocks from texts/notices.ts → .docx bytes. Layout after
 * the usual office document: the office and the title centred in a heading face, the number under them, the body in
 * 仿宋 三号-like size, the ticket facts as a two-column table, signature and date on the right, 抄送 at the foot.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { NoticeBlock } from '../domain/texts/notices.js';

const BODY = '仿宋';
const HEADING = '黑体';
const TITLE = '宋体';
/** Sizes in half-points: 二号 22pt, 三号 16pt, 小四 12pt. */
const SIZE = { title: 44, body: 32, table: 24 } as const;

function run(text: string, font: string, size: number, bold = false): TextRun {
  return new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size, bold });
}

function paragraph(b: Exclude<NoticeBlock, { kind: 'facts' }>): Paragraph {
  const t = b.text;
  switch (b.kind) {
    case 'office':
      return new Paragraph({ alignment: AlignmentType.CENTER, children: [run(t, TITLE, SIZE.title, true)] });
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 200 },
        children: [run(t, TITLE, SIZE.title, true)],
      });
    case 'number':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 300 },
        children: [run(t, BODY, SIZE.body)],
      });
    case 'addressee':
      return new Paragraph({ children: [run(t, BODY, SIZE.body)] });
    case 'heading':
      return new Paragraph({ spacing: { before: 200 }, children: [run(t, HEADING, SIZE.body)] });
    case 'para':
      return new Paragraph({
        indent: { firstLine: 640 },
        spacing: { before: 120 },
        children: [run(t, BODY, SIZE.body)],
      });
    case 'signature':
      return new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 600 },
        children: [run(t, BODY, SIZE.body)],
      });
    case 'date':
      return new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(t, BODY, SIZE.body)] });
    case 'cc':
      return new Paragraph({ spacing: { before: 600 }, children: [run(t, BODY, SIZE.table)] });
  }
}

function facts(rows: ReadonlyArray<[string, string]>): Table {
  const cell = (text: string, width: number, bold: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [run(text, BODY, SIZE.table, bold)] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, 20, true), cell(v, 80, false)] })),
  });
}

/** The .docx bytes of a notice. */
export async function renderNoticeDocx(title: string, blocks: readonly NoticeBlock[]): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'duban',
    sections: [{ children: blocks.map((b) => (b.kind === 'facts' ? facts(b.rows) : paragraph(b))) }],
  });
  return Packer.toBuffer(doc);
}

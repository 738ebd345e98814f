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

  it('names a bad hotspot key, and has the documented defaults', () => {
    const issues = errorOf({
      ...base(),
      hotspots: { historyWeeks: 1, minRise: -1, maxListed: 0, window: 7 },
    }).issues.join('\n');
    expect(issues).toMatch(/hotspots\.historyWeeks/);
    expect(issues).toMatch(/hotspots\.minRise/);
    expect(issues).toMatch(/hotspots\.maxListed/);
    expect(issues).toMatch(/hotspots.*window/);
    expect(parseDistrict(base()).hotspots).toEqual({
      enabled: true,
      historyWeeks: 4,
      minCount: 3,
      minIncrease: 3,
      minRise: 0.5,
      maxListed: 5,
      minHistoryShare: 0.25,
      chart: true,
    });
  });

  it('names a bad repeat-warning key (clusters)', () => {
    const issues = errorOf({ ...base(), clusters: { minSize: 1, similarity: 2, regrow: 'two' } }).issues.join('\n');
    expect(issues).toMatch(/clusters\.minSize/);
    expect(issues).toMatch(/clusters\.similarity/);
    expect(issues).toMatch(/clusters\.regrow/);
  });

  it('四个必到 rules: defaults, and a reminder before the item is opened refused by path', () => {
    const c = loadDistrictFile(join(import.meta.dirname, '../config/district.example.yaml'));
    const defaults = { reopenTimes: 2, dueWorkdays: 5, remindWorkdaysBefore: [1, 0], escalateWorkdaysAfter: 1 };
    expect(c.visits).toEqual(defaults);
    const early = errorOf({ ...base(), visits: { dueWorkdays: 3, remindWorkdaysBefore: [3, 1] } }).issues.join('\n');
    expect(early).toMatch(/visits\.remindWorkdaysBefore\[0\]: a reminder 3 working days before the due day/);
    expect(errorOf({ ...base(), visits: { reopenTimes: 0 } }).issues.join('\n')).toMatch(/visits\.reopenTimes/);
    expect(errorOf({ ...base(), visits: { remindDays: [1] } }).issues.join('\n')).toMatch(/visits/);
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

describe('百日攻坚 items in the district file', () => {
  const item = (o: Record<string, unknown> = {}) => ({
    id: 'x1',
    lead: 'a',
    field: '城市建设',
    name: '老旧小区改造',
    target: 16,
    measure: '个小区',
    ...o,
  });

  it('the example district: items of its field leads, 100 days from campaign.start unless an item says so', () => {
    const c = loadDistrictFile(join(import.meta.dirname, '../config/district.example.yaml'));
    const units = new Map(c.units.map((u) => [u.id, u]));
    expect(c.campaign.items.length).toBeGreaterThanOrEqual(6);
    for (const it of c.campaign.items) expect(units.get(it.lead)?.field ?? it.field).toBeTruthy();
    const lifts = c.campaign.items.find((i) => i.name === '加装电梯');
    expect(lifts).toMatchObject({ target: 30, measure: '部电梯', start: '2026-10-19', end: '2027-01-26' });
    const safety = c.campaign.items.find((i) => i.id === 'anfang');
    expect(safety).toMatchObject({ start: '2026-11-02', end: '2026-12-31' });
    expect(c.campaign).toMatchObject({ behindMargin: 10, stallWorkdays: 3 });
  });

  it('no campaign key: no items, defaults', () => {
    const c = parseDistrict(base());
    expect(c.campaign).toMatchObject({ name: '百日攻坚', days: 100, behindMargin: 10, stallWorkdays: 3, items: [] });
  });

  it('an item resolves its days; "16 个小区" is a target and a measure', () => {
    const c = parseDistrict({
      ...base(),
      campaign: {
        start: '2026-10-19',
        items: [item({ target: '16 个小区', measure: undefined }), item({ id: 'x2', end: '2026-12-31' })],
      },
    });
    expect(c.campaign.items[0]).toMatchObject({
      target: 16,
      measure: '个小区',
      start: '2026-10-19',
      end: '2027-01-26',
    });
    expect(c.campaign.items[1]).toMatchObject({ start: '2026-10-19', end: '2026-12-31' });
  });

  it('names the bad key: unknown lead unit, no field, duplicate id, no start, bad dates, bad milestones', () => {
    const issues = errorOf({
      ...base(),
      campaign: {
        items: [
          item({ start: '2026-10-19' }),
          item({ id: 'x1', start: '2026-10-19' }),
          item({ id: 'x3', lead: 'x', start: '2026-10-19' }),
          item({ id: 'x4', lead: 'b', field: undefined, start: '2026-10-19' }),
          item({ id: 'x5' }),
          item({ id: 'x6', start: '2026-02-30' }),
          item({ id: 'x7', start: '2026-10-19', end: '2026-10-01' }),
          item({
            id: 'x8',
            start: '2026-10-19',
            milestones: [
              { by: '2026-11-30', value: 20 },
              { by: '2026-11-01', value: 5 },
              { by: '2027-06-01', value: 6 },
            ],
          }),
          item({ id: 'x 9', start: '2026-10-19', target: -3, colour: 'red' }),
        ],
      },
    }).issues;
    expect(issues).toContain('campaign.items[1].id: duplicate item id "x1"');
    expect(issues).toContain('campaign.items[2].lead: unknown unit id "x"');
    expect(issues).toContain('campaign.items[3].field: no field: unit "b" has none, give the item its field');
    expect(issues).toContain('campaign.items[4].start: no start day: give the item a start or campaign.start');
    expect(issues).toContain('campaign.items[5].start: not a calendar day');
    expect(issues).toContain('campaign.items[6].end: ends before it starts (2026-10-19)');
    expect(issues).toContain('campaign.items[7].milestones[0].value: above the target (16)');
    expect(issues.join('\n')).toMatch(/campaign\.items\[7\]\.milestones\[1\]: milestones go by day/);
    expect(issues).toContain("campaign.items[7].milestones[2].by: outside the item's days (2026-10-19 to 2027-01-26)");
    const bad = issues.filter((i) => i.startsWith('campaign.items[8]')).join('\n');
    expect(bad).toMatch(/campaign\.items\[8\]\.id: expected letters/);
    expect(bad).toMatch(/campaign\.items\[8\]\.target/);
    expect(bad).toMatch(/campaign\.items\[8\].*colour/);
  });

  it('names a bad campaign setting', () => {
    const issues = errorOf({ ...base(), campaign: { behindMargin: 120, stallWorkdays: 0, days: 'many' } }).issues;
    expect(issues.join('\n')).toMatch(/campaign\.behindMargin/);
    expect(issues.join('\n')).toMatch(/campaign\.stallWorkdays/);
    expect(issues.join('\n')).toMatch(/campaign\.days/);
  });
});

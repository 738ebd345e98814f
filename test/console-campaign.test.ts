/**
 * The console's 百日攻坚 page over the replayed two-week campaign of the example district
 * (test/fixtures/campaign-two-weeks.jsonl): the state of each item as the summaries have it, a head's own items
 * only, and in a real browser (Playwright driving Debian's chromium) phone- and desktop-readable. Screenshots go to
 * test-artifacts/; with UPDATE_SCREENSHOTS=1 also to docs/screenshots/ (campaign-*.png, the README shows them).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictFile } from '../src/config/load.js';
import { campaignStatuses } from '../src/usecases/campaign.js';
import { askLink, consoleServer } from './console-evening.js';
import { FIXTURES, REPO } from './helpers.js';
import { type Out, Scenario } from './scenario.js';
import { missing, named } from './skip-reason.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO, 'test-artifacts');
const DOCS = join(REPO, 'docs', 'screenshots');
const LEADER = 'wxid_leader_li';
const HEAD = 'wxid_renshe_wu';
const AT = '2026-11-27T19:00:00+08:00';

let s: Scenario;
let app: FastifyInstance;
let base: string;
let sent: Out[] = [];

async function cookieOf(who: string): Promise<string> {
  const { token } = await askLink(s, who, AT);
  const r = await app.inject({
    method: 'POST',
    url: '/console/login',
    payload: `t=${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return String(r.headers['set-cookie']).split(';')[0] as string;
}

beforeAll(async () => {
  s = await Scenario.open(loadDistrictFile(join(REPO, 'config/district.example.yaml')), '2026-11-16T00:00:00Z');
  const lines = readFileSync(join(FIXTURES, 'campaign-two-weeks.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  sent = await s.play(...lines);
  s.clock.set(AT);
  ({ app, base } = await consoleServer(s, { listen: true }));
}, 240_000);

afterAll(async () => {
  await app?.close();
  await s?.close();
});

describe('console 百日攻坚 over the replayed two weeks', () => {
  it('the summary of 11月27日 and the page agree: counter, items behind and why', async () => {
    const summary = sent.find((o) => o.to === 'group' && o.at.startsWith('2026-11-27T18:40'))?.text ?? '';
    expect(summary).toContain('百日攻坚第40天，剩60天。7项攻坚任务中3项进度滞后：');
    const body = (await app.inject({ url: '/console/campaign', headers: { cookie: await cookieOf(LEADER) } })).body;
    expect(body).toContain('<h1 id="campaign-heading">百日攻坚第40天，剩60天</h1>');
    const states = Object.fromEntries(
      [...body.matchAll(/<tr data-item="([a-z]+)" data-state="([a-z-]+)"/g)].map((m) => [m[1], m[2]]),
    );
    const statuses = await campaignStatuses(s.h.app.ctx, '2026-11-27');
    expect(states).toEqual(Object.fromEntries(statuses.map((x) => [x.item.id, x.state])));
    expect(states).toMatchObject({ dianti: 'behind', jiuye: 'behind', laojiu: 'behind', jiayi: 'on-track' });
    // Per field, with the field's name as its heading; the reason a row is behind, as the summary gives it.
    expect(body).toContain('<tr class="field"><td colspan="8">就业和社会保障</td></tr>');
    expect(body).toContain('完成330/1200人（27.5%），时间进度40%，计划应完成480人，落后12.5个百分点');
    expect(summary).toContain('完成330/1200人（27.5%），时间进度40%，计划应完成480人，落后12.5个百分点');
    expect(body).toContain('节点：12月15日前累计10个（主体完工10个）');
    expect(/<div class="card bad"><b>3<\/b><span>进度滞后<\/span>/.test(body)).toBe(true);
    // A sparkline per item: the planned line, and the done line where something was reported.
    expect(body.match(/<svg class="spark"/g)?.length).toBe(7);
  });

  it("a lead unit's head sees its own item only; a unit leading none is refused", async () => {
    const body = (await app.inject({ url: '/console/campaign', headers: { cookie: await cookieOf(HEAD) } })).body;
    expect([...body.matchAll(/<tr data-item="([a-z]+)"/g)].map((m) => m[1])).toEqual(['jiuye']);
    const other = await app.inject({
      url: '/console/campaign',
      headers: { cookie: await cookieOf('wxid_chengdong_zhu') },
    });
    expect(other.statusCode).toBe(403);
  });

  const noChromium = missing(
    !existsSync(CHROMIUM),
    `chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does)`,
  );
  describe.skipIf(noChromium)(named('in chromium', noChromium), () => {
    let browser: BrowserContext;
    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      if (process.env.UPDATE_SCREENSHOTS === '1') mkdirSync(DOCS, { recursive: true });
      browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'duban-chromium-')), {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
        viewport: { width: 1366, height: 900 },
        locale: 'zh-CN',
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('readable on a phone (rows stack, nothing wider than the screen) and on a desktop', async () => {
      const { token } = await askLink(s, LEADER, AT);
      const page = await browser.newPage();
      await page.goto(`${base}/console/login?t=${token}`);
      await page.getByRole('button', { name: '进入控制台' }).click();
      await page.waitForURL(`${base}/console/`);
      await page.click('header nav a[href="/console/campaign"]');
      await page.waitForURL(`${base}/console/campaign`);
      for (const [label, size] of Object.entries({
        phone: { width: 390, height: 844 },
        desktop: { width: 1366, height: 900 },
      })) {
        await page.setViewportSize(size);
        await page.waitForTimeout(100);
        const row = page.locator('tr[data-item="dianti"]');
        await expect(row.locator('td').nth(6).textContent()).resolves.toContain('连续6个工作日无进展');
        const spark = await row.locator('svg.spark').boundingBox();
        expect(spark?.width).toBeGreaterThan(100);
        // Nothing runs off the screen: the page is no wider than the window.
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(size.width);
        if (label === 'phone') {
          // Stacked: each cell on its own line, its label before it.
          const display = await row.evaluate((tr) => getComputedStyle(tr).display);
          expect(display).toBe('block');
        }
        const file = `campaign-${label}.png`;
        await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
        if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(DOCS, file), fullPage: true });
      }
      await page.close();
    });
  });
});

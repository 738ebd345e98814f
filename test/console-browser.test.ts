/**
 * The console in a real browser: Playwright (playwright-core) driving Debian's chromium.
 * Screenshots go to test-artifacts/; with UPDATE_SCREENSHOTS=1 also to docs/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askLink, consoleServer, DAY, HEAD_ZHUJIAN, LEADER, replayEvening, seedHistory, t } from './console-evening.js';
import { REPO } from './helpers.js';
import type { Scenario } from './scenario.js';
import { missing, named } from './skip-reason.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO, 'test-artifacts');
const DOCS = join(REPO, 'docs', 'screenshots');
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } } as const;

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of Object.entries(SIZES)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150); // charts resize on the window's resize event
    const file = `${name}-${label}.png`;
    await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(DOCS, file), fullPage: true });
  }
  await page.setViewportSize(SIZES.desktop);
}

async function chartSize(page: Page, id: string): Promise<{ width: number; height: number }> {
  await page.waitForSelector(`#${id}[data-ready="1"] svg`);
  const box = await page.locator(`#${id} svg`).first().boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

const noChromium = missing(
  !existsSync(CHROMIUM),
  `chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does)`,
);
describe.skipIf(noChromium)(named('console in chromium (playwright-core)', noChromium), () => {
  let s: Scenario;
  let server: FastifyInstance;
  let base: string;
  let browser: BrowserContext;

  async function logIn(who: string, at: string): Promise<Page> {
    const { token } = await askLink(s, who, at);
    expect(token).toBeDefined();
    await browser.clearCookies(); // one person at a time in the one (fresh) profile
    const page = await browser.newPage();
    await page.goto(`${base}/console/login?t=${token}`);
    if (who === LEADER) await shoot(page, 'login');
    await page.getByRole('button', { name: '进入控制台' }).click();
    await page.waitForURL(`${base}/console/`);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') mkdirSync(DOCS, { recursive: true });
    s = await replayEvening();
    await seedHistory(s, '2026-09-01', '2026-11-19');
    s.clock.set(t('19:00'));
    ({ app: server, base } = await consoleServer(s, { listen: true, simulator: s.h.world }));
    // A fresh profile each run (Playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'duban-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: SIZES.desktop,
      locale: 'zh-CN',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await s?.close();
  });

  it('without a session: the zh-CN page that says how to get a link', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/console/`);
    expect(page.url()).toBe(`${base}/console/need-login`);
    await expect(page.textContent('body')).resolves.toContain('请私聊督办助手发送“控制台”获取登录链接');
    await shoot(page, 'need-login');
    await page.close();
  });

  it(
    "a leader logs in by the bot's link and sees today's " + 'board: every unit, the right figures, anomalies first',
    async () => {
      const t0 = performance.now();
      const page = await logIn(LEADER, t('19:00'));
      await page.waitForSelector('#today-chart[data-ready="1"]');
      console.log(`login → today's board with chart: ${Math.round(performance.now() - t0)} ms`);
      const rows = page.locator('#today-table tbody tr');
      await expect(rows.count()).resolves.toBe(18);
      const first = await rows.first().getAttribute('class');
      expect(first).toBe('missing'); // missing units come first
      const jiaotong = page.locator('#today-table tr[data-unit="jiaotong"]');
      await expect(jiaotong.textContent()).resolves.toContain('迟报');
      await expect(page.locator('#today-table tr[data-unit="zhujian"] td').nth(2).textContent()).resolves.toBe('12');
      const totals = await page.locator('#totals').textContent();
      expect(totals).toContain('8/18');
      expect(totals).toContain('59'); // 12+5+6+3+12+9+8+4 received
      await expect(page.textContent('body')).resolves.toContain('未报：');
      const size = await chartSize(page, 'today-chart');
      expect(size.width).toBeGreaterThan(100);
      expect(size.height).toBeGreaterThan(100);
      await shoot(page, 'today');
      const t1 = performance.now();
      await page.goto(`${base}/console/`);
      await page.waitForSelector('#today-chart[data-ready="1"] svg');
      console.log(`today's board load (navigation → chart drawn): ${Math.round(performance.now() - t1)} ms`);

      await page.click('#today-table tr[data-unit="zhujian"] a');
      await page.waitForURL(`${base}/console/unit/zhujian`);
      const unitChart = await chartSize(page, 'unit-chart');
      expect(unitChart.width * unitChart.height).toBeGreaterThan(0);
      await expect(page.locator('#unit-table tbody tr').first().textContent()).resolves.toContain('12');
      await shoot(page, 'unit');

      await page.goto(`${base}/console/tickets`);
      await expect(page.textContent('body')).resolves.toContain('N003');
      await expect(page.textContent('body')).resolves.toContain('即时督办');
      await shoot(page, 'tickets');

      await page.goto(`${base}/console/dispatch`);
      await expect(page.textContent('body')).resolves.toContain('建设路夜市');
      await expect(page.textContent('body')).resolves.toContain('已签收');
      await page.locator('details summary').first().click();
      await shoot(page, 'dispatch');

      await page.goto(`${base}/console/ranking?month=2026-11`);
      await expect(page.locator('#ranking-table tbody tr').count()).resolves.toBe(18);
      expect((await chartSize(page, 'ranking-history')).width).toBeGreaterThan(100);
      // June … August have no data (history seeded from September): no rank at all, not everyone first.
      const history = JSON.parse((await page.locator('#ranking-history').getAttribute('data-chart')) ?? '{}') as {
        series: Array<{ data: Array<number | null> }>;
      };
      expect(history.series.length).toBe(18);
      for (const x of history.series) expect(x.data.slice(0, 3)).toEqual([null, null, null]);
      await shoot(page, 'ranking');
      await page.close();
    },
  );

  it("a unit head sees their own unit only: 403 on another unit's page", async () => {
    const page = await logIn(HEAD_ZHUJIAN, t('19:10'));
    await expect(page.locator('#today-table tbody tr').count()).resolves.toBe(1);
    const own = await page.goto(`${base}/console/unit/zhujian`);
    expect(own?.status()).toBe(200);
    const other = await page.goto(`${base}/console/unit/jiaoyu`);
    expect(other?.status()).toBe(403);
    await expect(page.textContent('body')).resolves.toContain('仅可查看本单位');
    await shoot(page, 'head-forbidden');
    await page.close();
  });

  it(
    "on a phone (390×844): no page scrolls sideways, the 调度 table stacks (签收/答复 in view), a head's header " +
      'keeps its tabs on one line; /favicon.ico is served',
    async () => {
      const overflow = (page: Page) =>
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const page = await logIn(LEADER, t('19:20'));
      await page.setViewportSize(SIZES.phone);
      for (const path of [
        '/console/',
        '/console/tickets',
        '/console/dispatch',
        '/console/ranking',
        '/console/unit/chengguan',
        '/console/visits',
      ]) {
        await page.goto(`${base}${path}`);
        expect(await overflow(page), path).toBeLessThanOrEqual(0);
      }
      await page.goto(`${base}/console/dispatch`);
      const table = page.locator('table.stack').first();
      expect(
        await table.evaluate(
          (el) => (el.parentElement as HTMLElement).scrollWidth - (el.parentElement as HTMLElement).clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      for (const label of ['签收', '答复']) {
        const cell = page.locator(`table.stack td[data-label="${label}"]`).first();
        const box = await cell.boundingBox();
        expect(box, label).not.toBeNull();
        expect((box?.x ?? 0) + (box?.width ?? 0), label).toBeLessThanOrEqual(SIZES.phone.width);
        await expect(cell.evaluate((el) => getComputedStyle(el, '::before').content)).resolves.toBe(`"${label}"`);
      }
      // 领导走访: the item's table stacks too, its record column in view.
      await page.goto(`${base}/console/visits`);
      const visit = page.locator('table.stack td[data-label="走访记录"]').first();
      const vbox = await visit.boundingBox();
      expect(vbox).not.toBeNull();
      expect((vbox?.x ?? 0) + (vbox?.width ?? 0)).toBeLessThanOrEqual(SIZES.phone.width);
      await shoot(page, 'visits');
      const icon = await page.request.get(`${base}/favicon.ico`);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toBe('image/png');
      expect(icon.headers()['cache-control']).toContain('max-age=');
      expect((await icon.body()).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      await page.close();

      const head = await logIn(HEAD_ZHUJIAN, t('19:25'));
      await head.setViewportSize(SIZES.phone);
      await head.goto(`${base}/console/dispatch`);
      expect(await overflow(head)).toBeLessThanOrEqual(0);
      const links = head.locator('header nav a');
      expect(await links.count()).toBe(4);
      // each tab on one line
      for (let i = 0; i < 4; i++) expect((await links.nth(i).boundingBox())?.height ?? 99).toBeLessThan(36);
      const brand = await head.locator('header .brand').boundingBox();
      const who = await head.locator('header .who').boundingBox();
      expect(
        Math.abs((brand?.y ?? 0) + (brand?.height ?? 0) / 2 - ((who?.y ?? 0) + (who?.height ?? 0) / 2)),
      ).toBeLessThan(8); // name and 退出 beside the brand
      expect((await head.locator('header').boundingBox())?.height ?? 999).toBeLessThan(100); // two rows at most
      await shoot(head, 'head-dispatch');
      await head.close();
    },
  );

  it('simulator chat page: speak as a roster person, see the bot answer', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/sim`);
    await page.selectOption('select[name=from]', 'wxid_leader_wang');
    await page.selectOption('select[name=to]', 'bot');
    await page.fill('textarea[name=text]', '帮助');
    await page.click('form#say button');
    await page.waitForFunction(
      () => document.getElementById('log')?.textContent?.includes('您好，我是督办助手'),
      undefined,
      { timeout: 20_000 },
    );
    await shoot(page, 'sim');
    await page.close();
  });

  it('the day is the replayed one', () => {
    expect(DAY).toBe('2026-11-20');
  });
});

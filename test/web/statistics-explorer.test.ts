// The statistics explorer by indicator (issue #20), end to end in Debian's Chromium (playwright-core): an indicator
// typed without diacritics, its trend drawn as shares with Vietnamese month names, no dot cut by the frame, a dot
// that leads to its sentence in the article, the download of what is shown, whole-number ticks for counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ARTIFACTS, hasChromium, openWebInBrowser, type WebInBrowser } from '../helpers/browser.ts';
import { csvRecords } from './csv.ts';

interface Box { x: number; y: number; width: number; height: number }

describe.skipIf(!hasChromium)('the statistics explorer by indicator, in Chromium', () => {
  let web: WebInBrowser;
  let page: Page;
  const url = (path: string) => web.url(path);

  beforeAll(async () => {
    web = await openWebInBrowser();
    page = web.page;
  });

  afterAll(async () => {
    await web?.close();
  });

  it('draws an indicator\'s trend as a chart of shares, in Vietnamese, every dot whole and linked to its sentence', async () => {
    await page.goto(url('/statistics'));
    // The explorer lists the frequent indicators; one is searched by its words without diacritics.
    expect(await page.locator('nav.indicators a').allTextContents()).toContain('xã đạt chuẩn nông thôn mới');
    await page.fill('input[name="indicator"]', 'nong thon moi');
    await Promise.all([page.waitForURL(/indicator=nong\+thon\+moi/), page.click('form.filters button[type="submit"]')]);
    await page.waitForSelector('figure#chart[data-points]');
    const figure = page.locator('figure#chart');
    expect(await figure.getAttribute('data-y')).toBe('share');

    // One dot per number with a total (356/382 xã, stated in two articles); the table also holds those without one (380 xã).
    const cells = (await page.locator('tr[data-statistic] td:nth-child(3)').allTextContents()).map((s) => s.trim());
    const shares = cells.filter(Boolean);
    expect(shares.length).toBeGreaterThanOrEqual(1);
    expect(new Set(shares)).toEqual(new Set(['93,2']));
    expect(cells.length).toBeGreaterThan(shares.length);
    const dots = figure.locator('svg g[aria-label="dot"] circle');
    expect(await dots.count()).toBe(shares.length);
    for (const title of await figure.locator('svg g[aria-label="dot"] title').allTextContents()) expect(title).toMatch(/^93,2 %/);
    expect(await figure.locator('svg [aria-label="y-axis label"]').textContent()).toContain('Tỷ lệ (%)');
    expect(await figure.locator('.chart-note').textContent()).toContain(`${cells.length - shares.length} số liệu không có tổng`);

    // A wider indicator: several dates, month names in Vietnamese.
    await page.fill('input[name="indicator"]', 'xa dat chuan');
    await Promise.all([page.waitForURL(/indicator=xa\+dat\+chuan/), page.click('form.filters button[type="submit"]')]);
    await page.waitForSelector('figure#chart[data-points]');
    const ticks = await figure.locator('svg g[aria-label="x-axis tick label"] text').allTextContents();
    expect(ticks.some((t) => /^Tháng \d+/.test(t))).toBe(true);
    expect(ticks.filter((t) => /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/.test(t))).toEqual([]);
    const titles = await figure.locator('svg g[aria-label="dot"] title').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(titles.some((t) => t.startsWith('96,9 %'))).toBe(true);
    // No dot clipped: each lies wholly inside the plot's frame.
    const frame = (await figure.locator('svg').first().boundingBox()) as Box;
    for (const box of await dots.evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().toJSON() as Box))) {
      expect(box.x).toBeGreaterThanOrEqual(frame.x);
      expect(box.y).toBeGreaterThanOrEqual(frame.y);
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
    }
    await page.screenshot({ path: `${ARTIFACTS}statistics-indicator.png`, fullPage: true });

    // A dot leads to its number, marked in its sentence in the article.
    const dot96 = figure.locator('svg g[aria-label="dot"] a').filter({ has: page.locator('title', { hasText: /^96,9 %/ }) });
    await Promise.all([page.waitForURL(new RegExp(`/articles/${web.db.ids.hanoi2021}#statistic-\\d+$`)), dot96.click()]);
    const target = page.locator('mark:target');
    expect(await target.textContent()).toBe('370/382 xã');
    expect(await target.isVisible()).toBe(true);
  });

  it('downloads what is shown: the indicator\'s rows with their fields', async () => {
    await page.goto(url('/statistics?indicator=nong+thon+moi'));
    const rows = await page.locator('tr[data-statistic]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-statistic'))));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('p.downloads a:text-is("CSV")')]);
    const records = csvRecords(readFileSync((await download.path())!, 'utf8'));
    expect(records.map((r) => Number(r.id))).toEqual(rows);
    expect(records.find((r) => r.text === '356/382 xã')).toMatchObject({ share: '93.2', indicator: 'xã đạt chuẩn nông thôn mới' });
    const json = await (await page.request.get(url('/statistics/export?indicator=nong+thon+moi&format=jsonl'))).text();
    expect(json.trim().split('\n').map((line) => (JSON.parse(line) as { id: number }).id)).toEqual(rows);
  });

  it('gives counts whole-number ticks', async () => {
    await page.goto(url(`/documents/${web.db.ids.resolution57}`));
    await page.waitForSelector('figure#chart[data-points]');
    const ticks = await page.locator('figure#chart svg g[aria-label="y-axis tick label"] text').allTextContents();
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(t).toMatch(/^\d+$/);
  });
});

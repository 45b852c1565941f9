// End to end in Debian's Chromium (playwright-core): search with and without diacritics, an
// article with its entities highlighted, a chart whose points are counted against the table,
// a CSV download parsed; a screenshot of each page goes to test-artifacts/ for a reviewer.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** The browser's window, as seen inside `evaluate` (the project compiles without the DOM library). */
interface Window {
  getComputedStyle(element: unknown): { backgroundColor: string };
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}
import type { WebTestDb } from '../helpers/web-db.ts';
import { ARTIFACTS, CHROMIUM, hasChromium, openWebInBrowser, type WebInBrowser } from '../helpers/browser.ts';
import { csvRecords } from './csv.ts';

if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('vnpress serve in Chromium', () => {
  let web: WebInBrowser;
  let db: WebTestDb;
  let browser: Browser;
  let page: Page;

  const url = (path: string) => web.url(path);
  const shot = (name: string, target: Page = page) => target.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
  const hitIds = async () => (await page.locator('li.hit h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
    .map((href) => Number(href!.split('/').pop()));

  beforeAll(async () => {
    web = await openWebInBrowser();
    ({ db, browser, page } = web);
  });

  afterAll(async () => {
    await web?.close();
  });

  it('searches with and without diacritics and marks the words', async () => {
    await page.goto(url('/search'));
    await page.fill('input[name="q"]', 'thanh uy ha noi');
    await Promise.all([page.waitForURL(/q=thanh\+uy\+ha\+noi/), page.press('input[name="q"]', 'Enter')]);
    const folded = await hitIds();
    expect(folded).toContain(db.ids.hanoi2020);
    expect(await page.locator('.snippet mark', { hasText: 'Thành ủy Hà Nội' }).count()).toBeGreaterThan(0);
    await shot('search');

    await page.fill('input[name="q"]', 'Thành ủy Hà Nội');
    await Promise.all([page.waitForURL(/q=Th/), page.click('form.filters button[type="submit"]')]);
    expect(await hitIds()).toEqual(folded);

    // The language filter narrows to the English edition.
    await page.fill('input[name="q"]', '');
    await page.selectOption('select[name="language"]', 'en');
    await Promise.all([page.waitForURL(/language=en/), page.click('form.filters button[type="submit"]')]);
    expect(await hitIds()).toEqual([db.ids.english]);
  });

  it('opens an article and shows each kind of entity highlighted in its own colour', async () => {
    await page.goto(url(`/search?q=${encodeURIComponent('Vương Đình Huệ')}&section=${encodeURIComponent('Chính trị')}`));
    await Promise.all([page.waitForURL(/\/articles\/\d+$/), page.click(`li.hit h2 a[href="/articles/${db.ids.hanoi2020}"]`)]);
    const colours: Record<string, string> = {};
    for (const kind of ['official', 'document', 'date', 'period', 'statistic']) {
      const mark = page.locator(`.text mark.ent-${kind}`).first();
      await expect(mark.isVisible()).resolves.toBe(true);
      colours[kind] = await mark.evaluate((el) => (globalThis as unknown as Window).getComputedStyle(el).backgroundColor);
    }
    expect(new Set(Object.values(colours)).size).toBe(5);
    expect(await page.locator('.text mark.ent-official').first().textContent()).toBe('Vương Đình Huệ');
    expect(await page.locator('.text mark.ent-statistic').allTextContents()).toEqual(['356/382 xã', '0,5%']);
    await shot('article');
    // The entity links lead to the official's page.
    await Promise.all([page.waitForURL(new RegExp(`/officials/${db.ids.hue}$`)), page.locator(`.text a.ent-link[href="/officials/${db.ids.hue}"]`).first().click()]);
    expect(await page.locator('h1').textContent()).toBe('Vương Đình Huệ');
    await shot('official');
  });

  it('shows stored markup as text, not as elements', async () => {
    await page.goto(url(`/articles/${db.ids.script}`));
    expect(await page.locator('.text').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('.text script, .text img').count()).toBe(0);
    await shot('article-markup');
  });

  it('draws the statistics chart with one point per row', async () => {
    await page.goto(url('/statistics'));
    await page.selectOption('select[name="unit"]', 'xã');
    await Promise.all([page.waitForURL(/unit=x/), page.click('form.filters button[type="submit"]')]);
    await page.waitForSelector('figure#chart[data-points]');
    const rows = await page.locator('tr[data-statistic]').count();
    const dots = await page.locator('figure#chart svg g[aria-label="dot"] circle').count();
    const json = await (await page.request.get(url('/statistics/chart.json?unit=xã'))).json();
    expect(rows).toBeGreaterThanOrEqual(3);
    expect(rows).toBeLessThan(50); // one page holds them all, so table and chart show the same rows
    expect(dots).toBe(rows);
    expect(dots).toBe(json.count);
    await shot('statistics');

    await page.selectOption('select[name="by"]', 'period');
    await Promise.all([page.waitForURL(/by=period/), page.click('form.filters button[type="submit"]')]);
    await page.waitForSelector('figure#chart[data-points]');
    const periodRows = await page.locator('tr[data-statistic]').count();
    expect(await page.locator('figure#chart svg g[aria-label="dot"] circle').count()).toBe(periodRows);
    expect(periodRows).toBeLessThan(rows); // the 380 xã of 2022 names no period
    await shot('statistics-by-period');
  });

  it('downloads the table as CSV that parses to the same rows', async () => {
    await page.goto(url('/statistics?unit=xã'));
    const rows = await page.locator('tr[data-statistic]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-statistic'))));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('p.downloads a:text-is("CSV")')]);
    expect(download.suggestedFilename()).toBe('statistics-unit-xa.csv');
    const records = csvRecords(readFileSync((await download.path())!, 'utf8'));
    expect(records.map((r) => Number(r.id))).toEqual(rows);
    expect(records.every((r) => r.article_url && r.unit)).toBe(true);
  });

  it('draws a document\'s citations per month and lists the officials and documents', async () => {
    await page.goto(url(`/documents/${db.ids.resolution57}`));
    await page.waitForSelector('figure#chart[data-points]');
    const months = await page.locator('table.months tbody tr').count();
    expect(await page.locator('figure#chart svg g[aria-label="rect"] rect').count()).toBe(months);
    await shot('document');
    await page.goto(url('/documents'));
    await shot('documents');
    await page.goto(url('/officials'));
    await shot('officials');
  });

  it('switches to English and reads on a phone without sideways scrolling', async () => {
    await page.goto(url('/search'));
    await Promise.all([page.waitForURL(/lang=en/), page.click('a.lang')]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Search');
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const [name, path] of [['phone-article', `/articles/${db.ids.hanoi2020}`], ['phone-search', '/search?q=thanh+uy']] as const) {
      await phone.goto(url(path));
      const overflow = await phone.evaluate(() => {
        const root = (globalThis as unknown as Window).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, name).toBeLessThanOrEqual(0);
      await shot(name, phone);
    }
    await phone.close();
  });

  it('reads every listing on a phone: the page never scrolls sideways, a wide table scrolls in its own box, the sentence and article columns stay shown', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const pages = [['phone-statistics', '/statistics?unit=xã'], ['phone-officials', '/officials'], ['phone-documents', '/documents'],
      ['phone-document', `/documents/${db.ids.resolution57}`], ['phone-official', `/officials/${db.ids.hue}`]] as const;
    for (const [name, path] of pages) {
      await phone.goto(url(path));
      const layout = await phone.evaluate(() => {
        type Box = { left: number; right: number; width: number };
        type El = { scrollWidth: number; clientWidth: number; getBoundingClientRect(): Box; closest(s: string): El | null; querySelectorAll(s: string): El[]; textContent: string | null };
        const doc = (globalThis as unknown as { document: { documentElement: El; querySelectorAll(s: string): El[] } }).document;
        const root = doc.documentElement;
        const tables = Array.from(doc.querySelectorAll('table')).map((table) => {
          const wrap = table.closest('.table-wrap, figure');
          const headers = Array.from(table.querySelectorAll('thead th')).map((th) => ({ text: (th.textContent ?? '').trim(), width: th.getBoundingClientRect().width }));
          return { wrapped: !!wrap, fits: wrap ? wrap.getBoundingClientRect().right <= root.clientWidth + 0.5 : table.getBoundingClientRect().right <= root.clientWidth + 0.5, scrolls: wrap ? wrap.scrollWidth > wrap.clientWidth : false, headers };
        });
        return { overflow: root.scrollWidth - root.clientWidth, tables };
      });
      expect(layout.overflow, name).toBeLessThanOrEqual(0);
      expect(layout.tables.length, name).toBeGreaterThan(0);
      for (const table of layout.tables) {
        expect(table.fits, `${name}: a table's box stays within the screen`).toBe(true);
        // Every column is laid out (none hidden at phone width), with room for a word.
        for (const header of table.headers) expect(header.width, `${name}: column ${header.text}`).toBeGreaterThan(20);
        if (table.scrolls) expect(table.wrapped, `${name}: a table wider than the screen scrolls inside its own box`).toBe(true);
      }
      if (name === 'phone-statistics') {
        const headers = layout.tables[0]!.headers.map((h) => h.text);
        expect(headers).toEqual(expect.arrayContaining(['Câu', 'Bài viết']));
        const sentence = layout.tables[0]!.headers.find((h) => h.text === 'Câu')!;
        // The sentence column keeps a readable width (16rem) instead of being squeezed to the screen.
        expect(sentence.width).toBeGreaterThanOrEqual(200);
        expect(layout.tables[0]!.scrolls).toBe(true);
        const link = phone.locator('tr[data-statistic] td a[href^="/articles/"]').first();
        await link.scrollIntoViewIfNeeded();
        expect(await link.isVisible()).toBe(true);
      }
      await shot(name, phone);
    }
    await phone.close();
  });

  it('searches without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(url('/search'));
    await plain.fill('input[name="q"]', 'thanh uy');
    await Promise.all([plain.waitForURL(/q=thanh\+uy/), plain.press('input[name="q"]', 'Enter')]);
    expect(await plain.locator('li.hit').count()).toBeGreaterThan(0);
    await context.close();
  });
});

// The web application over HTTP (undici against a real server on 127.0.0.1 and a real SQLite
// file): every page answers, stored markup is shown as text, bad query strings get a 400 that
// names the parameter, and downloads parse.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'undici';
import { statSync } from 'node:fs';
import { buildWebTestDb, type WebTestDb } from '../helpers/web-db.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { csvRecords } from './csv.ts';

let db: WebTestDb;
let server: WebServer;

beforeAll(async () => {
  db = buildWebTestDb();
  server = await startWebServer({ dbPath: db.dbPath, port: 0 });
});
afterAll(async () => {
  await server?.close();
  db?.cleanup();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await request(new URL(path, server.url), { headers });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  // Decoded by hand: a TextDecoder would drop the BOM that the Excel option must send.
  return { status: response.statusCode, headers: response.headers, body: bytes.toString('utf8'), bytes };
}

/** HTML text with the five escapes undone, to read messages as a person sees them. */
function unescape(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The article ids a search page links to, in order. */
function hitIds(body: string): number[] {
  return [...body.matchAll(/<li class="hit">\s*<h2><a href="\/articles\/(\d+)"/g)].map((m) => Number(m[1]));
}

describe('vnpress serve: pages', () => {
  it('binds 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers every page with 200 and HTML, in Vietnamese by default', async () => {
    const { ids } = db;
    const paths = ['/search', '/search?q=thanh+uy', `/articles/${ids.hanoi2020}`, '/statistics', '/statistics?unit=x%C3%A3',
      '/officials', `/officials/${ids.hue}`, '/documents', `/documents/${ids.resolution57}`];
    for (const path of paths) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type'], path).toMatch(/^text\/html/);
      expect(page.body, path).toContain('<html lang="vi">');
      expect(page.body, path).toContain('Tìm kiếm');
    }
    const root = await get('/');
    expect(root.status).toBe(302);
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const english = await get('/statistics?lang=en');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Statistics explorer');
    const cookie = String(english.headers['set-cookie']);
    expect(cookie).toMatch(/lang=en/);
    const next = await get('/officials', { cookie: cookie.split(';')[0]! });
    expect(next.body).toContain('Officials directory');
    expect(next.body).toContain('href="/officials?lang=vi"');
  });

  it('finds articles with and without diacritics and marks the matched words in the original spelling', async () => {
    const folded = await get('/search?q=thanh+uy+ha+noi');
    const accented = await get('/search?q=' + encodeURIComponent('Thành ủy Hà Nội'));
    expect(hitIds(folded.body)).toContain(db.ids.hanoi2020);
    expect(hitIds(folded.body)).toEqual(hitIds(accented.body));
    expect(folded.body).toMatch(/<mark>Thành ủy Hà Nội<\/mark>/);
    // đ folds to d: "dang bo" finds "Đảng bộ".
    const dang = await get('/search?q=dang+bo+huyen');
    expect(hitIds(dang.body)).toContain(db.ids.hanoi2021);
    expect(dang.body).toContain('<mark>Đảng bộ huyện</mark>');
  });

  it('filters search by source, section, language and date range', async () => {
    const { ids } = db;
    expect(hitIds((await get('/search?q=xa&source=vnexpress')).body)).toEqual([ids.village2022]);
    expect(hitIds((await get('/search?language=en')).body)).toEqual([ids.english]);
    expect(hitIds((await get('/search?q=' + encodeURIComponent('Vương Đình Huệ') + '&section=' + encodeURIComponent('Thời sự'))).body)).toEqual([ids.hanoi2021]);
    const range = hitIds((await get('/search?from=2021-03-10&to=2021-03-10')).body);
    expect(range).toEqual([ids.hanoi2021]);
    // Newest first.
    const all = hitIds((await get('/search?q=vuong+dinh+hue')).body);
    expect(all.indexOf(ids.hanoi2021)).toBeLessThan(all.indexOf(ids.hanoi2020));
  });

  it('pages through results with the filters kept', async () => {
    const first = await get('/search');
    const count = Number(/<strong>(\d+) kết quả<\/strong>/.exec(first.body)?.[1]);
    expect(count).toBeGreaterThanOrEqual(12);
    // 20 a page: with fewer than 21 articles there is no next link; the second page of a one-per-day range is empty.
    const secondPage = await get('/search?page=2');
    expect(hitIds(secondPage.body).length).toBe(Math.max(0, count - 20));
  });

  it('shows an article with its entities marked in place, a legend, and links to their pages', async () => {
    const { ids } = db;
    const page = (await get(`/articles/${ids.hanoi2020}`)).body;
    expect(page).toMatch(new RegExp(`<a class="ent-link" href="/officials/${ids.hue}"><mark class="ent ent-official"[^>]*>Vương Đình Huệ</mark></a>`));
    expect(page).toMatch(new RegExp(`<a class="ent-link" href="/documents/${ids.resolution57}"><mark class="ent ent-document"[^>]*>Nghị quyết 57-NQ/TW ngày 22/12/2019 của Bộ Chính trị</mark>`));
    expect(page).toMatch(/<mark class="ent ent-date"[^>]*>Sáng 8\/6<\/mark>/);
    expect(page).toMatch(/<mark class="ent ent-period"[^>]*>6 tháng đầu năm 2020<\/mark>/);
    expect(page).toMatch(/<mark class="ent ent-statistic"[^>]*>356\/382 xã<\/mark>/);
    expect(page).toMatch(/<mark class="ent ent-statistic"[^>]*>0,5%<\/mark>/);
    expect(page).toContain('class="legend"');
    expect(page).toContain('href="https://hanoimoi.vn/thanh-uy-ha-noi-hop-2020"');
    expect(page).toContain('Minh An');
    // The side list links each official and document.
    expect(page).toMatch(new RegExp(`<aside class="entities"[\\s\\S]*href="/officials/${ids.hue}"`));
  });

  it('lists an official\'s titles in the order they were first given, with the articles', async () => {
    const page = (await get(`/officials/${db.ids.hue}`)).body;
    const order = ['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Hà Nội', 'Chủ tịch Quốc hội'].map((title) => page.indexOf(`<td>${title}</td>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order[0]).toBeLessThan(order[2]!);
    expect(page).toContain(`href="/articles/${db.ids.hanoi2020}"`);
    expect(page).toContain(`href="/articles/${db.ids.hanoi2021}"`);
    const directory = (await get('/officials?q=vuong+dinh')).body;
    expect(directory).toContain(`href="/officials/${db.ids.hue}"`);
  });

  it('shows a document with every citing article and its citations per month', async () => {
    const page = (await get(`/documents/${db.ids.resolution57}`)).body;
    expect(page).toContain(`href="/articles/${db.ids.hanoi2020}"`);
    expect(page).toContain(`href="/articles/${db.ids.hanoi2021}"`);
    expect(page).toMatch(/<td>2020-06<\/td><td class="num">1<\/td>/);
    expect(page).toMatch(/<td>2021-03<\/td><td class="num">1<\/td>/);
    const list = (await get('/documents?q=57-nq')).body;
    expect(list).toContain(`href="/documents/${db.ids.resolution57}"`);
  });

  it('serves chart data by publication date and by period, folding the unit', async () => {
    const accented = JSON.parse((await get('/statistics/chart.json?unit=' + encodeURIComponent('xã'))).body);
    const folded = JSON.parse((await get('/statistics/chart.json?unit=xa')).body);
    expect(folded.points).toEqual(accented.points);
    expect(folded.count).toBe(folded.points.length);
    const mine = folded.points.filter((p: { article_id: number }) => [db.ids.hanoi2020, db.ids.hanoi2021, db.ids.village2022].includes(p.article_id));
    expect(mine.map((p: { value: number; x: string }) => [p.value, p.x.slice(0, 10)])).toEqual([[380, '2022-11-20'], [370, '2021-03-10'], [356, '2020-06-08']]);

    const byPeriod = JSON.parse((await get('/statistics/chart.json?unit=xa&by=period&source=hanoimoi')).body);
    const periods = byPeriod.points.filter((p: { article_id: number }) => [db.ids.hanoi2020, db.ids.hanoi2021].includes(p.article_id));
    expect(periods.map((p: { x: string; x2: string }) => [p.x, p.x2])).toEqual([['2020-01-01', '2020-12-31'], ['2020-01-01', '2020-06-30']]);
    expect(byPeriod.points.some((p: { x: string | null }) => p.x === null)).toBe(false);
  });

  it('filters statistics by official and shows the sentence and the article', async () => {
    // The seeds may mention him too (what extract finds there changes): look at the hand-built articles' dates only.
    const page = (await get('/statistics?from=2020-06-01&to=2021-12-31&official=' + encodeURIComponent('vuong dinh hue'))).body;
    const rows = [...page.matchAll(/<tr data-statistic="(\d+)">/g)];
    expect(rows.length).toBe(3);
    expect(page).not.toContain(`href="/articles/${db.ids.village2022}"`);
    expect(page).toContain('<mark class="ent ent-statistic">370/382 xã</mark> đạt chuẩn.');
    const missing = await get('/statistics?official=' + encodeURIComponent('Không Có Ai'));
    expect(missing.status).toBe(200);
    expect(missing.body).toContain('Không có cán bộ nào tên');
  });
});

describe('vnpress serve: escaping', () => {
  it('shows stored markup as text everywhere', async () => {
    const { ids } = db;
    const article = (await get(`/articles/${ids.script}`)).body;
    expect(article).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(article).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(article).toContain('Tiêu đề &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(article).not.toMatch(/<script>alert|<img src=x|<b>Văn<\/b>/);
    // A stored javascript: URL is never made a link.
    expect(article).not.toContain('href="javascript:');
    const search = (await get('/search?q=' + encodeURIComponent('<script>'))).body;
    expect(search).not.toContain('<script>');
    expect(search).toContain('value="&lt;script&gt;"');
    expect(search).toContain('&lt;<mark>script</mark>&gt;alert(1)');
    expect(hitIds(search)).toContain(ids.script);
    const officials = (await get('/officials?q=nguyen')).body;
    expect(officials).toContain('Nguyễn &lt;b&gt;Văn&lt;/b&gt; A');
    expect(officials).toContain('&lt;i&gt;Bí thư&lt;/i&gt;');
    const sections = (await get('/search')).body;
    expect(sections).toContain('Kiểm tra &lt;b&gt;');
  });

  it('sends a content security policy that forbids inline scripts', async () => {
    const page = await get('/search');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  });
});

describe('vnpress serve: bad input', () => {
  const cases: [string, RegExp][] = [
    ['/search?page=abc', /parameter "page": expected a whole number from 1 to 500/],
    ['/search?page=0', /parameter "page"/],
    ['/search?from=2020-13-01', /parameter "from": not a real calendar date/],
    ['/search?from=June', /parameter "from": expected a date as YYYY-MM-DD/],
    ['/search?from=2021-01-01&to=2020-01-01', /"to" \(2020-01-01\) is before "from" \(2021-01-01\)/],
    ['/search?colour=red', /unknown parameter "colour"/],
    ['/search?q=a&q=b', /parameter "q" is given more than once/],
    ['/search?q=%E0%A4%A', /malformed query string/],
    ['/search?language=fr', /parameter "language": expected "vi" or "en"/],
    ['/search?q=' + 'x'.repeat(201), /parameter "q": at most 200 characters/],
    ['/search?q=%22%22', /nothing to search for/],
    ['/statistics?by=week', /parameter "by": expected "published" or "period"/],
    ['/statistics/chart.json?unit=xa&page=2', /unknown parameter "page"/],
    ['/articles/abc', /"abc" is not an id/],
    ['/search/export?format=xml', /parameter "format": expected "csv", "jsonl" or "json"/],
    ['/statistics/export?excel=yes', /parameter "excel": expected 0 or 1/],
    ['/officials?lang=fr', /parameter "lang"/],
  ];
  for (const [path, message] of cases) {
    it(`400 for ${path.slice(0, 60)}`, async () => {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(unescape(response.body)).toMatch(message);
    });
  }

  it('404 for an unknown article, official, document or path', async () => {
    for (const path of ['/articles/999999', '/officials/999999', '/documents/999999', '/nowhere']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('does not write to the database file', async () => {
    const before = statSync(db.dbPath).mtimeMs;
    await get('/search?q=thanh+uy');
    await get('/statistics/export?format=csv');
    expect(statSync(db.dbPath).mtimeMs).toBe(before);
    expect((await request(new URL('/search', server.url), { method: 'POST', body: 'q=x' })).statusCode).toBe(404);
  });
});

describe('vnpress serve: downloads', () => {
  it('downloads search results as CSV that parses, each row traceable to its article URL', async () => {
    const response = await get('/search/export?q=thanh+uy&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="search-q-thanh-uy\.csv"/);
    expect(response.bytes[0]).not.toBe(0xef);
    const rows = csvRecords(response.body);
    const page = await get('/search?q=thanh+uy');
    expect(rows.map((r) => Number(r.article_id))).toEqual(hitIds(page.body));
    expect(rows.find((r) => Number(r.article_id) === db.ids.hanoi2020)?.article_url).toBe('https://hanoimoi.vn/thanh-uy-ha-noi-hop-2020');
    // One column set for every search export: the CLI's `export search:…` writes the same header.
    expect(Object.keys(rows[0]!)).toEqual(['article_id', 'published', 'source_id', 'source_name', 'section', 'language', 'title', 'author',
      'snippet', 'article_url', 'rank']);
    expect(rows.find((r) => Number(r.article_id) === db.ids.hanoi2020)?.snippet).toContain('«Thành ủy»');
  });

  it('downloads statistics for Excel with a BOM, CRLF and formulas neutralised', async () => {
    const response = await get('/statistics/export?format=csv&excel=1&unit=' + encodeURIComponent('=cmd|lượt'));
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.body).toContain('\r\n');
    const rows = csvRecords(response.body.slice(1));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.context).toBe(`'=HYPERLINK("http://evil.test","bấm") là 12 lượt truy cập.`);
    expect(rows[0]!.unit).toBe(`'=cmd|lượt`);
    // Without the Excel option: no BOM, LF, and the formulas neutralised all the same (text from the web is never trusted).
    const plain = await get('/statistics/export?format=csv&unit=' + encodeURIComponent('=cmd|lượt'));
    expect(plain.bytes[0]).not.toBe(0xef);
    expect(plain.body).not.toContain('\r\n');
    expect(csvRecords(plain.body)[0]!.context).toBe(`'=HYPERLINK("http://evil.test","bấm") là 12 lượt truy cập.`);
  });

  it('downloads every view as JSON Lines that parse', async () => {
    const { ids } = db;
    const paths = ['/search/export?format=jsonl', '/statistics/export?format=jsonl&unit=xa', '/officials/export?format=jsonl',
      `/officials/${ids.hue}/export?format=jsonl`, '/documents/export?format=jsonl', `/documents/${ids.resolution57}/export?format=jsonl`,
      `/articles/${ids.hanoi2020}/export?format=jsonl`];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type'], path).toMatch(/^application\/jsonl/);
      const lines = response.body.trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.length, path).toBeGreaterThan(0);
      expect(lines.every((l) => 'article_url' in l || 'url' in l), path).toBe(true);
    }
    const official = (await get(`/officials/${ids.hue}/export?format=jsonl`)).body.trim().split('\n').map((l) => JSON.parse(l));
    const handBuilt = [ids.hanoi2020, ids.hanoi2021];
    expect(official.filter((r) => handBuilt.includes(r.article_id)).map((r) => r.title)).toEqual(['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Hà Nội', 'Chủ tịch Quốc hội']);
    const entities = (await get(`/articles/${ids.hanoi2020}/export?format=csv`)).body;
    expect(csvRecords(entities).map((r) => r.kind).sort()).toEqual(['date', 'document', 'official', 'period', 'statistic', 'statistic']);
  });

  it('serves .json, .jsonl and .csv of every listing and item page at the page\'s URL, the rows of its filters', async () => {
    const { ids } = db;
    const pages = ['/search?q=thanh+uy', '/statistics?unit=x%C3%A3&page=1', '/officials', '/documents',
      `/articles/${ids.hanoi2020}`, `/officials/${ids.hue}`, `/documents/${ids.resolution57}`];
    for (const page of pages) {
      const url = new URL(page, 'http://x');
      const at = (ext: string) => `${url.pathname}.${ext}${url.search}`;
      const exported = `${url.pathname}/export${url.search.replace(/[?&]page=\d+/, '')}`;
      const json = await get(at('json'));
      expect(json.status, at('json')).toBe(200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      const rows = JSON.parse(json.body) as Array<Record<string, unknown>>;
      expect(Array.isArray(rows)).toBe(true);
      expect(rows.length, page).toBeGreaterThan(0);
      const jsonl = await get(at('jsonl'));
      expect(jsonl.body.trim().split('\n').map((l) => JSON.parse(l))).toEqual(rows);
      expect(jsonl.body).toBe((await get(`${exported}${exported.includes('?') ? '&' : '?'}format=jsonl`)).body);
      const csv = await get(at('csv'));
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csvRecords(csv.body)).toHaveLength(rows.length);
    }
    // The search page's hits, in its order.
    const search = JSON.parse((await get('/search.json?q=thanh+uy')).body) as Array<{ article_id: number }>;
    expect(search.map((r) => r.article_id)).toEqual(hitIds((await get('/search?q=thanh+uy')).body));
    // An empty result is an empty array; bad filters a 400 as for the page.
    expect(JSON.parse((await get('/search.json?q=khongcochunay')).body)).toEqual([]);
    expect((await get('/statistics.json?from=yesterday')).status).toBe(400);
    expect((await get('/search.xml')).status).toBe(404);
  });

  it('names downloads after what was filtered', async () => {
    const name = async (path: string) => {
      const response = await get(path);
      expect(response.status, `${path}: ${response.body.slice(0, 200)}`).toBe(200);
      return /filename="([^"]+)"/.exec(response.headers['content-disposition'] as string)?.[1];
    };
    expect(await name('/statistics/export?format=csv&excel=1&unit=x%C3%A3&from=2020-01-01')).toBe('statistics-unit-xa-from-2020-01-01-excel.csv');
    expect(await name('/statistics.csv?unit=%C4%91%E1%BB%93ng&by=period')).toBe('statistics-unit-dong-by-period.csv');
    expect(await name('/statistics/export?format=csv')).toBe('statistics.csv');
    expect(await name('/search.jsonl?q=%C4%90%E1%BA%A3ng+vi%C3%AAn&source=nhandan')).toBe('search-q-dang-vien-source-nhandan.jsonl');
    expect(await name('/officials.csv?q=Hu%E1%BB%87')).toBe('officials-q-hue.csv');
  });
});

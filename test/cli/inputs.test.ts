// `extract` and `clean` read standard input (a real pipe into the real binary), fetch URLs from a
// real local HTTP server (robots.txt obeyed, the crawl's User-Agent), and handle every file of a
// folder with --jsonl or refuse without it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { runCli, runCliAsync, ROOT } from './run-cli.ts';

const SEED = 'fixtures/seeds/002_9467f64f0288784b.txt';
const seedText = readFileSync(join(ROOT, SEED), 'utf8');
const [seedTitle, ...seedParagraphs] = seedText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

/** The seed as a news page: furniture around an <article>, the title in <h1>, a publication date in the head. */
function seedPage(title = seedTitle!): string {
  const paragraphs = seedParagraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title} | Báo Thử</title>
<meta property="article:published_time" content="2020-07-15T16:30:00+07:00"></head>
<body><nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>
<article><h1>${title}</h1>${paragraphs}</article>
<footer>© Báo Thử. Giấy phép số 123/GP-BTTTT.</footer></body></html>`;
}

describe('extract and clean: standard input', () => {
  it('extract - reads an HTML page from a pipe and prints the contract with input "-"', () => {
    const out = runCli(['extract', '-'], { input: seedPage() });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const record = JSON.parse(out.stdout);
    expect(record.input).toBe('-');
    expect(record.title).toBe(seedTitle);
    expect(record.published).toBe('2020-07-15T16:30:00+07:00');
    expect(record.text).not.toContain('Trang chủ');
    expect(record.text).not.toContain('Giấy phép');
    expect(record.documents.map((d: { code: string | null }) => d.code)).toContain('290-QĐ/TW');
  });

  it('extract - sniffs plain text (no markup) and extracts from it', () => {
    const out = runCli(['extract', '-', '--published', '2020-07-15'], { input: seedText });
    expect(out.code).toBe(0);
    const record = JSON.parse(out.stdout);
    expect(record.text).toContain('Quyết định 290-QĐ/TW');
    expect(record.officials.map((o: { name: string }) => o.name)).toContain('Trương Thị Mai');
  });

  it.each([
    ['a comparison', 'Tỷ lệ hộ nghèo giảm: 3,2% < 4% năm trước, theo Quyết định 290-QĐ/TW ngày 25/2/2010.'],
    ['a heart', 'Người dân gửi lời cảm ơn <3 tới Ban Dân vận Trung ương.'],
  ])('text that mentions < (%s) is text, not HTML', (_what, text) => {
    const out = runCli(['clean', '-'], { input: text });
    expect(out.code).toBe(0);
    expect(out.stdout.trim()).toBe(text);
  });

  it('--text reads HTML on stdin as text: the markup stays', () => {
    const out = runCli(['clean', '-', '--text'], { input: '<p>Chiều 15/7, Đoàn Kiểm tra số 1 làm việc với Thành ủy Hà Nội.</p>' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('<p>');
  });

  it('clean - prints the body text of a piped page', () => {
    const out = runCli(['clean', '-'], { input: seedPage() });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(seedParagraphs[0]!.slice(0, 60));
    expect(out.stdout).not.toContain('Trang chủ');
  });

  it.each([
    [['extract', '-'], '', /^vnpress: -: empty standard input$/],
    [['clean', '-'], Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]).toString('latin1'), /^vnpress: -: binary content/],
    [['extract', '-', '-'], 'x', /^vnpress: -: standard input can be read only once$/],
  ])('%j with unusable stdin is one clear line and a non-zero exit', (args, input, message) => {
    const out = runCli(args, { input });
    expect(out.code).not.toBe(0);
    expect(out.stderr.trim()).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('clean over a folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-clean-dir-'));
    copyFileSync(join(ROOT, SEED), join(dir, 'a.txt'));
    writeFileSync(join(dir, 'b.html'), seedPage('Trang thứ hai của thư mục'));
    writeFileSync(join(dir, 'c.html'), Buffer.from([0, 1, 2, 3]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without --jsonl, refuses with a line saying how many inputs and what to use', () => {
    const out = runCli(['clean', dir]);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim()).toMatch(/: 3 inputs; use --jsonl for more than one/);
  });

  it('with --jsonl, prints every file: one object per line with input and text, an error line for the bad one', () => {
    const out = runCli(['clean', dir, '--jsonl']);
    expect(out.code).toBe(1);
    const lines = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.input)).toEqual([join(dir, 'a.txt'), join(dir, 'b.html'), join(dir, 'c.html')]);
    expect(lines[0].text).toContain('Quyết định 290-QĐ/TW');
    expect(lines[1].title).toBe('Trang thứ hai của thư mục');
    expect(lines[1].text).not.toContain('Trang chủ');
    expect(lines[2]).toEqual({ input: join(dir, 'c.html'), error: expect.stringMatching(/binary content/) });
    expect(out.stderr).toMatch(/c\.html: binary content/);
  });
});

describe('extract and clean: URLs', () => {
  let server: Server;
  let base: string;
  const requests: Array<{ path: string; userAgent: string }> = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      requests.push({ path: req.url ?? '', userAgent: req.headers['user-agent'] ?? '' });
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('User-agent: *\nDisallow: /noi-bo/\n');
      } else if (req.url === '/thoi-su/bai-viet.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(seedPage());
      } else if (req.url === '/cu.html') {
        res.writeHead(301, { location: '/thoi-su/bai-viet.html' });
        res.end();
      } else if (req.url === '/anh.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Không tìm thấy</h1>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

  it('extract URL fetches the page after robots.txt, with the crawl\'s User-Agent, and prints the contract with the URL', async () => {
    requests.length = 0;
    const url = `${base}/thoi-su/bai-viet.html`;
    const out = await runCliAsync(['extract', url, '--contact', 'https://example.org/contact']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const record = JSON.parse(out.stdout);
    expect(record.input).toBe(url);
    expect(record.url).toBe(url);
    expect(record.title).toBe(seedTitle);
    expect(record.documents.map((d: { code: string | null }) => d.code)).toContain('290-QĐ/TW');
    expect(requests.map((r) => r.path)).toEqual(['/robots.txt', '/thoi-su/bai-viet.html']);
    for (const r of requests) expect(r.userAgent).toMatch(/^vnpress\/[\d.]+ \(\+https:\/\/example\.org\/contact; /);
  });

  it('a redirect is followed and the page keeps the URL it was found at', async () => {
    const out = await runCliAsync(['clean', `${base}/cu.html`, '--json']);
    expect(out.code).toBe(0);
    const article = JSON.parse(out.stdout);
    expect(article.input).toBe(`${base}/cu.html`);
    expect(article.url).toBe(`${base}/thoi-su/bai-viet.html`);
    expect(article.text).toContain(seedParagraphs[0]!.slice(0, 60));
  });

  it('a page robots.txt disallows is not fetched: one line naming the URL and robots.txt', async () => {
    requests.length = 0;
    const url = `${base}/noi-bo/bao-cao.html`;
    const out = await runCliAsync(['extract', url]);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim()).toBe(`vnpress: ${url}: not fetched: ${base}/robots.txt disallows it for vnpress`);
    expect(requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it.each([
    ['/khong-co.html', /fetch failed: not-found \(HTTP 404\)/],
    ['/anh.png', /fetch failed: not-html/],
  ])('%s: one line saying why, non-zero exit', async (path, message) => {
    const out = await runCliAsync(['clean', `${base}${path}`]);
    expect(out.code).not.toBe(0);
    expect(out.stderr.trim()).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--jsonl mixes a URL, a refused URL and a file, one line each, in order', async () => {
    const out = await runCliAsync(['extract', '--jsonl', `${base}/thoi-su/bai-viet.html`, `${base}/noi-bo/x.html`, SEED]);
    expect(out.code).toBe(1);
    const lines = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.input)).toEqual([`${base}/thoi-su/bai-viet.html`, `${base}/noi-bo/x.html`, SEED]);
    expect(lines[0].title).toBe(seedTitle);
    expect(lines[1].error).toMatch(/robots\.txt disallows it/);
    expect(lines[2].officials.length).toBeGreaterThan(0);
  });
});

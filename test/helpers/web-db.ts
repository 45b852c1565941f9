// A realistic test database for the web tests: the five seed texts and the cached pages go
// through the real pipeline (processPage → Store.saveArticle); articles with hand-built
// extractions add entities whose count and place are known (the extract stage changes under
// other hands, so the tests must not rely on what it finds; their statistics carry the analyst fields of issue #20
// as extract gives them), and one article carries markup and
// a formula to prove escaping.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import { processPage } from '../../src/run/process.ts';
import type { Article, Extraction } from '../../src/core/types.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

export interface WebTestDb {
  dir: string;
  dbPath: string;
  /** Ids of the hand-built articles, officials and documents. */
  ids: {
    hanoi2020: number; hanoi2021: number; village2022: number; script: number; english: number;
    hue: number; resolution57: number; seeds: number[];
  };
  cleanup(): void;
}

/** [start, end) of the n-th occurrence (0-based) of `needle` in `text`; throws when absent, so a typo fails loudly. */
export function spanOf(text: string, needle: string, nth = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  }
  return [at, at + needle.length];
}

function article(fields: Partial<Article> & { url: string; text: string }): Article {
  const paragraphs = fields.text.split('\n\n');
  return {
    canonicalUrl: fields.url, sourceId: 'hanoimoi', title: null, published: null, author: null, language: 'vi',
    paragraphs, contentHash: createHash('sha256').update(fields.text).digest('hex'), warnings: [], ...fields,
  };
}

const empty = (): Extraction => ({ officials: [], documents: [], dates: [], periods: [], statistics: [] });

export function buildWebTestDb(): WebTestDb {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-web-'));
  const dbPath = join(dir, 'web.db');
  const store = new Store(dbPath);
  try {
    store.upsertSource({ id: 'hanoimoi', name: 'Hà Nội mới', baseUrl: 'https://hanoimoi.vn/', language: 'vi' });
    store.upsertSource({ id: 'vnexpress', name: 'VnExpress', baseUrl: 'https://vnexpress.net/', language: 'vi' });
    store.upsertSource({ id: 'vnexpress-en', name: 'VnExpress International', baseUrl: 'https://e.vnexpress.net/', language: 'en' });

    // The real pipeline over the seeds and the cached pages.
    const seeds: number[] = [];
    const seedFiles = readdirSync(new URL('seeds/', FIXTURES)).filter((f) => f.endsWith('.txt')).sort();
    seedFiles.forEach((file, i) => {
      const content = readFileSync(new URL(`seeds/${file}`, FIXTURES), 'utf8');
      const published = `2020-0${i + 1}-1${i}T08:00:00+07:00`;
      const { article: a, extraction } = processPage(content, 'text', { url: `https://hanoimoi.vn/seed-${i}`, published });
      a.sourceId = 'hanoimoi';
      a.section = 'Chính trị';
      a.published ??= published;
      a.title ??= a.paragraphs[0]?.slice(0, 90) ?? `Seed ${i}`;
      seeds.push(store.saveArticle(a, extraction).articleId);
    });
    for (const page of readdirSync(new URL('pages/', FIXTURES)).filter((f) => f.endsWith('.html')).sort()) {
      const html = readFileSync(new URL(`pages/${page}`, FIXTURES), 'utf8');
      const { article: a, extraction } = processPage(html, 'html', { url: `https://example.test/${page}` });
      if (!a.text) continue;
      a.sourceId = page.startsWith('vnexpress') ? 'vnexpress' : 'hanoimoi';
      a.published ??= '2022-02-13T10:00:00+07:00';
      store.saveArticle(a, extraction);
    }

    // 2020: the Hanoi Party Committee, an official with two titles, a resolution, dates, a period, statistics.
    const t1 = 'Sáng 8/6, Ban Thường vụ Thành ủy Hà Nội họp phiên thường kỳ. Đồng chí Vương Đình Huệ, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội chủ trì.'
      + '\n\nThực hiện Nghị quyết 57-NQ/TW ngày 22/12/2019 của Bộ Chính trị, 6 tháng đầu năm 2020 thành phố có 356/382 xã đạt chuẩn nông thôn mới; tỷ lệ hộ nghèo còn 0,5%.';
    const hanoi2020 = store.saveArticle(article({
      url: 'https://hanoimoi.vn/thanh-uy-ha-noi-hop-2020', title: 'Thành ủy Hà Nội họp phiên thường kỳ tháng 6', text: t1,
      published: '2020-06-08T09:00:00+07:00', section: 'Chính trị', author: 'Minh An',
    }), {
      officials: [{ name: 'Vương Đình Huệ', titles: ['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Hà Nội'] }],
      documents: [{ text: 'Nghị quyết 57-NQ/TW ngày 22/12/2019 của Bộ Chính trị', kind: 'Nghị quyết', number: '57', code: '57-NQ/TW',
        date: '2019-12-22', issuer: 'Bộ Chính trị', span: spanOf(t1, 'Nghị quyết 57-NQ/TW ngày 22/12/2019 của Bộ Chính trị') }],
      dates: [{ text: 'Sáng 8/6', value: '2020-06-08', span: spanOf(t1, 'Sáng 8/6') }],
      periods: [{ text: '6 tháng đầu năm 2020', value: '2020-01-01/2020-06-30', span: spanOf(t1, '6 tháng đầu năm 2020') }],
      statistics: [
        { text: '356/382 xã', value: 356, total: 382, unit: 'xã', period: '2020-01-01/2020-06-30', span: spanOf(t1, '356/382 xã'),
          context: '6 tháng đầu năm 2020 thành phố có 356/382 xã đạt chuẩn nông thôn mới; tỷ lệ hộ nghèo còn 0,5%.', place: 'Hà Nội',
          indicator: 'xã đạt chuẩn nông thôn mới', indicatorKey: 'xa dat chuan nong thon moi', share: 93.2 },
        { text: '0,5%', value: 0.5, unit: '%', span: spanOf(t1, '0,5%'), context: 'tỷ lệ hộ nghèo còn 0,5%.', place: 'Hà Nội',
          indicator: 'tỷ lệ hộ nghèo', indicatorKey: 'ty le ho ngheo' },
      ],
    }).articleId;

    // 2021: the same official under a new title, the same resolution cited again, another count of communes.
    const t2 = 'Chiều 10/3, Chủ tịch Quốc hội Vương Đình Huệ làm việc với Đảng bộ huyện Sóc Sơn.'
      + '\n\nSau một năm thực hiện Nghị quyết 57-NQ/TW, năm 2020 toàn thành phố có 370/382 xã đạt chuẩn.';
    const hanoi2021 = store.saveArticle(article({
      url: 'https://hanoimoi.vn/chu-tich-quoc-hoi-soc-son-2021', title: 'Chủ tịch Quốc hội làm việc tại Sóc Sơn', text: t2,
      published: '2021-03-10T15:00:00+07:00', section: 'Thời sự',
    }), {
      officials: [{ name: 'Vương Đình Huệ', titles: ['Chủ tịch Quốc hội'] }],
      documents: [{ text: 'Nghị quyết 57-NQ/TW', kind: 'Nghị quyết', number: '57', code: '57-NQ/TW', date: null, issuer: null, span: spanOf(t2, 'Nghị quyết 57-NQ/TW') }],
      dates: [{ text: 'Chiều 10/3', value: '2021-03-10', span: spanOf(t2, 'Chiều 10/3') }],
      periods: [{ text: 'năm 2020', value: '2020', span: spanOf(t2, 'năm 2020') }],
      statistics: [{ text: '370/382 xã', value: 370, total: 382, unit: 'xã', period: '2020', span: spanOf(t2, '370/382 xã'),
        context: 'năm 2020 toàn thành phố có 370/382 xã đạt chuẩn.', place: 'Hà Nội', indicator: 'xã đạt chuẩn', indicatorKey: 'xa dat chuan', share: 96.9 }],
    }).articleId;

    // 2022, another source: a count with no period (left out of a by-period chart).
    const t3 = 'Đến nay, Hà Nội có 380 xã đạt chuẩn nông thôn mới, trong đó 56 xã đạt chuẩn nâng cao.';
    const village2022 = store.saveArticle(article({
      url: 'https://vnexpress.net/nong-thon-moi-2022', sourceId: 'vnexpress', title: 'Hà Nội có 380 xã nông thôn mới', text: t3,
      published: '2022-11-20T07:30:00+07:00', section: 'Thời sự',
    }), {
      ...empty(),
      statistics: [{ text: '380 xã', value: 380, unit: 'xã', span: spanOf(t3, '380 xã'), context: t3, place: 'Hà Nội',
        indicator: 'xã đạt chuẩn nông thôn mới', indicatorKey: 'xa dat chuan nong thon moi' }],
    }).articleId;

    // Markup and a formula in stored text: pages must show them as text, Excel downloads must neutralise the formula.
    const t4 = 'Bài kiểm tra <script>alert(1)</script> với thẻ <img src=x onerror=alert(2)> trong nội dung.'
      + '\n\n=HYPERLINK("http://evil.test","bấm") là 12 lượt truy cập.';
    const script = store.saveArticle(article({
      url: 'javascript:alert(3)', title: 'Tiêu đề <script>alert("title")</script>', text: t4,
      published: '2021-07-01T10:00:00+07:00', section: 'Kiểm tra <b>',
    }), {
      ...empty(),
      officials: [{ name: 'Nguyễn <b>Văn</b> A', titles: ['<i>Bí thư</i>'] }],
      statistics: [{ text: '12 lượt truy cập', value: 12, unit: '=cmd|lượt', span: spanOf(t4, '12 lượt truy cập'),
        context: '=HYPERLINK("http://evil.test","bấm") là 12 lượt truy cập.' }],
    }).articleId;

    // An English edition.
    const t5 = 'The Hanoi Party Committee met on June 8 to review the first half of 2020.';
    const english = store.saveArticle(article({
      url: 'https://e.vnexpress.net/hanoi-party-committee', sourceId: 'vnexpress-en', title: 'Hanoi Party Committee reviews first half',
      text: t5, published: '2020-06-09T12:00:00+07:00', language: 'en', section: 'News',
    }), empty()).articleId;

    const ids = store.db.prepare(`SELECT (SELECT id FROM officials WHERE name = 'Vương Đình Huệ') AS hue,
      (SELECT id FROM documents WHERE code = '57-NQ/TW') AS resolution57`).get() as { hue: number; resolution57: number };
    return {
      dir, dbPath,
      ids: { hanoi2020, hanoi2021, village2022, script, english, hue: ids.hue, resolution57: ids.resolution57, seeds },
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    store.close();
  }
}

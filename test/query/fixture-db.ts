// A small real database built through Store.saveArticle: five articles from three sources with
// the officials, documents, periods and statistics (with the analyst fields of issue #20) an extractor would give them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import type { Article, Extraction, Statistic } from '../../src/core/types.ts';
import { tagPlaces } from '../../src/extract/common/places.ts';

export interface FixtureArticle {
  url: string;
  sourceId: string;
  title: string;
  published: string | null;
  paragraphs: string[];
  extraction: Extraction;
}

/** A statistic whose span and sentence are found in the text, as extract reports them. */
function stat(text: string, body: string, fields: Omit<Statistic, 'text' | 'span' | 'context'>): Statistic {
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`fixture: ${text} not in the text`);
  const dot = body.lastIndexOf('. ', start);
  const sentenceStart = Math.max(dot < 0 ? 0 : dot + 2, body.lastIndexOf('\n', start) + 1);
  const stop = body.indexOf('.', start + text.length);
  const context = body.slice(sentenceStart, stop < 0 ? body.length : stop + 1).trim();
  return { text, span: [start, start + text.length], context, ...fields };
}

const empty: Extraction = { officials: [], documents: [], dates: [], periods: [], statistics: [] };

/** An article with what extract gives it (statistics tagged with their place, as extract does). */
function make(a: Omit<FixtureArticle, 'extraction'>, build: (text: string) => Partial<Extraction>): FixtureArticle {
  const text = a.paragraphs.join('\n\n');
  const extraction = { ...empty, ...build(text) };
  tagPlaces(extraction.statistics, a.title);
  return { ...a, extraction };
}

export const ARTICLES: FixtureArticle[] = [
  make({
    url: 'https://hanoimoi.vn/ban-dan-van-thanh-uy-so-ket-6-thang.html', sourceId: 'hanoimoi',
    title: 'Ban Dân vận Thành ủy sơ kết công tác 6 tháng đầu năm', published: '2020-06-08T08:00:00+07:00',
    paragraphs: [
      'Sáng 8/6, Ban Dân vận Thành ủy Hà Nội tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2020. Đồng chí Ngô Thị Thanh Hằng, Ủy viên Trung ương Đảng, Phó Bí thư Thường trực Thành ủy Hà Nội dự và phát biểu chỉ đạo.',
      'Ban Dân vận đã thực hiện 8 chương trình công tác của Thành ủy và Chương trình hành động số 03-CTr/BDVTU ngày 22/7/2016 của Ban Dân vận Thành ủy. Đến nay Hà Nội có 356/382 xã đạt chuẩn nông thôn mới.',
    ],
  }, (t) => ({
    officials: [{ name: 'Ngô Thị Thanh Hằng', titles: ['Ủy viên Trung ương Đảng', 'Phó Bí thư Thường trực Thành ủy Hà Nội'] }],
    documents: [{ text: 'Chương trình hành động số 03-CTr/BDVTU ngày 22/7/2016 của Ban Dân vận Thành ủy', kind: 'Chương trình hành động', number: '03', code: '03-CTr/BDVTU', date: '2016-07-22', issuer: 'Ban Dân vận Thành ủy' }],
    dates: [{ text: 'Sáng 8/6', value: '2020-06-08' }],
    periods: [{ text: '6 tháng đầu năm 2020', value: '2020-01-01/2020-06-30' }],
    statistics: [
      stat('8 chương trình công tác', t, { value: 8, unit: 'chương trình công tác' }),
      stat('356/382 xã', t, { value: 356, total: 382, unit: 'xã', period: '2020', indicator: 'xã đạt chuẩn nông thôn mới', indicatorKey: 'xa dat chuan nong thon moi', share: 93.2 }),
    ],
  })),
  make({
    url: 'https://hanoimoi.vn/tong-ket-10-nam-quyet-dinh-290.html', sourceId: 'hanoimoi',
    title: 'Hà Nội sẽ kết hợp giữa “diện” và “điểm” trong công tác dân vận', published: '2020-07-15T16:30:00+07:00',
    paragraphs: [
      'Chiều 15/7, Đoàn Kiểm tra của Ban Chỉ đạo Trung ương về tổng kết 10 năm thực hiện Quyết định 290-QĐ/TW ngày 25/2/2010 của Bộ Chính trị làm việc với Ban Thường vụ Thành ủy Hà Nội.',
      'Bà Trương Thị Mai, Ủy viên Bộ Chính trị, Trưởng ban Dân vận Trung ương và ông Vương Đình Huệ, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội đồng chủ trì buổi làm việc.',
      'Trong 6 tháng đầu năm 2020, tỷ lệ hộ gia đình văn hóa đạt 93,2%. Thành phố đã huy động 1.250 tỷ đồng cho các công trình dân sinh.',
    ],
  }, (t) => ({
    officials: [
      { name: 'Trương Thị Mai', titles: ['Ủy viên Bộ Chính trị', 'Trưởng ban Dân vận Trung ương'] },
      { name: 'Vương Đình Huệ', titles: ['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Hà Nội'] },
    ],
    documents: [{ text: 'Quyết định 290-QĐ/TW ngày 25/2/2010 của Bộ Chính trị', kind: 'Quyết định', number: '290', code: '290-QĐ/TW', date: '2010-02-25', issuer: 'Bộ Chính trị' }],
    dates: [{ text: 'Chiều 15/7', value: '2020-07-15' }],
    periods: [{ text: '6 tháng đầu năm 2020', value: '2020-01-01/2020-06-30' }],
    statistics: [
      stat('93,2%', t, { value: 93.2, unit: '%', period: '2020-01-01/2020-06-30', indicator: 'tỷ lệ hộ gia đình văn hóa', indicatorKey: 'ty le ho gia dinh van hoa' }),
      stat('1.250 tỷ đồng', t, { value: 1250, unit: 'tỷ đồng' }),
    ],
  })),
  make({
    url: 'https://nhandan.vn/pho-thu-tuong-lam-viec-voi-tphcm.html', sourceId: 'nhandan',
    title: 'Phó Thủ tướng Vương Đình Huệ làm việc với lãnh đạo TP.HCM', published: '2018-05-10T09:00:00+07:00',
    paragraphs: [
      'Ngày 10/5, Phó Thủ tướng Vương Đình Huệ làm việc với lãnh đạo TP.HCM về tình hình kinh tế - xã hội. Đảng bộ thành phố đang tập trung thực hiện Quyết định 290-QĐ/TW về công tác dân vận.',
      'Quý I/2018, TP.HCM tăng trưởng 8,2%, trong khi chỉ số giá tiêu dùng giảm -0,5%.',
    ],
  }, (t) => ({
    officials: [{ name: 'Vương Đình Huệ', titles: ['Phó Thủ tướng Chính phủ'] }],
    documents: [{ text: 'Quyết định 290-QĐ/TW', kind: 'Quyết định', number: '290', code: '290-QĐ/TW', date: null, issuer: null }],
    dates: [{ text: 'Ngày 10/5', value: '2018-05-10' }],
    periods: [{ text: 'Quý I/2018', value: '2018-01-01/2018-03-31' }],
    statistics: [
      stat('8,2%', t, { value: 8.2, unit: '%', period: '2018-01-01/2018-03-31', indicator: 'tăng trưởng', indicatorKey: 'tang truong' }),
      stat('-0,5%', t, { value: -0.5, unit: '%', period: '2018-01-01/2018-03-31', indicator: 'chỉ số giá tiêu dùng', indicatorKey: 'chi so gia tieu dung', change: 'down' }),
    ],
  })),
  make({
    url: 'https://baothanhhoa.vn/thu-ngan-sach-vuot-du-toan.html', sourceId: 'baothanhhoa',
    title: 'Thanh Hóa: Thu ngân sách năm 2019 vượt dự toán', published: '2019-12-20T10:00:00+07:00',
    paragraphs: [
      'Năm 2019, tổng thu ngân sách trên địa bàn đạt 28.000 tỷ đồng, vượt 12% dự toán. Đồng chí Trịnh Văn Chiến, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh phát biểu tại kỳ họp.',
    ],
  }, (t) => ({
    officials: [{ name: 'Trịnh Văn Chiến', titles: ['Bí thư Tỉnh ủy', 'Chủ tịch HĐND tỉnh'] }],
    periods: [{ text: 'Năm 2019', value: '2019' }],
    statistics: [
      stat('28.000 tỷ đồng', t, { value: 28000, unit: 'tỷ đồng', period: '2019', indicator: 'tổng thu ngân sách', indicatorKey: 'tong thu ngan sach' }),
      stat('12%', t, { value: 12, unit: '%', period: '2019', indicator: 'tổng thu ngân sách', indicatorKey: 'tong thu ngan sach', change: 'up', comparedTo: 'dự toán' }),
    ],
  })),
  make({
    url: 'https://nhandan.vn/nghi-quyet-57-khoa-hoc-cong-nghe.html', sourceId: 'nhandan',
    title: '=HYPERLINK("http://evil.example/","Nghị quyết 57")', published: '2025-01-10T07:00:00+07:00',
    paragraphs: [
      'Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ đặt mục tiêu chi cho nghiên cứu đạt 2% GDP. Tổng Bí thư Tô Lâm nhấn mạnh đây là đột phá quan trọng hàng đầu.',
    ],
  }, (t) => ({
    officials: [{ name: 'Tô Lâm', titles: ['Tổng Bí thư'] }],
    documents: [{ text: 'Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị', kind: 'Nghị quyết', number: '57', code: '57-NQ/TW', date: '2024-12-22', issuer: 'Bộ Chính trị' }],
    statistics: [stat('2% GDP', t, { value: 2, unit: '%' })],
  })),
];

export const SOURCES = [
  { id: 'hanoimoi', name: 'Hànộimới', baseUrl: 'https://hanoimoi.vn/', language: 'vi' as const },
  { id: 'nhandan', name: 'Nhân Dân', baseUrl: 'https://nhandan.vn/', language: 'vi' as const },
  { id: 'baothanhhoa', name: 'Báo Thanh Hóa', baseUrl: 'https://baothanhhoa.vn/', language: 'vi' as const },
];

export function toArticle(a: FixtureArticle): Article {
  const text = a.paragraphs.join('\n\n');
  return {
    url: a.url, canonicalUrl: a.url, sourceId: a.sourceId, title: a.title, published: a.published, author: null,
    language: 'vi', paragraphs: a.paragraphs, text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

export interface FixtureDb {
  dir: string;
  path: string;
  /** article id by URL */
  ids: Map<string, number>;
  cleanup: () => void;
}

/** Writes the fixture database into a fresh temp dir and closes it. */
export function buildFixtureDb(): FixtureDb {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-query-'));
  const path = join(dir, 'vnpress.db');
  const store = new Store(path);
  for (const source of SOURCES) store.upsertSource(source);
  const ids = new Map<string, number>();
  for (const a of ARTICLES) ids.set(a.url, store.saveArticle(toArticle(a), a.extraction).articleId);
  store.close();
  return { dir, path, ids, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

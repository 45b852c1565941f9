// Store benchmark: ingest (batched transactions vs one per article, the baseline), named-query
// latency over 1M statistics rows (with a full-scan baseline), and streamed CSV export rows/s, as the
// export command runs it (threads by default) and on one thread.
// Targets (issue 7): query ≤ 50 ms, export ≥ 100k rows/s, ingest ≥ 5,000 articles/s.
// Run through `npm run bench` (the lead wires it in), or alone: `node bin/run-ts.js test/bench/store-bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Store } from '../../src/store/db.ts';
import { openDatabase, type DB } from '../../src/store/connection.ts';
import { rebuildStatisticsSummary } from '../../src/store/summary.ts';
import { plainKey } from '../../src/core/fold.ts';
import { runQuery } from '../../src/store/query.ts';
import { exportRows, resolveExportSource, type ExportFormat } from '../../src/export/index.ts';
import type { Article, Extraction } from '../../src/core/types.ts';
import { seeded } from './seeded.ts';

const STATISTICS = 1_000_000;
const ARTICLES_FOR_STATS = 50_000;
const INGEST_BATCHED = 10_000;
const INGEST_BASELINE = 2_000;
const BATCH = 500;

// Units in rough press frequency: a few very common, a long tail.
const UNITS = ['%', 'tỷ đồng', 'người', 'xã', 'hộ', 'doanh nghiệp', 'dự án', 'triệu đồng', 'ha', 'km', 'lượt', 'tấn', 'trường hợp',
  'đảng viên', 'tổ chức cơ sở đảng', 'chi bộ', 'học sinh', 'căn hộ', 'triệu USD', 'lao động', 'công trình', 'phường', 'thôn',
  'chương trình', 'văn bản', 'cuộc', 'hội nghị', 'đoàn', 'lớp', 'cơ sở', 'bệnh viện', 'giường bệnh', 'xe', 'chuyến', 'tuyến',
  'nghìn tỷ đồng', 'tỷ USD', 'm2', 'MW', 'kWh'];
const PLACES = ['Hà Nội', 'Thành phố Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Thanh Hóa', 'Nghệ An', 'Quảng Ninh', 'Bắc Ninh', 'Đồng Nai'];
const SOURCES = ['nhandan', 'hanoimoi', 'vnexpress', 'dangcongsan', 'tuoitre'];

/** Deterministic pseudo-random numbers, so every run measures the same data. */
export const random = seeded;

/** Zipf-like pick: index i with weight 1/(i+1). */
function zipf(rand: () => number, n: number): number {
  const h = Math.log(n) + 0.5772;
  let x = rand() * h;
  for (let i = 0; i < n; i++) {
    x -= 1 / (i + 1);
    if (x <= 0) return i;
  }
  return n - 1;
}

const PARAGRAPHS = [
  'Sáng 8/6, Ban Dân vận Thành ủy Hà Nội tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ công tác 6 tháng cuối năm 2020. Đồng chí Ngô Thị Thanh Hằng, Ủy viên Trung ương Đảng, Phó Bí thư Thường trực Thành ủy Hà Nội dự và phát biểu chỉ đạo.',
  'Báo cáo tại Hội nghị cho thấy, 6 tháng đầu năm 2020, công tác dân vận của hệ thống chính trị thành phố đã bám sát sự chỉ đạo của Trung ương và Thường trực, Ban Thường vụ Thành ủy.',
  'Ban Dân vận đã tăng tốc thực hiện 8 chương trình công tác của Thành ủy, Chương trình hành động số 03-CTr/BDVTU ngày 22/7/2016 của Ban Dân vận Thành ủy. Đến nay toàn thành phố có 356/382 xã đạt chuẩn nông thôn mới, tỷ lệ hộ gia đình văn hóa đạt 93,2%.',
  'Phát biểu chỉ đạo, đồng chí Vương Đình Huệ, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội đề nghị tiếp tục thực hiện Quyết định 290-QĐ/TW ngày 25/2/2010 của Bộ Chính trị.',
];

/**
 * How publication dates run through the generated articles. 'crawl': as a crawl or a dated archive
 * delivers them, newest first, 50 articles a day (a batch of 500 spans ten days); 'shuffled': every
 * batch spans ten years and nine months of each (the worst case for the statistics summary, which
 * keeps a row per unit and month).
 */
export type DateOrder = 'crawl' | 'shuffled';

export function sampleArticle(i: number, rand: () => number, order: DateOrder = 'crawl'): { article: Article; extraction: Extraction } {
  const text = `${PARAGRAPHS.join('\n\n')}\n\nBài số ${i}.`;
  const day = String(1 + (i % 28)).padStart(2, '0');
  const published = order === 'shuffled'
    ? `20${15 + (i % 10)}-0${1 + (i % 9)}-${day}T08:00:00+07:00`
    : `${new Date(Date.UTC(2024, 11, 31) - Math.floor(i / 50) * 86_400_000).toISOString().slice(0, 10)}T08:00:00+07:00`;
  const url = `https://bench.example/${i}.html`;
  const statistics = Array.from({ length: 5 }, (_, k) => {
    const unit = UNITS[zipf(rand, UNITS.length)]!;
    return { text: `${k + 1} ${unit}`, value: Math.round(rand() * 1000), unit, period: k === 0 ? '2020-01-01/2020-06-30' : null };
  });
  return {
    article: {
      url, canonicalUrl: url, sourceId: SOURCES[i % SOURCES.length]!, title: `Hội nghị sơ kết số ${i}`, published, author: null,
      language: 'vi', paragraphs: PARAGRAPHS, text, contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
    },
    extraction: {
      officials: [
        { name: 'Ngô Thị Thanh Hằng', titles: ['Ủy viên Trung ương Đảng', 'Phó Bí thư Thường trực Thành ủy Hà Nội'] },
        { name: 'Vương Đình Huệ', titles: ['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Hà Nội'] },
      ],
      documents: [{ text: 'Quyết định 290-QĐ/TW ngày 25/2/2010 của Bộ Chính trị', kind: 'Quyết định', number: '290', code: '290-QĐ/TW', date: '2010-02-25', issuer: 'Bộ Chính trị' }],
      dates: [{ text: 'Sáng 8/6', value: published.slice(0, 10) }, { text: 'ngày 22/7/2016', value: '2016-07-22' }],
      periods: [{ text: '6 tháng đầu năm 2020', value: '2020-01-01/2020-06-30' }],
      statistics,
    },
  };
}

function newStore(dir: string, name: string): Store {
  const store = new Store(join(dir, name));
  for (const id of SOURCES) store.upsertSource({ id, name: id, baseUrl: `https://${id}.example/`, language: 'vi' });
  return store;
}

export type IngestMode = 'saveArticles' | 'outer-transaction' | 'one-each';

/**
 * Stores 1,000 articles into a throwaway database in `mode`, so that the measured run that follows
 * is not charged for compiling the write path (the first thousand articles go at about half speed).
 */
export function warmUpIngest(dir: string, mode: IngestMode): void {
  ingest(dir, `warm-up-${mode}.db`, 1000, mode);
  rmSync(join(dir, `warm-up-${mode}.db`), { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `warm-up-${mode}.db${suffix}`), { force: true });
}

/** Articles per second stored, by wall clock and by CPU time (the machine may be shared). */
export function ingest(dir: string, name: string, count: number, mode: IngestMode, order: DateOrder = 'crawl'): { wall: number; cpu: number } {
  const store = newStore(dir, name);
  const rand = random(7);
  const samples = Array.from({ length: count }, (_, i) => sampleArticle(i, rand, order));
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (mode === 'saveArticles') {
    for (let from = 0; from < count; from += BATCH) store.saveArticles(samples.slice(from, from + BATCH));
  } else if (mode === 'outer-transaction') {
    for (let from = 0; from < count; from += BATCH) {
      // Each saveArticle runs in a savepoint inside this transaction.
      store.transaction(() => {
        for (const s of samples.slice(from, from + BATCH)) store.saveArticle(s.article, s.extraction);
      });
    }
  } else {
    for (const s of samples) store.saveArticle(s.article, s.extraction);
  }
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  store.close();
  return { wall: count / wall, cpu: count / ((used.user + used.system) / 1e6) };
}

/**
 * 1M statistics over 50k articles, written directly (the ingest path is measured above), then the
 * summary table recomputed from them as the store would have kept it.
 */
export function buildStatistics(dir: string): string {
  const store = newStore(dir, 'statistics.db');
  const db = store.db;
  const rand = random(42);
  const insertArticle = db.prepare(`INSERT INTO articles (id, url, source_id, title, published, language, text, content_hash, first_stored_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'vi', ?, ?, '2025-01-01', '2025-01-01')`);
  const insertStat = db.prepare(`INSERT INTO statistics (article_id, text, value, total, unit, unit_folded, context, period, period_start,
    period_end, place, place_folded, published) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const upsertOfficial = db.prepare(`INSERT INTO officials (name, name_folded) VALUES (?, ?) ON CONFLICT(name_folded) DO UPDATE SET name = name RETURNING id`);
  const insertTitle = db.prepare(`INSERT INTO official_titles (article_id, official_id, title, position) VALUES (?, ?, ?, 0)`);
  const officials = Array.from({ length: 500 }, (_, i) => `Nguyễn Văn Số${i}`);
  const foldedUnits = UNITS.map(plainKey);
  const foldedPlaces = PLACES.map(plainKey);
  const perArticle = STATISTICS / ARTICLES_FOR_STATS;
  db.transaction(() => {
    for (let a = 1; a <= ARTICLES_FOR_STATS; a++) {
      const year = 2015 + Math.floor(rand() * 11);
      const published = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T08:00:00+07:00`;
      insertArticle.run(a, `https://bench.example/${a}.html`, SOURCES[a % SOURCES.length], `Bài ${a}`, published, 'x', `h${a}`);
      const official = officials[Math.floor(rand() * officials.length)]!;
      const { id } = upsertOfficial.get(official, plainKey(official)) as { id: number };
      insertTitle.run(a, id, 'Bí thư Tỉnh ủy');
      for (let k = 0; k < perArticle; k++) {
        const u = zipf(rand, UNITS.length);
        const p = rand() < 0.6 ? Math.floor(rand() * PLACES.length) : -1;
        const withPeriod = rand() < 0.3;
        insertStat.run(a, `${k} ${UNITS[u]}`, Math.round(rand() * 10000) / 10, UNITS[u], foldedUnits[u],
          'Năm nay toàn tỉnh đạt con số được báo cáo tại hội nghị.', withPeriod ? String(year) : null,
          withPeriod ? `${year}-01-01` : null, withPeriod ? `${year}-12-31` : null,
          p >= 0 ? PLACES[p] : null, p >= 0 ? foldedPlaces[p] : null, published);
      }
    }
  })();
  rebuildStatisticsSummary(db);
  db.exec('ANALYZE');
  store.close();
  return join(dir, 'statistics.db');
}

function medianMs(run: () => unknown, times = 7): number {
  run(); // warm the page cache and the statement
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[Math.floor(samples.length / 2)]! * 100) / 100;
}

export function queryLatencies(db: DB): Record<string, number> {
  const q = (name: string, params: Record<string, string>) => medianMs(() => runQuery(db, name, params));
  return {
    query_statistics_by_unit_common_ms: q('statistics-by-unit', { unit: '%' }),
    query_statistics_by_unit_rare_ms: q('statistics-by-unit', { unit: 'kWh' }),
    query_statistics_by_unit_dated_ms: q('statistics-by-unit', { unit: 'xã', from: '2019', to: '2020' }),
    // Baseline: the same query forced to scan the table.
    query_statistics_by_unit_full_scan_baseline_ms: medianMs(() =>
      db.prepare(`SELECT s.*, a.url AS article_url FROM statistics s NOT INDEXED JOIN articles a ON a.id = s.article_id
        WHERE s.unit_folded = 'xa' ORDER BY s.published DESC LIMIT 100`).all(), 3),
    query_statistics_by_period_ms: q('statistics-by-period', { from: '2020', to: '2020' }),
    query_statistics_by_source_ms: q('statistics-by-source', { source: 'nhandan' }),
    query_statistics_by_place_ms: q('statistics-by-place', { place: 'Hà Nội' }),
    query_statistics_by_official_ms: q('statistics-by-official', { official: 'Số17' }),
    query_unit_trend_rare_ms: q('unit-trend', { unit: 'xe' }),
    query_unit_trend_common_ms: q('unit-trend', { unit: '%' }),
    query_top_units_ms: q('top-units', {}),
  };
}

/** Rows per second of one run, by wall clock and by CPU time (the machine may be shared). */
async function timed(run: () => Promise<number> | number): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const rows = await run();
  const used = process.cpuUsage(cpu);
  return { wall: Math.round(rows / ((performance.now() - started) / 1000)), cpu: Math.round(rows / ((used.user + used.system) / 1e6)) };
}

export async function exportRate(db: DB): Promise<Record<string, number>> {
  const discard = () => new Writable({ write(_chunk, _enc, done) { done(); } });
  // Baseline: reading the same labelled rows without writing them (the SQL's own ceiling on one thread).
  const read = await timed(() => {
    let n = 0;
    for (const _row of resolveExportSource(db, 'statistics').arrays!()) n++;
    return n;
  });
  const results: Record<string, number> = {
    export_read_only_baseline_rows_per_s: read.wall,
    export_read_only_baseline_rows_per_cpu_s: read.cpu,
  };
  const runs: Array<[string, string, ExportFormat]> = [['csv', 'statistics', 'csv'], ['jsonl_view', 'statistics_view', 'jsonl']];
  for (const [key, name, format] of runs) {
    // As `vnpress export NAME` runs it (threads by default), then with --threads 1.
    let threads = 0;
    const rate = await timed(async () => {
      const run = await exportRows(db, name, {}, { format, stdout: discard(), stderr: discard(), progress: false });
      threads = run.threads;
      return run.rows;
    });
    const one = await timed(async () => (await exportRows(db, name, {}, { format, threads: 1, stdout: discard(), stderr: discard(), progress: false })).rows);
    Object.assign(results, {
      [`export_${key}_rows_per_s`]: rate.wall,
      [`export_${key}_rows_per_cpu_s`]: rate.cpu,
      [`export_${key}_threads`]: threads,
      [`export_${key}_one_thread_rows_per_s`]: one.wall,
      [`export_${key}_one_thread_rows_per_cpu_s`]: one.cpu,
    });
  }
  return results;
}

export async function benchStore(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-bench-'));
  try {
    const results: Record<string, number> = {};
    const modes: Array<[string, IngestMode, number]> = [
      ['batched_saveArticles', 'saveArticles', INGEST_BATCHED],
      ['batched_saveArticle_in_outer_transaction', 'outer-transaction', INGEST_BATCHED],
      ['one_transaction_each_baseline', 'one-each', INGEST_BASELINE],
    ];
    for (const [label, mode, count] of modes) {
      const rate = ingest(dir, `ingest-${mode}.db`, count, mode);
      results[`ingest_articles_per_s_${label}`] = Math.round(rate.wall);
      results[`ingest_articles_per_cpu_s_${label}`] = Math.round(rate.cpu);
    }
    const path = buildStatistics(dir);
    const db = openDatabase(path, { readonly: true });
    try {
      results.statistics_rows = (db.prepare('SELECT count(*) AS n FROM statistics').get() as { n: number }).n;
      Object.assign(results, queryLatencies(db));
      Object.assign(results, await exportRate(db));
    } finally {
      db.close();
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone: print the figures.
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchStore();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(52)} ${value.toLocaleString('en')}`);
}

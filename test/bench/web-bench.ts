// Web bench: search and the statistics chart endpoint over 100k articles / 1M statistics rows,
// p50/p95 latency under 20 concurrent undici clients with a bounded number of requests.
// Run alone with `node bin/run-ts.js test/bench/web-bench.ts` (or through `npm run bench`).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { Store } from '../../src/store/db.ts';
import { rebuildStatisticsSummary } from '../../src/store/summary.ts';
import { plainKey } from '../../src/core/fold.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seeded } from './seeded.ts';

const ARTICLES = 100_000;
const STATS_PER_ARTICLE = 10;
const CLIENTS = 20;
const REQUESTS_PER_ENDPOINT = 600;
/** Requests of the uncached runs (each path once). */
const COLD_REQUESTS = 300;


const PHRASES = [
  'Ban Thường vụ Thành ủy Hà Nội', 'Đảng bộ huyện', 'xây dựng nông thôn mới', 'phát triển kinh tế - xã hội', 'công tác dân vận',
  'Ủy ban nhân dân tỉnh', 'Hội đồng nhân dân thành phố', 'Mặt trận Tổ quốc Việt Nam', 'cải cách hành chính', 'thu ngân sách nhà nước',
  'thu hút đầu tư', 'giáo dục và đào tạo', 'chăm sóc sức khỏe nhân dân', 'giao thông nông thôn', 'bảo vệ môi trường',
  'phòng, chống tham nhũng', 'Đại hội Đảng bộ', 'Quốc hội khóa XV', 'Chính phủ điện tử', 'chuyển đổi số',
];
const UNITS = ['%', 'xã', 'tỷ đồng', 'đồng', 'người', 'hộ', 'cuộc giám sát', 'đảng viên', 'ha', 'km', 'doanh nghiệp', 'dự án',
  'trường', 'hội nghị', 'tấn', 'lượt', 'triệu đồng', 'thôn', 'tổ chức', 'cán bộ'];
const PLACES = ['Hà Nội', 'Thành phố Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Nghệ An', 'Thanh Hóa', 'Quảng Ninh', 'Bắc Ninh',
  'Lâm Đồng', 'Đắk Lắk', 'Bình Dương', 'Đồng Nai', 'Khánh Hòa', 'Hà Tĩnh'];
const SOURCES = ['hanoimoi', 'nhandan', 'vnexpress', 'dangcongsan', 'tuoitre'];

/** Builds the bench database with plain prepared statements in one transaction (the store's schema). */
export function buildBenchDb(path: string, articles = ARTICLES): { seconds: number; statistics: number } {
  const started = performance.now();
  new Store(path).close(); // schema
  const store = new Store(path);
  const db = store.db;
  db.pragma('synchronous = OFF');
  const rnd = seeded(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  // Zipf-like: the first units are much more frequent than the last.
  const zipf = <T>(list: readonly T[]) => list[Math.min(list.length - 1, Math.floor(list.length * rnd() ** 2.2))]!;
  const insertSource = db.prepare(`INSERT INTO sources (id, name, base_url, language) VALUES (?, ?, ?, 'vi')`);
  const insertArticle = db.prepare(`INSERT INTO articles (id, url, source_id, title, published, section, language, text, content_hash,
    first_stored_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'vi', ?, ?, ?, ?)`);
  const insertFts = db.prepare(`INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`);
  const insertStat = db.prepare(`INSERT INTO statistics (article_id, text, value, total, unit, unit_folded, context, period,
    period_start, period_end, place, place_folded, published) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertOfficial = db.prepare(`INSERT INTO officials (id, name, name_folded) VALUES (?, ?, ?)`);
  const insertTitle = db.prepare(`INSERT INTO official_titles (article_id, official_id, title, position) VALUES (?, ?, ?, 0)`);
  const surnames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
  const middles = ['Văn', 'Thị', 'Đình', 'Xuân', 'Minh', 'Quốc', 'Thanh', 'Hữu'];
  const givens = ['Huệ', 'Hùng', 'Lan', 'Hương', 'Dũng', 'Nam', 'Tuấn', 'Hằng', 'Phúc', 'Sơn', 'Long', 'Bình'];
  let statistics = 0;
  db.transaction(() => {
    SOURCES.forEach((id) => insertSource.run(id, id, `https://${id}.example/`));
    const names = new Set<string>();
    while (names.size < 800) names.add(`${pick(surnames)} ${pick(middles)} ${pick(givens)}${names.size % 7 ? '' : ` ${pick(givens)}`}`);
    [...names].forEach((name, i) => insertOfficial.run(i + 1, name, plainKey(name)));
    const start = Date.UTC(2015, 0, 1);
    const span = Date.UTC(2024, 11, 31) - start;
    for (let id = 1; id <= articles; id++) {
      // Ids grow with time, as a crawl that started long ago would leave them, but not strictly.
      const day = new Date(start + Math.floor(((id + rnd() * 2000) / (articles + 2000)) * span));
      const published = `${day.toISOString().slice(0, 10)}T08:00:00+07:00`;
      const sentences: string[] = [];
      const place = pick(PLACES);
      for (let s = 0; s < 6; s++) sentences.push(`Trong năm ${day.getUTCFullYear()}, ${pick(PHRASES)} ở ${place} đã ${pick(PHRASES)} và ${pick(PHRASES)}.`);
      if (id % 1000 === 0) sentences.push('Đợt bùng phát dịch Covid-19 được kiểm soát.');
      const title = `${pick(PHRASES)} ${place}`;
      const text = sentences.join(' ');
      insertArticle.run(id, `https://${SOURCES[id % SOURCES.length]}.example/a/${id}`, SOURCES[id % SOURCES.length], title, published,
        pick(['Chính trị', 'Kinh tế', 'Xã hội', 'Thời sự']), text, `h${id}`, published, published);
      insertFts.run(id, title, text);
      for (let k = 0; k < STATS_PER_ARTICLE; k++) {
        const unit = zipf(UNITS);
        const value = Math.round(rnd() * 1000 * 10) / 10;
        const year = day.getUTCFullYear() - (rnd() < 0.5 ? 0 : 1);
        const period = rnd() < 0.5 ? String(year) : null;
        const statPlace = rnd() < 0.8 ? place : pick(PLACES);
        insertStat.run(id, `${value} ${unit}`, value, unit, plainKey(unit), `Năm ${year}, ${statPlace} đạt ${value} ${unit}.`, period,
          period ? `${year}-01-01` : null, period ? `${year}-12-31` : null, statPlace, plainKey(statPlace), published);
        statistics++;
      }
      insertTitle.run(id, 1 + Math.floor(800 * rnd() ** 3), 'Bí thư Tỉnh ủy');
      insertTitle.run(id, 1 + Math.floor(800 * rnd()), 'Chủ tịch UBND tỉnh');
    }
  })();
  rebuildStatisticsSummary(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { seconds: (performance.now() - started) / 1000, statistics };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sends the paths round-robin from CLIENTS concurrent loops and returns each request's latency in ms. */
async function load(base: string, agent: Agent, paths: string[], total: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < total) {
      const path = paths[next++ % paths.length]!;
      const t0 = performance.now();
      const response = await request(new URL(path, base), { dispatcher: agent });
      await response.body.arrayBuffer();
      if (response.statusCode !== 200) throw new Error(`${path}: HTTP ${response.statusCode}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

const SEARCHES = [
  '/search?q=thanh+uy', '/search?q=' + encodeURIComponent('Thành ủy Hà Nội'), '/search?q=dang+bo+huyen', '/search?q=nong+thon+moi&page=3',
  '/search?q=covid', '/search?q=giao+duc&source=nhandan', '/search?q=chuyen+doi+so&from=2020-01-01&to=2020-12-31',
  '/search?q=' + encodeURIComponent('Đà Nẵng') + '&section=' + encodeURIComponent('Kinh tế'), '/search', '/search?source=vnexpress&page=5',
];
const CHARTS = [
  '/statistics/chart.json?unit=%25', '/statistics/chart.json?unit=xa', '/statistics/chart.json?unit=' + encodeURIComponent('cán bộ'),
  '/statistics/chart.json?unit=ty+dong&place=' + encodeURIComponent('Hà Nội'), '/statistics/chart.json?unit=%25&by=period',
  '/statistics/chart.json?unit=can+bo&by=period', '/statistics/chart.json?unit=nguoi&from=2019-01-01&to=2019-12-31',
  '/statistics/chart.json?unit=ha&source=tuoitre',
];

/**
 * Requests that are all different (other words, pages, filters), so that no result can come from
 * the server's result cache: the latency of the queries themselves. Deterministic.
 */
export function coldPaths(kind: 'search' | 'chart', count: number): string[] {
  const rnd = seeded(kind === 'search' ? 7 : 11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const words = PHRASES.flatMap((p) => p.split(/[\s,-]+/)).filter((w) => w.length > 1);
  const seen = new Set<string>();
  const paths: string[] = [];
  while (paths.length < count) {
    const params = new URLSearchParams();
    if (kind === 'search') {
      const start = Math.floor(rnd() * (words.length - 2));
      params.set('q', words.slice(start, start + 1 + Math.floor(rnd() * 2)).join(' '));
      if (rnd() < 0.3) params.set('source', pick(SOURCES));
      if (rnd() < 0.3) {
        const year = 2015 + Math.floor(rnd() * 10);
        params.set('from', `${year}-01-01`);
        params.set('to', `${year}-12-31`);
      }
      params.set('page', String(1 + Math.floor(rnd() * 20)));
    } else {
      params.set('unit', pick(UNITS));
      if (rnd() < 0.3) params.set('place', pick(PLACES));
      if (rnd() < 0.2) params.set('source', pick(SOURCES));
      if (rnd() < 0.4) {
        const year = 2015 + Math.floor(rnd() * 10);
        params.set('from', `${year}-${rnd() < 0.5 ? '01' : '07'}-01`);
        params.set('to', `${year + Math.floor(rnd() * 3)}-12-31`);
      }
      if (rnd() < 0.4) params.set('by', 'period');
    }
    const path = `${kind === 'search' ? '/search' : '/statistics/chart.json'}?${params}`;
    if (!seen.has(path)) {
      seen.add(path);
      paths.push(path);
    }
  }
  return paths;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/**
 * The server as a user starts it, `vnpress serve` (the compiled CLI), in a process of its own so that
 * the load generator does not share its thread; resolves with its URL.
 */
export function startServerProcess(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../../bin/vnpress.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--db', dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /at (http:\/\/\S+\/)/.exec(out);
      if (url) resolve({ url: url[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`web server exited with ${code} before listening`)));
    child.once('error', reject);
  });
}

/** Latency of search and the chart endpoint on an existing database. */
export async function measureWeb(dbPath: string): Promise<Record<string, number>> {
  const agent = new Agent({ connections: CLIENTS, pipelining: 1 });
  const { url, child } = await startServerProcess(dbPath);
  const server = { url };
  try {
    // Warm up: statement caches, the facet cache, SQLite's page cache (one request alone first: it is slow).
    await load(server.url, agent, ['/statistics'], 1);
    await load(server.url, agent, [...SEARCHES, ...CHARTS, '/statistics?unit=xa'], 60);
    // The server's CPU per request tells its own cost apart from waiting for a busy machine.
    const measured = async (paths: string[], total: number) => {
      const cpu = processCpuMs(child.pid);
      const result = await load(server.url, agent, paths, total);
      return { ...result, cpuMs: (processCpuMs(child.pid) - cpu) / result.latencies.length };
    };
    // The same ten searches and eight charts again and again (after the warm-up they come from
    // the server's result cache), then as many requests that all differ (each one a query).
    const search = await measured(SEARCHES, REQUESTS_PER_ENDPOINT);
    const chart = await measured(CHARTS, REQUESTS_PER_ENDPOINT);
    const coldSearch = await measured(coldPaths('search', COLD_REQUESTS), COLD_REQUESTS);
    const coldChart = await measured(coldPaths('chart', COLD_REQUESTS), COLD_REQUESTS);
    return {
      'web.clients': CLIENTS,
      'web.search_p50_ms': round(percentile(search.latencies, 50)),
      'web.search_p95_ms': round(percentile(search.latencies, 95)),
      'web.search_req_per_s': round(search.latencies.length / search.seconds),
      'web.search_server_cpu_ms_per_req': round(search.cpuMs),
      'web.chart_p50_ms': round(percentile(chart.latencies, 50)),
      'web.chart_p95_ms': round(percentile(chart.latencies, 95)),
      'web.chart_req_per_s': round(chart.latencies.length / chart.seconds),
      'web.chart_server_cpu_ms_per_req': round(chart.cpuMs),
      'web.search_uncached_p50_ms': round(percentile(coldSearch.latencies, 50)),
      'web.search_uncached_p95_ms': round(percentile(coldSearch.latencies, 95)),
      'web.search_uncached_server_cpu_ms_per_req': round(coldSearch.cpuMs),
      'web.chart_uncached_p50_ms': round(percentile(coldChart.latencies, 50)),
      'web.chart_uncached_p95_ms': round(percentile(coldChart.latencies, 95)),
      'web.chart_uncached_server_cpu_ms_per_req': round(coldChart.cpuMs),
    };
  } finally {
    child.kill('SIGTERM');
    await agent.close();
  }
}

export async function benchWeb(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'vnpress-web-bench-'));
  try {
    const dbPath = join(dir, 'bench.db');
    const built = buildBenchDb(dbPath);
    return {
      'web.articles': ARTICLES,
      'web.statistics_rows': built.statistics,
      'web.build_db_s': round(built.seconds),
      ...(await measureWeb(dbPath)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) {
  benchWeb().then((result) => console.log(result), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

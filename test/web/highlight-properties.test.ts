// Highlights checked as properties over many queries and many texts (issue #21): a seeded generator
// writes articles with diacritics, đ, case, punctuation against the words, numbers, document codes,
// near misses, multi-byte characters before the hits and hits far into long texts; a list of queries
// (single words, phrases, quoted phrases, with and without diacritics, d and đ, numbers, codes,
// OR / AND / NOT, prefixes) is run through every place that marks matched words: the web's search
// page (title and snippet, every page of results, both search plans), its .json / .jsonl / .csv
// variants, the CLI's `query search` (JSON and CSV, and the terminal's marks) and `export search:…`.
// Each marked span is compared with the query's words, folded, by a matcher written here (tokens and
// folding only: nothing of src/web/highlight.ts or src/store/snippets.ts), so a bug there shows: a
// mark sits on word edges, its words are a phrase of the query, every occurrence shown is marked, and
// the text around the marks is the stored text. The statistics page and the article page mark a
// number in its sentence and an official's name in the text: checked to stand on their own.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'undici';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/db.ts';
import { plainKey } from '../../src/core/fold.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { queryCommand } from '../../src/cli/query.ts';
import { exportCommand } from '../../src/cli/export.ts';
import { searchArticles } from '../../src/store/query.ts';
import { openDatabase } from '../../src/store/connection.ts';
import { ReadModel } from '../../src/store/read-model.ts';
import { hitSnippet, markRanges } from '../../src/web/pages/search.ts';
import type { Article, Extraction, Statistic } from '../../src/core/types.ts';
import { csvRecords } from './csv.ts';
import { Sink } from '../helpers/sink.ts';

// ---------------------------------------------------------------------------------------------
// Tokens and units, independent of the code under test

/** A word of the text: letters, digits (and combining marks) between anything else, as FTS5's unicode61 splits. */
interface Token { s: number; e: number; f: string }
function tokensOf(text: string): Token[] {
  let tokens = tokenCache.get(text);
  if (!tokens) {
    tokens = [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({ s: m.index, e: m.index + m[0].length, f: plainKey(m[0]) }));
    if (text.length > 100) tokenCache.set(text, tokens);
  }
  return tokens;
}
const tokenCache = new Map<string, Token[]>();

/** A phrase of the query: its folded words in order; `prefix` when its last word is typed with `*`. */
interface Unit { words: string[]; prefix: boolean }

interface Query {
  typed: string;
  /** Phrases that are searched for (and marked). */
  units: Unit[];
  /** How the positive phrases combine. */
  mode: 'and' | 'or';
  /** Phrases after NOT. */
  not: Unit[];
}

/**
 * What the search box takes, for the shapes generated here: runs of words (one phrase each) and
 * "quoted phrases", joined by one kind of operator (AND, implicit AND, OR) or `A NOT B`.
 */
function parseQuery(typed: string): Query {
  const parts: Array<Unit | 'AND' | 'OR' | 'NOT'> = [];
  let run: string[] = [];
  let prefix = false;
  const unit = (text: string, pre: boolean): Unit | null => {
    const words = tokensOf(text).map((t) => t.f);
    return words.length ? { words, prefix: pre } : null;
  };
  const flush = () => {
    const u = unit(run.join(' '), prefix);
    if (u) parts.push(u);
    run = [];
    prefix = false;
  };
  for (const m of typed.matchAll(/"([^"]*)"(\*)?|(\S+)/g)) {
    if (m[1] !== undefined) {
      flush();
      const u = unit(m[1], !!m[2]);
      if (u) parts.push(u);
    } else if (m[3] === 'AND' || m[3] === 'OR' || m[3] === 'NOT') {
      flush();
      parts.push(m[3]);
    } else {
      if (prefix) flush();
      run.push(m[3]!.replace(/\*+$/, ''));
      prefix = m[3]!.endsWith('*');
    }
  }
  flush();
  const units: Unit[] = [];
  const not: Unit[] = [];
  let mode: 'and' | 'or' = 'and';
  let negated = false;
  for (const p of parts) {
    if (p === 'OR') mode = 'or';
    else if (p === 'NOT') negated = true;
    else if (p !== 'AND') (negated ? not : units).push(p);
  }
  return { typed, units, mode, not };
}

/** [start, end) in the text of each occurrence of the phrase, on whole words. */
function occurrences(tokens: Token[], u: Unit): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = u.words.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const f = tokens[i + k]!.f;
      const w = u.words[k]!;
      ok = k === n - 1 && u.prefix ? f.startsWith(w) : f === w;
    }
    if (ok) out.push([tokens[i]!.s, tokens[i + n - 1]!.e]);
  }
  return out;
}

const present = (tokens: Token[], u: Unit) => occurrences(tokens, u).length > 0;

/** Whether the article matches the query (any column holds a phrase, as FTS5 reads it). */
function expectedMatch(q: Query, title: string, text: string): boolean {
  const cols = [tokensOf(title), tokensOf(text)];
  const has = (u: Unit) => cols.some((c) => present(c, u));
  const positive = q.mode === 'or' ? q.units.some(has) : q.units.every(has);
  return positive && !q.not.some(has);
}

/**
 * Problems with the marks of one field: `marks` are [start, end) in `full`, `window` the part of
 * `full` the field shows. Each mark must start and end on a word's edges and its words, folded, must
 * be the query's phrases (one, or several overlapping: FTS5 merges overlapping matches); every
 * occurrence of a phrase wholly inside the window must be marked.
 */
function markProblems(full: string, marks: Array<[number, number]>, window: [number, number], q: Query): string[] {
  const problems: string[] = [];
  const tokens = tokensOf(full);
  const show = (s: number, e: number) => JSON.stringify(full.slice(Math.max(0, s - 12), s) + '[' + full.slice(s, e) + ']' + full.slice(e, e + 12));
  for (const [s, e] of marks) {
    const inside = tokens.filter((t) => t.s >= s && t.e <= e);
    const first = tokens.findIndex((t) => t.s === s);
    const last = tokens.findIndex((t) => t.e === e);
    if (first < 0 || last < 0 || inside.length !== last - first + 1) {
      problems.push(`mark ${show(s, e)} is not on word edges`);
      continue;
    }
    // Every word of the mark belongs to an occurrence of a phrase that lies within the mark.
    const covered = new Array<boolean>(inside.length).fill(false);
    for (const u of q.units) {
      for (const [os, oe] of occurrences(inside, u)) {
        inside.forEach((t, k) => { if (t.s >= os && t.e <= oe) covered[k] = true; });
      }
    }
    if (covered.some((c) => !c)) problems.push(`mark ${show(s, e)} is not a phrase of ${JSON.stringify(q.typed)}`);
  }
  for (const u of q.units) {
    for (const [os, oe] of occurrences(tokens, u)) {
      if (os < window[0] || oe > window[1]) continue;
      const wordsIn = tokens.filter((t) => t.s >= os && t.e <= oe);
      if (!wordsIn.every((t) => marks.some(([s, e]) => t.s >= s && t.e <= e))) problems.push(`${show(os, oe)} shown unmarked`);
    }
  }
  return problems;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

/** A marked string split into its text and the [start, end) of each mark in that text. */
function unmark(marked: string): { text: string; marks: Array<[number, number]> } | string {
  let text = '';
  const marks: Array<[number, number]> = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === OPEN) {
      if (open >= 0) return 'nested mark';
      open = text.length;
    } else if (ch === CLOSE) {
      if (open < 0) return 'mark closed that was not opened';
      if (open === text.length) return 'empty mark';
      marks.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return open >= 0 ? 'mark left open' : { text, marks };
}

/** The text with each run of whitespace as one space, and for each of its units the offset in the text. */
function squashed(text: string): { sq: string; at: number[] } {
  let sq = '';
  const at: number[] = [];
  for (const m of text.matchAll(/\s+|\S/gu)) {
    sq += /\s/.test(m[0]) ? ' ' : m[0];
    for (let k = 0; k < (/\s/.test(m[0]) ? 1 : m[0].length); k++) at.push(m.index + k);
  }
  at.push(text.length);
  return { sq, at };
}

/**
 * Problems with a snippet (marks as OPEN/CLOSE) of `full`: its text (ellipses aside, whitespace
 * squashed) must be a passage of `full`, and its marks right for the query (markProblems). When the
 * passage occurs more than once, the first placing without problems is taken.
 */
function snippetProblems(snippet: string, full: string, q: Query): string[] {
  const parsed = unmark(snippet);
  if (typeof parsed === 'string') return [`${parsed}: ${JSON.stringify(snippet)}`];
  const { sq, at } = squashed(full);
  const candidates: Array<{ text: string; shift: number }> = [];
  for (const lead of ['… ', '']) {
    for (const tail of [' …', '']) {
      if (!parsed.text.startsWith(lead) || !parsed.text.endsWith(tail) || parsed.text.length < lead.length + tail.length) continue;
      candidates.push({ text: parsed.text.slice(lead.length, parsed.text.length - tail.length), shift: lead.length });
    }
  }
  let firstProblems: string[] | null = null;
  for (const { text, shift } of candidates) {
    if (!text) continue;
    for (let p = sq.indexOf(text); p >= 0; p = sq.indexOf(text, p + 1)) {
      const marks = parsed.marks.map(([s, e]): [number, number] => [at[p + s - shift]!, at[p + e - shift - 1]! + 1]);
      if (parsed.marks.some(([s, e]) => s < shift || e > shift + text.length)) continue;
      const window: [number, number] = [at[p]!, at[p + text.length - 1]! + 1];
      const problems = markProblems(full, marks, window, q);
      // (4) An article with the phrase in its text shows at least one mark in its snippet.
      if (!marks.length && q.units.some((u) => present(tokensOf(full), u))) problems.push('no mark, though the text holds the words');
      if (!problems.length) return [];
      firstProblems ??= problems;
    }
  }
  return firstProblems ?? [`not a passage of the article: ${JSON.stringify(parsed.text)}`];
}

// ---------------------------------------------------------------------------------------------
// The corpus: a seeded generator (the same texts on every run)

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words and phrases the queries look for, with their near misses, as they appear in texts. */
const TARGETS = [
  'Thành ủy', 'thành ủy', 'THÀNH ỦY', 'Thành uỷ', 'Thành  ủy', 'Thanh Hóa', 'Thanhuy', 'thành phố', 'Ủy ban', 'thanh tra', 'Thạnh',
  'Đảng', 'đảng viên', 'Đảng bộ', 'đang', 'đăng ký', 'dáng', 'Dạng', 'đảngviên', 'ĐẢNG', 'Đăng Khoa',
  'Hà Nội', 'Hà Nam', 'Nội vụ', 'Đông Anh', 'Hội đồng nhân dân', 'đề nghị', 'Bí thư Thành ủy',
  '45.000', '45', '450', '4.500', '45,000', '1.045.000', '93,2%', '93', '2,93', '290-QĐ/TW', '29-QĐ/TW', '290-QĐ', 'QĐ-TTg', '57-NQ/TW',
  '北京', 'AT&T', 'a < b',
];
const WRAPS: Array<(w: string) => string> = [
  (w) => w, (w) => w, (w) => w, (w) => `${w},`, (w) => `(${w})`, (w) => `“${w}”`, (w) => `"${w}"`, (w) => `${w}.`,
  (w) => `[${w}]`, (w) => `—${w}—`, (w) => `${w};`, (w) => `${w}…`, (w) => `'${w}'`, (w) => `<${w}>`,
];
const FILLER = [
  'Sáng nay, Ban Thường vụ họp phiên thường kỳ để bàn nhiều nội dung quan trọng',
  'với hơn 45 nghìn người tham dự tại hội trường lớn của thủ đô',
  'các đại biểu thảo luận về kế hoạch phát triển kinh tế xã hội năm tới',
  'ông Nguyễn Văn Tư phát biểu ý kiến về công tác cán bộ ở cơ sở',
  'tỷ lệ hộ nghèo giảm mạnh so với cùng kỳ năm trước',
  'chương trình xây dựng nông thôn mới đạt nhiều kết quả tích cực',
  'người dân phấn khởi trước những đổi thay của quê hương',
  'theo báo cáo của Sở Kế hoạch và Đầu tư thành phố',
  'lực lượng chức năng đã kiểm tra hàng trăm cơ sở kinh doanh',
  'Ủy viên Trung ương, Phó Thủ tướng Chính phủ dự và chỉ đạo hội nghị',
  'mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu',
  'học sinh các trường trên địa bàn bước vào năm học mới',
];
const MULTIBYTE = ['😀 ', '🇻🇳 ', '北京 ', 'ﬁ ', 'Ωmega ', '𝄞 '];

interface Doc { title: string | null; text: string; sourceId: string }

function generateDocs(seed: number, count: number): Doc[] {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const docs: Doc[] = [];
  for (let n = 0; n < count; n++) {
    const sentences: string[] = [];
    // Every third article starts with characters of two UTF-16 units (or of several bytes) before the first hit.
    if (n % 3 === 0) sentences.push(Array.from({ length: 3 + Math.floor(rnd() * 8) }, () => pick(MULTIBYTE)).join(''));
    // Every fourth runs long before its words appear (the snippet must move far in).
    const longLead = n % 4 === 1 ? 30 + Math.floor(rnd() * 30) : 0;
    for (let i = 0; i < longLead; i++) sentences.push(pick(FILLER) + (rnd() < 0.3 ? ' ' + pick(MULTIBYTE) : '') + '.');
    const count = 3 + Math.floor(rnd() * 12);
    for (let i = 0; i < count; i++) {
      const words = pick(FILLER).split(' ');
      const hits = 1 + Math.floor(rnd() * 3);
      for (let h = 0; h < hits; h++) words.splice(Math.floor(rnd() * (words.length + 1)), 0, pick(WRAPS)(pick(TARGETS)));
      const sentence = words.join(rnd() < 0.05 ? '  ' : ' ');
      sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + (rnd() < 0.5 ? '.' : '!'));
      if (rnd() < 0.2) sentences.push('\n\n');
    }
    const text = sentences.join(' ').replace(/ ?\n\n ?/g, '\n\n').trim();
    const title = rnd() < 0.5 ? `${pick(TARGETS)} ${pick(FILLER).split(' ').slice(0, 5).join(' ')}` : pick(FILLER).split(' ').slice(0, 7).join(' ');
    docs.push({ title, text, sourceId: 'demo' });
  }
  return docs;
}

/** Hand-written texts for the cases that matter most (the original bug among them). */
const HAND_DOCS: Doc[] = [
  { title: 'Bí thư Thành ủy gặp mặt', sourceId: 'demo',
    text: 'Đồng chí Đinh Tiến Dũng, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội, gặp mặt với hơn 45.000 đảng viên. Thành ủy, HĐND và UBND thành phố dự.' },
  { title: 'Quyết định 290-QĐ/TW', sourceId: 'demo',
    text: '😀😀😀 Theo Quyết định số 290-QĐ/TW (Đảng) và “đảng viên” ưu tú, tỷ lệ đạt 93,2% — tăng 45,000 so với 29-QĐ/TW.' },
  { title: null, sourceId: 'demo',
    text: 'Đăng ký dự thi: Đang chờ. ĐẢNG BỘ tỉnh Thanh Hóa và Thành ủy Thanh Hóa. Thanhuy là tên riêng, không phải Thành ủy.' },
  { title: 'Tin dài', sourceId: 'demo',
    text: `${'Mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu. '.repeat(80)}Cuối cùng, Thành ủy họp.` },
  // Decomposed (NFD): each tone and vowel mark a code unit of its own after its letter.
  { title: 'Thành ủy Hà Nội và Đảng bộ'.normalize('NFD'), sourceId: 'demo',
    text: '🇻🇳 Bí thư Thành ủy, “đảng viên” (Đảng) và 45.000 người dân Hà Nội; Quyết định 290-QĐ/TW.'.normalize('NFD') },
  { title: 'Văn bản <Đảng> & "Thành ủy"', sourceId: 'demo',
    text: 'Thẻ <b>Thành ủy</b> & AT&T: a < b > c; Đảng\'s "đảng" \'đảng\'.' },
];

const QUERIES = [
  // the original bug and its spellings
  'thanh uy', 'Thành ủy', 'THÀNH ỦY', 'thanh uỷ', '"thanh uy"', 'thành uy', 'bi thu thanh uy', 'Bí thư Thành ủy Hà Nội',
  // đ and d
  'dang', 'đang', 'Đảng', 'DANG', 'dang vien', 'đảng viên', '"dang vien"', 'dang bo', 'dang ky', 'đăng ký', 'dong anh', 'Đông Anh',
  'hoi dong nhan dan', 'de nghi', 'dinh tien dung', 'dung',
  // places and near misses
  'ha noi', 'Hà Nội', 'ha nam', 'noi vu', 'thanh hoa', 'thanh', 'uy ban', 'thanh pho', 'thanh tra', 'thanhuy',
  // numbers and codes
  '45.000', '45', '450', '4.500', '45,000', '1.045.000', '93,2%', '93,2', '93', '2,93', '290-QĐ/TW', '290-qd/tw', '290 QD TW',
  '29-QĐ/TW', 'qd ttg', 'QĐ-TTg', '57-NQ/TW', '290',
  // operators, quoting, prefixes
  'thanh uy OR dang vien', 'ha noi OR ha nam OR noi vu', 'dang AND 45', '"thanh uy" ha noi', 'thanh uy NOT ha noi', 'dang NOT dang vien',
  'thanh*', 'dang*', '45*', '"thanh u"*', 'ha n*', 'Đảng OR 93,2%', '"Ủy ban" OR "Bí thư"',
  // odd characters
  '北京', 'AT&T', 'a < b', 'at t', 'omega', 'ωmega', 'fi',
];

// ---------------------------------------------------------------------------------------------


let dir: string;
let dbPath: string;
let server: WebServer;
/** The stored articles, read back from the database. */
let stored: Map<number, { title: string | null; text: string }>;
const queries = QUERIES.map(parseQuery);
/** The article of each of STAT_SENTENCES. */
const statArticles: number[] = [];
const OFFICIAL_TEXT = 'Ông Nguyễn Văn An, ông Nguyễn Văn Anh và ông Nguyễn Văn A (Bí thư) dự họp; “Nguyễn Văn A”, 45 tuổi, Nguyễn Văn Ánh.';
let officialArticle: number;

function toArticle(doc: Doc, i: number): Article {
  return {
    url: `https://example.test/a/${i}`, canonicalUrl: `https://example.test/a/${i}`, sourceId: doc.sourceId, title: doc.title,
    published: `2021-0${(i % 9) + 1}-1${i % 10}T08:00:00+07:00`, author: null, language: 'vi', paragraphs: doc.text.split('\n\n'),
    text: doc.text, contentHash: createHash('sha256').update(doc.text).digest('hex'), warnings: [],
  };
}

const none = (): Extraction => ({ officials: [], documents: [], dates: [], periods: [], statistics: [] });

/** Statistics whose number also appears inside another number or word of its sentence, earlier. */
const STAT_SENTENCES: Array<{ sentence: string; number: string; unit: string; value: number }> = [
  { sentence: 'Năm 2015 có 15 xã đạt chuẩn, năm nay thêm 5 xã.', number: '5 xã', unit: 'xã', value: 5 },
  { sentence: 'Hà Nội có 145.000 hộ, trong đó 45.000 hộ khá.', number: '45.000 hộ', unit: 'hộ', value: 45000 },
  { sentence: 'Tỷ lệ 93,2% năm trước, năm nay 3,2% hộ nghèo.', number: '3,2%', unit: '%', value: 3.2 },
  { sentence: 'Quyết định 12/QĐ cho 12 người và 2 người khác.', number: '2 người', unit: 'người', value: 2 },
  { sentence: 'Có 300 người dự, 30 người vắng, 3 người về sớm.', number: '3 người', unit: 'người', value: 3 },
  { sentence: 'Xã có 80 thôn; 8 thôn đạt chuẩn.', number: '8 thôn', unit: 'thôn', value: 8 },
  { sentence: 'Tỷ lệ đạt 93,2%, riêng nhóm B đạt 2%.', number: '2%', unit: '%', value: 2 },
  { sentence: 'Thu 1.045.000 đồng, chi 45.000 đồng.', number: '45.000 đồng', unit: 'đồng', value: 45000 },
  { sentence: '😀 Đợt 2 có 1.200 người; đợt 3 có 200 người.', number: '200 người', unit: 'người', value: 200 },
];

/**
 * Problems with the one mark a number should have in its sentence: it reads as the number and stands
 * on its own (no letter or digit against it, nor a digit group: `2%` is not in `93,2%`).
 */
function numberMarkProblems(sentence: string, number: string, marked: string): string[] {
  const parsed = unmark(marked);
  if (typeof parsed === 'string') return [parsed];
  if (parsed.text !== sentence) return [`reads ${JSON.stringify(parsed.text)}`];
  if (parsed.marks.length !== 1) return [`${parsed.marks.length} marks`];
  const [s, e] = parsed.marks[0]!;
  const problems: string[] = [];
  if (sentence.slice(s, e) !== number) problems.push(`marks ${JSON.stringify(sentence.slice(s, e))}`);
  const around = sentence.slice(Math.max(0, s - 2), s) + '|' + sentence.slice(e, e + 2);
  if (/[\p{L}\p{N}]\||\|[\p{L}\p{N}]|\d[.,]\||\|[.,]\d/u.test(around)) problems.push(`mark [${s}, ${e}) stands against ${JSON.stringify(around)}`);
  return problems;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vnpress-hl-'));
  dbPath = join(dir, 'hl.db');
  const store = new Store(dbPath);
  try {
    store.upsertSource({ id: 'demo', name: 'Demo', baseUrl: 'https://example.test/', language: 'vi' });
    const docs = [...HAND_DOCS, ...generateDocs(2104, 60)];
    store.saveArticles(docs.map((doc, i) => ({ article: toArticle(doc, i), extraction: none() })));
    // The statistics page's sentences, one article each; every other one without a span (a span of
    // an older extraction that no longer reads as the number is placed by its text).
    STAT_SENTENCES.forEach(({ sentence, number, unit, value }, k) => {
      const at = sentence.lastIndexOf(number);
      const statistic: Statistic = { text: number, value, unit, span: k % 2 ? [0, number.length] : [at, at + number.length], context: sentence };
      const { articleId } = store.saveArticle(toArticle({ title: `Thống kê ${k}`, text: sentence, sourceId: 'demo' }, 1000 + k), { ...none(), statistics: [statistic] });
      statArticles.push(articleId);
    });
    // An official whose name begins longer names (officials carry no span: the page finds the name).
    officialArticle = store.saveArticle(toArticle({ title: 'Cán bộ', text: OFFICIAL_TEXT, sourceId: 'demo' }, 2000),
      { ...none(), officials: [{ name: 'Nguyễn Văn A', titles: ['Bí thư'] }] }).articleId;
  } finally {
    store.close();
  }
  const db = new Database(dbPath, { readonly: true });
  stored = new Map((db.prepare('SELECT id, title, text FROM articles').all() as Array<{ id: number; title: string | null; text: string }>)
    .map((r) => [r.id, { title: r.title, text: r.text }]));
  db.close();
  server = await startWebServer({ dbPath, port: 0 });
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; body: string }> {
  const response = await request(new URL(path, server.url));
  return { status: response.statusCode, body: await response.body.text() };
}

const expectedIds = (q: Query) => [...stored].filter(([, a]) => expectedMatch(q, a.title ?? '', a.text)).map(([id]) => id).sort((a, b) => a - b);

/** HTML with <mark> as OPEN/CLOSE and the escapes undone; a problem when any other tag is left. */
function fromHtml(fragment: string): string {
  const marked = fragment.replaceAll('<mark>', OPEN).replaceAll('</mark>', CLOSE);
  if (/[<>]/.test(marked)) throw new Error(`unexpected markup in ${JSON.stringify(fragment)}`);
  return marked.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Snippets with « » (exports, the CLI's JSON and CSV) in the OPEN/CLOSE form; the texts hold no « ». */
const fromGuillemets = (s: string) => s.replaceAll('«', OPEN).replaceAll('»', CLOSE);

describe('highlights over many queries and texts', () => {
  it('the corpus holds what the queries are about', () => {
    expect(stored.size).toBeGreaterThan(60);
    for (const { text, title } of stored.values()) expect(text + (title ?? '')).not.toMatch(/[«»\u0002\u0003]/);
    expect([...stored.values()].some((a) => a.text !== a.text.normalize('NFC')), 'an article stored decomposed').toBe(true);
    // Most queries find something, a few only near misses.
    const found = queries.filter((q) => expectedIds(q).length > 0);
    expect(found.length).toBeGreaterThan(queries.length * 0.8);
  });

  it('the web search page marks, in titles and snippets, only the query\'s words, on word edges, and all of them', async () => {
    const problems: string[] = [];
    let marksSeen = 0;
    let pages = 0;
    for (const q of queries) {
      const expected = expectedIds(q);
      const hits: RegExpExecArray[] = [];
      // Every page of the results.
      for (let page = 1; page === 1 || (page - 1) * 20 < expected.length; page++, pages++) {
        const { status, body } = await get(`/search?q=${encodeURIComponent(q.typed)}&page=${page}`);
        expect(status, q.typed).toBe(200);
        hits.push(...body.matchAll(/<li class="hit">\s*<h2><a href="\/articles\/(\d+)">([\s\S]*?)<\/a><\/h2>[\s\S]*?<p class="snippet">([\s\S]*?)<\/p>/g));
      }
      expect(hits.map((h) => Number(h[1])).sort((a, b) => a - b), q.typed).toEqual(expected);
      for (const [, id, titleHtml, snippetHtml] of hits) {
        const article = stored.get(Number(id))!;
        expect(expected, q.typed).toContain(Number(id));
        const where = `${JSON.stringify(q.typed)} article ${id}`;
        if (article.title) {
          const title = unmark(fromHtml(titleHtml!));
          if (typeof title === 'string') problems.push(`${where} title: ${title}`);
          else {
            if (title.text !== article.title) problems.push(`${where} title reads ${JSON.stringify(title.text)}`);
            problems.push(...markProblems(article.title, title.marks, [0, article.title.length], q).map((p) => `${where} title: ${p}`));
            marksSeen += title.marks.length;
          }
        }
        const snippet = fromHtml(snippetHtml!);
        marksSeen += snippet.split(OPEN).length - 1;
        problems.push(...snippetProblems(snippet, article.text, q).map((p) => `${where} snippet: ${p}`));
      }
    }
    expect(problems).toEqual([]);
    expect(marksSeen).toBeGreaterThan(500);
    expect(pages).toBeGreaterThan(queries.length);
  });

  it('the newest-first walk with blocks of two ids (stopping early) finds and marks as with one block', () => {
    const db = openDatabase(dbPath, { readonly: true });
    const problems: string[] = [];
    try {
      const sorted = new ReadModel(db);
      const walked = new ReadModel(db, { searchBlockBits: 1 });
      for (const q of queries) {
        for (let page = 1; page <= 2; page++) {
          const a = sorted.search({ q: q.typed }, page);
          const b = walked.search({ q: q.typed }, page);
          expect(b.hits.map((h) => [h.id, h.textMatches, h.titleMatches]), q.typed).toEqual(a.hits.map((h) => [h.id, h.textMatches, h.titleMatches]));
          for (const hit of b.hits) {
            const snippet = fromHtml(hitSnippet(hit).value);
            problems.push(...snippetProblems(snippet, hit.text, q).map((p) => `${JSON.stringify(q.typed)} walked, article ${hit.id}: ${p}`));
            if (hit.title) {
              const title = unmark(fromHtml(markRanges(hit.title, hit.titleMatches).value));
              if (typeof title === 'string' || title.text !== hit.title) problems.push(`${JSON.stringify(q.typed)} walked, article ${hit.id}: title ${JSON.stringify(title)}`);
              else problems.push(...markProblems(hit.title, title.marks, [0, hit.title.length], q).map((p) => `${JSON.stringify(q.typed)} walked title ${hit.id}: ${p}`));
            }
          }
        }
      }
    } finally {
      db.close();
    }
    expect(problems).toEqual([]);
  });

  it('the search page\'s .json, .jsonl and .csv carry the same rows, every match, snippets marked right', async () => {
    const problems: string[] = [];
    for (const [n, q] of queries.entries()) {
      const path = (ext: string) => `/search.${ext}?q=${encodeURIComponent(q.typed)}`;
      const json = await get(path('json'));
      expect(json.status, q.typed).toBe(200);
      const rows = JSON.parse(json.body) as Array<{ article_id: number; snippet: string }>;
      expect(rows.map((r) => r.article_id).sort((a, b) => a - b), q.typed).toEqual(expectedIds(q));
      for (const row of rows) {
        problems.push(...snippetProblems(fromGuillemets(row.snippet), stored.get(row.article_id)!.text, q)
          .map((p) => `${JSON.stringify(q.typed)} .json article ${row.article_id}: ${p}`));
      }
      // The other two formats: the same snippets (every fourth query, to stay quick).
      if (n % 4 !== 0) continue;
      const jsonl = (await get(path('jsonl'))).body.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(jsonl).toEqual(rows);
      const csv = csvRecords((await get(path('csv'))).body);
      expect(csv.map((r) => [Number(r.article_id), r.snippet])).toEqual(rows.map((r) => [r.article_id, r.snippet]));
    }
    expect(problems).toEqual([]);
  });

  it('the CLI\'s search (JSON, CSV, the terminal\'s marks) and `export search:` mark the same way', async () => {
    const problems: string[] = [];
    const run = async (command: typeof queryCommand, args: string[]) => {
      const stdout = new Sink();
      await command({ stdout, stderr: new Sink() }).parseAsync([...args, '--db', dbPath], { from: 'user' });
      return stdout.text;
    };
    const check = (what: string, q: Query, id: number, snippet: string) => problems.push(
      ...snippetProblems(snippet, stored.get(id)!.text, q).map((p) => `${JSON.stringify(q.typed)} ${what} article ${id}: ${p}`));
    const db = new Database(dbPath, { readonly: true });
    try {
      for (const [n, q] of queries.entries()) {
        const expected = expectedIds(q);
        const json = JSON.parse(await run(queryCommand, ['search', q.typed, '--json', '--limit', '500'])) as Array<{ article_id: number; snippet: string }>;
        expect(json.map((r) => r.article_id).sort((a, b) => a - b), q.typed).toEqual(expected);
        for (const row of json) check('query search --json', q, row.article_id, fromGuillemets(row.snippet));
        // A terminal's marks (bold on, bold off), as `query search` prints them for people, and its shorter snippets.
        for (const hit of searchArticles(db, q.typed, { limit: 500, marks: ['\x1b[1m', '\x1b[22m'], snippetLength: 140 })) {
          check('terminal', q, hit.article_id, hit.snippet.replaceAll('\x1b[1m', OPEN).replaceAll('\x1b[22m', CLOSE));
        }
        if (n % 3 !== 0) continue;
        const csv = csvRecords(await run(queryCommand, ['search', q.typed, '--csv', '--limit', '500']));
        for (const row of csv) check('query search --csv', q, Number(row.article_id), fromGuillemets(row.snippet!));
        const exported = (await run(exportCommand as unknown as typeof queryCommand, [`search:${q.typed}`, '--format', 'jsonl']))
          .trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { article_id: number; snippet: string });
        expect(exported.map((r) => r.article_id).sort((a, b) => a - b), q.typed).toEqual(expected);
        for (const row of exported) check('export search:', q, row.article_id, fromGuillemets(row.snippet));
      }
    } finally {
      db.close();
    }
    expect(problems).toEqual([]);
  });

  it('the statistics page and the article page mark the number itself, not the same digits inside another number', async () => {
    const { body } = await get('/statistics');
    const cells = [...body.matchAll(/<td class="sentence">([\s\S]*?)<\/td>/g)].map((m) => fromHtml(m[1]!.replace(/<mark class="ent ent-statistic">/g, '<mark>')));
    const problems: string[] = [];
    for (const [k, { sentence, number }] of STAT_SENTENCES.entries()) {
      const cell = cells.find((c) => c.replace(/[\u0002\u0003]/g, '') === sentence);
      if (!cell) problems.push(`/statistics shows no row of ${JSON.stringify(sentence)}`);
      else problems.push(...numberMarkProblems(sentence, number, cell).map((p) => `/statistics ${JSON.stringify(sentence)}: ${p}`));
      const page = (await get(`/articles/${statArticles[k]}`)).body;
      const text = /<div class="text" lang="vi">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
      const marked = fromHtml(text.replace(/<a class="ent-link" href="[^"]*">|<\/a>|<\/?p>/g, '').replace(/<mark class="ent ent-statistic"[^>]*>/g, '<mark>'));
      problems.push(...numberMarkProblems(sentence, number, marked).map((p) => `/articles/${statArticles[k]} ${JSON.stringify(sentence)}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('the article page marks an official\'s name where it stands whole, not inside a longer name', async () => {
    const page = (await get(`/articles/${officialArticle}`)).body;
    const text = /<div class="text" lang="vi">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
    const parsed = unmark(fromHtml(text.replace(/<a class="ent-link" href="[^"]*">|<\/a>|<\/?p>/g, '').replace(/<mark class="ent ent-official"[^>]*>/g, '<mark>')));
    expect(typeof parsed === 'string' ? parsed : parsed.text).toBe(OFFICIAL_TEXT);
    const marks = typeof parsed === 'string' ? [] : parsed.marks;
    expect(marks.map(([s, e]) => OFFICIAL_TEXT.slice(s, e))).toEqual(['Nguyễn Văn A', 'Nguyễn Văn A']);
    expect(markProblems(OFFICIAL_TEXT, marks, [0, OFFICIAL_TEXT.length], parseQuery('"Nguyễn Văn A"'))).toEqual([]);
  });
});

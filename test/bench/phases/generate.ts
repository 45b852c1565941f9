// Generated article pages for the scale phase: the fixtures' real article pages are the templates;
// each generated page shuffles the template's body paragraphs, redraws every number in them, swaps
// the people's names, numbers the title and longest paragraph and gets its own URL (canonical and og:url follow), so that
// every page has a different text and content hash. Pages are yielded one at a time, never held.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtmlBytes } from '../../../src/fetch/charset.ts';
import { findSource } from '../../../pipelines/index.ts';
import type { Source } from '../../../src/core/types.ts';
import { ROOT, seeded } from './shared.ts';

interface Template {
  name: string;
  source: Source | null;
  baseUrl: string;
  /** The page cut at the body paragraphs: parts[0] slot0 parts[1] slot1 … */
  parts: string[];
  slots: string[];
  /** Index of the slot with the most text. */
  longest: number;
  canonical: string | null;
}

export interface GeneratedPage {
  index: number;
  url: string;
  html: string;
  source: Source | null;
}

const PARAGRAPH = /(<p\b[^>]*>)([\s\S]*?)(<\/p>)/gi;
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Vương'];
const MIDDLES = ['Văn', 'Thị', 'Đình', 'Xuân', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Đức', 'Ngọc', 'Hồng', 'Anh'];
const GIVENS = ['Huệ', 'Hùng', 'Lan', 'Hương', 'Dũng', 'Nam', 'Tuấn', 'Hằng', 'Phúc', 'Sơn', 'Long', 'Bình', 'Thắng', 'Hải', 'Trang', 'Quang'];
const NAME = new RegExp(`(?<![\\p{L}])(?:${SURNAMES.join('|')})(?: \\p{Lu}\\p{Ll}*){1,3}`, 'gu');

function loadTemplates(): Template[] {
  const files: Array<{ file: string; site: string | null }> = [];
  const sites = join(ROOT, 'fixtures/sites');
  const walk = (dir: string, site: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), site);
      else if (/\.html?$/.test(e.name) && !/^(index|trang-\d+)\.html?$/.test(e.name)) files.push({ file: join(dir, e.name), site });
    }
  };
  for (const e of readdirSync(sites, { withFileTypes: true })) if (e.isDirectory()) walk(join(sites, e.name), e.name);
  for (const f of readdirSync(join(ROOT, 'fixtures/pages')).filter((f) => /article.*\.html$/.test(f))) {
    files.push({ file: join(ROOT, 'fixtures/pages', f), site: f.split('.')[0] ?? null });
  }
  const templates: Template[] = [];
  for (const { file, site } of files) {
    const html = decodeHtmlBytes(readFileSync(file)).text;
    const parts: string[] = [];
    const slots: string[] = [];
    let last = 0;
    for (const m of html.matchAll(PARAGRAPH)) {
      const inner = m[2]!;
      // Only paragraphs with real text are shuffled; empty, image-only and short ones stay where they are.
      if (inner.replace(/<[^>]*>/g, '').trim().length < 60) continue;
      const start = m.index! + m[1]!.length;
      parts.push(html.slice(last, start));
      slots.push(inner);
      last = start + inner.length;
    }
    parts.push(html.slice(last));
    if (slots.length < 3) continue;
    const source = site ? findSource(site) ?? null : null;
    const canonical = /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(html)?.[1]
      ?? /<link[^>]+href=["']([^"']+)["'][^>]*rel=["']canonical["']/i.exec(html)?.[1] ?? null;
    const textLength = (html: string) => html.replace(/<[^>]*>/g, '').length;
    const longest = slots.reduce((best, slot, k) => (textLength(slot) > textLength(slots[best]!) ? k : best), 0);
    templates.push({ name: file.slice(ROOT.length), source, baseUrl: source?.baseUrl ?? 'https://bench.invalid/', parts, slots, longest, canonical });
  }
  if (!templates.length) throw new Error('no article templates found in fixtures/sites and fixtures/pages');
  return templates;
}

/** Pages 0…count-1; page i is the same in every run (and every size: 1k is a prefix of 10k). */
export function* generatePages(count: number, seed = 1): Generator<GeneratedPage> {
  const templates = loadTemplates();
  for (let index = 0; index < count; index++) {
    const rnd = seeded(seed * 1_000_003 + index);
    const t = templates[index % templates.length]!;
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const order = t.slots.map((_s, k) => k);
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    const vary = (text: string) => text
      .replace(/\d+/g, (digits) => {
        // Same number of digits, so dates and codes keep their shape (an impossible day is rejected by extract, as in real text).
        let out = digits.length > 1 ? String(1 + Math.floor(rnd() * 9)) : '';
        while (out.length < digits.length) out += String(Math.floor(rnd() * 10));
        return out;
      })
      .replace(NAME, () => `${pick(SURNAMES)} ${pick(MIDDLES)} ${pick(GIVENS)}`);
    let html = t.parts[0]!;
    for (let k = 0; k < order.length; k++) {
      // A short template has few permutations: the page number in its longest paragraph (body text, not
      // furniture that clean drops) keeps every text distinct.
      const mark = order[k] === t.longest ? ` (Bài số ${index}.)` : '';
      html += vary(t.slots[order[k]!]!) + mark + t.parts[k + 1]!;
    }
    const url = new URL(`bench/bai-${index}.html`, t.baseUrl).href;
    if (t.canonical) html = html.split(t.canonical).join(url);
    html = html
      .replace(/(<title[^>]*>)([\s\S]*?)(<\/title>)/i, (_m, a: string, b: string, c: string) => `${a}${b} (bài ${index})${c}`)
      .replace(/(<h1[^>]*>)([\s\S]*?)(<\/h1>)/i, (_m, a: string, b: string, c: string) => `${a}${b} (bài ${index})${c}`);
    yield { index, url, html, source: t.source };
  }
}

export function templateCount(): number {
  return loadTemplates().length;
}

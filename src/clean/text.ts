// Paragraph-level cleaning shared by plain-text input and the blocks found in HTML:
// furniture lines and headings, related-headline runs, repeated captions, bylines and source
// credits at the tail, the title line with its visible stamp, and text hygiene (NFC, spaces, mojibake).
import { englishBylineOf } from './en-bylines.ts';
import { collapseSpaces, foldLine, isBoilerplateLine, isFurnitureHeading } from './furniture.ts';

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
const INVISIBLE_ALL = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** NFC, no zero-width or soft-hyphen characters, one space per gap. */
export function tidy(s: string): string {
  let t = s.normalize('NFC');
  if (INVISIBLE.test(t)) t = t.replace(INVISIBLE_ALL, '');
  return collapseSpaces(t).trim();
}

const TERMINAL = /[.!?…:;"”’»)\]]$/;
const WORD = /[\p{L}\p{N}]+/gu;
const wordCount = (s: string): number => (s.match(WORD) ?? []).length;
const HEADLINE_START = /^[\p{Lu}\p{N}"“‘]/u;

/** Words in `s`, counting stops at `limit` (callers only compare with a bound; no array of words is built). */
function wordsUpTo(s: string, limit: number): number {
  WORD.lastIndex = 0;
  let n = 0;
  // test() moves lastIndex like exec() without building a match array per word.
  while (n < limit && WORD.test(s)) n++;
  WORD.lastIndex = 0;
  return n;
}

/** A line that reads like a headline: several words, starts with a capital or digit, no closing punctuation. */
export function isHeadlineLike(line: string): boolean {
  if (line.length > 200 || TERMINAL.test(line) || !HEADLINE_START.test(line)) return false;
  const n = wordsUpTo(line, 31);
  return n >= 4 && n <= 30;
}

/** Substantial prose: long enough and ends like a sentence. */
function isProse(p: string): boolean {
  return p.length >= 40 && /[.!?…"”)]$/.test(p) && wordsUpTo(p, 20) >= 20;
}

// `Theo Tuổi trẻ Thủ đô`, `Theo TTXVN`, `(Theo VnExpress)`, `Nguồn: Báo Nhân Dân`.
const CREDIT = /^\(?\s*(theo|nguồn)\s*:?\s+([\p{L}\p{N}][\p{L}\p{N} .,&'/-]{1,60}?)\s*\)?\.?$/iu;
// `Hoàng Phúc`, `Nhóm PV`, `PV`, `Trần Long (TTXVN)`, `Minh Anh - Quang Huy`, `Bài, ảnh: Hà Vân`.
const TEAM_BYLINE = /^(nhóm pv|pv|nhóm phóng viên|phóng viên|ban biên tập|btv|ctv|nhóm phóng viên thường trú)(\s+[\p{Lu}][\p{L}]*)*$/iu;
const BYLINE_PREFIX = /^(bài(\s*(và|,)\s*ảnh)?|ảnh|tin|bài, ảnh|tin, ảnh|by|von|par|autor|author|tác giả)\s*:?\s+/iu;

/** A byline: a person's name (2–5 capitalised words, optional agency in brackets) or a team credit. */
export function bylineOf(p: string): string | null {
  if (p.length > 70 || /\d/.test(p.replace(/\([^)]*\)$/, ''))) return null;
  const text = p.replace(/[.\s]+$/, '');
  if (TEAM_BYLINE.test(text)) return text;
  const core = text.replace(BYLINE_PREFIX, '').replace(/\s*\([^)]{1,30}\)$/, '');
  const names = core.split(/\s*(?:-|–|,|&| và | and )\s*/u);
  if (!names.length || names.length > 4) return null;
  for (const name of names) {
    const words = name.split(' ').filter(Boolean);
    if (words.length < 2 || words.length > 5) return null;
    if (!words.every((w) => /^[\p{Lu}][\p{Ll}\p{M}]*\.?$/u.test(w))) return null;
  }
  return text.replace(BYLINE_PREFIX, '');
}

export function creditOf(p: string): string | null {
  const m = CREDIT.exec(p.trim());
  if (!m || wordCount(m[2]!) > 8) return null;
  return `Theo ${m[2]!.trim()}`;
}

// Mojibake: U+FFFD, `?` inside words from a lossy transcode (`L?y l?i`), UTF-8 read as Latin-1/1252.
const MOJIBAKE = [/\uFFFD/, /\p{L}\?\p{L}.*\p{L}\?\p{L}/u, /Ã[\u0080-\u00bf¡-¿]|Ä[‘‘ƒ]|Æ°|áº|á»/];
export function hasMojibake(s: string): boolean {
  if (s.includes('\uFFFD')) return true;
  if (s.includes('?') && MOJIBAKE[1]!.test(s)) return true;
  // UTF-8 read as Latin-1/1252 always shows one of these lead characters.
  return /[ÃÄÆá]/.test(s) && MOJIBAKE[2]!.test(s);
}

export interface ParagraphCleanResult {
  paragraphs: string[];
  title: string | null;
  author: string | null;
  credit: string | null;
  /** Text of a visible date stamp found in the title line, e.g. `11:51 27/03/2020`. */
  titleStamp: string | null;
  warnings: string[];
}

const TITLE_STAMP = /\s*\((\d{1,2}:\d{2}\s+\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\/\d{1,2}\/\d{4}(?:\s+\d{1,2}:\d{2})?)\)\s*$/;

/**
 * Clean flattened text: blocks separated by blank lines, lines inside a block by single newlines.
 * When the text has no blank lines at all, every line is a block.
 */
export function cleanTextBlocks(input: string): ParagraphCleanResult {
  const norm = input.normalize('NFC').replace(/\r\n?/g, '\n');
  const rawBlocks = /\n[ \t\u00a0]*\n/.test(norm) ? norm.split(/\n[ \t\u00a0]*\n/) : norm.split('\n');
  const warnings: string[] = [];
  // Lines: drop furniture lines; inside a block, drop runs of ≥2 headline-like lines after prose
  // (related headlines pasted under a paragraph).
  const blocks: string[][] = [];
  for (const rb of rawBlocks) {
    const lines = rb.split('\n').map(tidy).filter((l) => l && !isBoilerplateLine(l));
    if (!lines.length) continue;
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      let j = i;
      while (j < lines.length && isHeadlineLike(lines[j]!)) j++;
      if (j - i >= 2 && i > 0) { i = j - 1; continue; }
      kept.push(lines[i]!);
    }
    if (kept.length) blocks.push(kept);
  }
  // A block keeps its lines as separate paragraphs only when they look like separate units
  // (a caption line after prose); prose broken by hard wraps is joined.
  const paras: string[] = [];
  for (const b of blocks) {
    if (b.length > 1 && b.every((l) => TERMINAL.test(l) || isHeadlineLike(l) || l.length < 80)) paras.push(...b);
    else paras.push(b.join(' '));
  }
  const result = finishParagraphs(paras, warnings, true);
  if (!result.warnings.some((w) => w.startsWith('mojibake')) && hasMojibake(norm)) {
    result.warnings.push('mojibake: the input holds badly decoded characters (only in lines removed as furniture)');
  }
  return result;
}

/** Shared tail of both cleaners: furniture headings and what follows, repeats, title, byline, credit. */
export function finishParagraphs(input: string[], warnings: string[], findTitle: boolean): ParagraphCleanResult {
  let paras = input.map(tidy).filter(Boolean);
  // Furniture headings: at the tail (after the body has said something) everything after goes;
  // inside the body, the heading and the headline-like lines right after it go.
  // Each paragraph is judged once; what follows a heading is read from suffix counts (linear, not
  // a re-scan of the rest at every heading).
  const n = paras.length;
  const heading = paras.map(isFurnitureHeading);
  const isProseAt = paras.map(isProse);
  const proseFrom = new Int32Array(n + 1); // prose paragraphs at index ≥ k
  const pairsFrom = new Int32Array(n + 1); // k' ≥ k with paras[k'] === paras[k' - 1]
  const headingFrom = new Uint8Array(n + 1); // a furniture heading at index ≥ k
  for (let k = n - 1; k >= 0; k--) {
    proseFrom[k] = proseFrom[k + 1]! + (isProseAt[k] ? 1 : 0);
    pairsFrom[k] = pairsFrom[k + 1]! + (k > 0 && paras[k] === paras[k - 1] ? 1 : 0);
    headingFrom[k] = heading[k] || headingFrom[k + 1] ? 1 : 0;
  }
  const out: string[] = [];
  let prose = 0;
  for (let i = 0; i < n; i++) {
    const p = paras[i]!;
    if (heading[i]) {
      const proseAfter = proseFrom[i + 1]!;
      const teaserPairs = i + 2 <= n ? pairsFrom[i + 2]! : 0;
      if (prose >= 2 && (teaserPairs > 0 || proseAfter <= prose / 2 || headingFrom[i + 1])) break;
      while (i + 1 < n && (isHeadlineLike(paras[i + 1]!) || heading[i + 1])) i++;
      continue;
    }
    if (isProseAt[i]) prose++;
    out.push(p);
  }
  paras = out;
  // Repeated lines (captions printed twice, teaser headline + image alt) are kept once.
  const seen = new Set<string>();
  paras = paras.filter((p) => {
    const k = p.length > 120 ? p.toLowerCase() : foldLine(p);
    if (k.length < 15) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // English-edition bylines (`By Minh Anh – Translated by Mai Hoa`) stand at the top or the foot: dropped wherever they are.
  let bylineAuthor: string | null = null;
  if (paras.length > 1) {
    paras = paras.filter((p) => {
      const names = englishBylineOf(p);
      if (names !== null) bylineAuthor ??= names;
      return names === null;
    });
  }
  let title: string | null = null;
  let titleStamp: string | null = null;
  if (findTitle && paras.length > 1) {
    const first = paras[0]!;
    const stamp = TITLE_STAMP.exec(first);
    const bare = stamp ? first.slice(0, stamp.index).trim() : first;
    if (bare && !TERMINAL.test(bare.replace(/["”]$/, '')) && wordCount(bare) <= 40 && wordCount(bare) >= 3 && !isProse(bare)) {
      title = bare;
      titleStamp = stamp ? stamp[1]! : null;
      paras = paras.slice(1);
    }
  }
  // Byline and credit: short trailing lines after the last prose paragraph.
  let author: string | null = bylineAuthor;
  let credit: string | null = null;
  for (let k = 0; k < 3 && paras.length > 1; k++) {
    const last = paras[paras.length - 1]!;
    const c = creditOf(last);
    if (c && !credit) { credit = c; paras.pop(); continue; }
    const b = bylineOf(last);
    if (b && !author) { author = b; paras.pop(); continue; }
    break;
  }
  if (paras.some(hasMojibake)) warnings.push('mojibake: text contains characters that decoded badly (U+FFFD, `?` inside words or UTF-8 read as Latin-1)');
  return { paragraphs: paras, title, author, credit, titleStamp, warnings };
}

// Officials: Vietnamese personal names with the titles the text gives them, before the name
// (`Bí thư Thành ủy Hà Nội Vương Đình Huệ`), after it (`bà Nguyễn Thị Tuyến, Ủy viên …, Trưởng Ban …`),
// chained with commas; honorifics stripped; later short mentions (`ông Huệ`) merged into the full name.
import { createRequire } from 'node:module';
import type { Official } from '../../pipeline/types.ts';
import honorifics from './lexicons/honorifics.json' with { type: 'json' };
import surnames from './lexicons/surnames.json' with { type: 'json' };
import titles from './lexicons/titles.json' with { type: 'json' };
import { foldKey, stripDiacritics, type Token } from './normalize.ts';
import { matchPhrase, placeAt, readOrgPhrase } from './organisations.ts';
import type { RuleContext } from './rules.ts';

// natural's package root prints dotenv lines to stdout: load only the distance submodule.
const require = createRequire(import.meta.url);
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string, options?: { ignoreCase?: boolean }) => number;

function index(phrases: readonly string[]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const p of phrases) {
    const keys = foldKey(p).split(' ');
    const list = map.get(keys[0]!) ?? [];
    list.push(keys);
    map.set(keys[0]!, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
}

const HEADS = index(titles.heads);
const PREFIXES = new Set(titles.prefixes.map(foldKey));
const HONORIFICS = index(honorifics);
const SURNAMES = new Set(surnames.map(foldKey));

/** Something the scan found: a title (maybe with the name it introduces) or a name after an honorific. */
interface Item {
  kind: 'title' | 'name' | 'short';
  /** Offsets in the text of the whole item. */
  start: number;
  end: number;
  title?: string;
  /** Title head written in lower case: only kept in apposition (`ông A, chủ tịch xã B`). */
  lowercase?: boolean;
  name?: string;
  nameStart?: number;
  nameEnd?: number;
}

function isNameToken(t: Token | undefined): boolean {
  return Boolean(t && t.kind === 'cap' && t.text.length <= 8);
}

/**
 * Split a run of capitalised tokens [from, to) into (organisation prefix, personal name): the name is the
 * longest-reaching suffix of 2–4 syllables that starts with a surname and not inside or at a place name
 * (`Hà Nội Vương Đình Huệ` → `Vương Đình Huệ`). Returns the name's first token index or -1.
 */
function nameStartInRun(tokens: readonly Token[], from: number, to: number, allowPlaceStart: boolean): number {
  // Token indexes covered by multi-token places, so a name never starts inside one.
  const placeStart = new Set<number>();
  const insidePlace = new Set<number>();
  for (let k = from; k < to; k++) {
    const len = placeAt(tokens, k);
    if (len > 1 && k + len <= to) {
      placeStart.add(k);
      for (let q = k + 1; q < k + len; q++) insidePlace.add(q);
      k += len - 1;
    }
  }
  for (let p = Math.max(from, to - 4); p <= to - 2; p++) {
    if (insidePlace.has(p)) continue;
    if (!SURNAMES.has(tokens[p]!.key)) continue;
    if (placeStart.has(p) && !(allowPlaceStart && p === from)) continue;
    return p;
  }
  return -1;
}

/** The run of name-like capitalised tokens ending at `end` (exclusive) and going back no further than `min`. */
function capRunStart(tokens: readonly Token[], end: number, min: number): number {
  let s = end;
  while (s - 1 >= min && isNameToken(tokens[s - 1]) && !tokens[s]?.newlineBefore) s--;
  return s;
}

function slice(ctx: RuleContext, a: Token, b: Token): string {
  return ctx.text.slice(a.start, b.end);
}

function scan(ctx: RuleContext): Item[] {
  const { tokens } = ctx;
  const items: Item[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // Title: [prefix] head [organisation words] [name]
    let headStart = i;
    let h = i;
    if (PREFIXES.has(t.key) && tokens[i + 1] && matchPhrase(tokens, i + 1, HEADS) > 0) h = i + 1;
    const headLen = matchPhrase(tokens, h, HEADS);
    if (headLen > 0 && (tokens[h]!.kind === 'cap' || tokens[h]!.kind === 'lower')) {
      const lowercase = tokens[h]!.kind === 'lower';
      const headEnd = h + headLen;
      const pieces = lowercase && !/^\p{Lu}/u.test(tokens[headEnd]?.text ?? '') ? [] : readOrgPhrase(tokens, headEnd);
      const phraseEnd = pieces.length ? pieces[pieces.length - 1]!.end : headEnd;
      // The name is at the end of the phrase: a run of name-like capitalised words.
      const runStart = capRunStart(tokens, phraseEnd, headEnd);
      let nameStart = -1;
      if (phraseEnd - runStart >= 2) nameStart = nameStartInRun(tokens, runStart, phraseEnd, runStart === headEnd);
      // A place right after the head is the name when nothing else follows (`Chủ tịch Hồ Chí Minh`).
      const titleEnd = nameStart >= 0 ? nameStart : phraseEnd;
      const item: Item = {
        kind: 'title',
        start: tokens[headStart]!.start,
        end: tokens[phraseEnd - 1]!.end,
        title: slice(ctx, tokens[headStart]!, tokens[titleEnd - 1]!),
        lowercase,
      };
      if (nameStart >= 0) {
        item.name = slice(ctx, tokens[nameStart]!, tokens[phraseEnd - 1]!);
        item.nameStart = tokens[nameStart]!.start;
        item.nameEnd = tokens[phraseEnd - 1]!.end;
      }
      items.push(item);
      i = phraseEnd;
      continue;
    }
    // Honorific + name (`đồng chí Ngô Thị Thanh Hằng`) or short mention (`ông Huệ`).
    const honLen = matchPhrase(tokens, i, HONORIFICS);
    if (honLen > 0) {
      const from = i + honLen;
      let to = from;
      while (to < tokens.length && to - from < 5 && isNameToken(tokens[to]) && !tokens[to]!.newlineBefore) to++;
      const run = to - from;
      if (run >= 2 && run <= 4 && SURNAMES.has(tokens[from]!.key) && placeAt(tokens, from) < run) {
        items.push({ kind: 'name', start: t.start, end: tokens[to - 1]!.end, name: slice(ctx, tokens[from]!, tokens[to - 1]!), nameStart: tokens[from]!.start, nameEnd: tokens[to - 1]!.end });
        i = to;
        continue;
      }
      if (run === 1 && placeAt(tokens, from) === 0) {
        items.push({ kind: 'short', start: t.start, end: tokens[from]!.end, name: tokens[from]!.text, nameStart: tokens[from]!.start, nameEnd: tokens[from]!.end });
        i = to;
        continue;
      }
    }
    // A bare name with a title in apposition: `Trần Văn B, Chủ tịch UBND tỉnh`.
    if (t.kind === 'cap' && SURNAMES.has(t.key) && !isNameToken(tokens[i - 1])) {
      let to = i;
      while (to < tokens.length && to - i < 5 && isNameToken(tokens[to]) && (to === i || !tokens[to]!.newlineBefore)) to++;
      const run = to - i;
      const comma = tokens[to];
      const next = tokens[to + 1];
      if (run >= 2 && run <= 4 && comma?.text === ',' && next && next.kind === 'cap' && matchPhrase(tokens, to + 1, HEADS) > 0 && placeAt(tokens, i) < run) {
        items.push({ kind: 'name', start: t.start, end: tokens[to - 1]!.end, name: slice(ctx, t, tokens[to - 1]!), nameStart: t.start, nameEnd: tokens[to - 1]!.end });
        i = to;
        continue;
      }
    }
    i++;
    void headStart;
    headStart = i;
  }
  return items;
}

interface Person {
  name: string;
  key: string;
  titles: string[];
  mentions: string[];
  span: [number, number];
  rule: string;
}

/** Text between two items that chains them: a comma (or a dash/parenthesis right after a name). */
function chained(ctx: RuleContext, from: number, to: number): boolean {
  if (to < from || to - from > 6) return false;
  return /^\s*[,(–-]\s*$/.test(ctx.text.slice(from, to));
}

export function extractOfficials(ctx: RuleContext): Official[] {
  const items = scan(ctx);
  const people = new Map<string, Person>();
  const order: Person[] = [];

  const personFor = (name: string, start: number, end: number, rule: string): Person => {
    const key = foldKey(name);
    let p = people.get(key);
    if (!p) {
      p = { name, key, titles: [], mentions: [], span: [start, end], rule };
      people.set(key, p);
      order.push(p);
    }
    if (!p.mentions.includes(name)) p.mentions.push(name);
    return p;
  };
  const addTitle = (p: Person, title: string) => {
    const cleaned = title.replace(/[\s,]+$/u, '').trim();
    if (cleaned && !p.titles.some((x) => foldKey(x) === foldKey(cleaned))) p.titles.push(cleaned);
  };

  // Titles waiting for a name that follows them (`Bí thư Trung ương Đảng, Trưởng ban … Bùi Thị Minh Hoài`).
  let pending: Item[] = [];
  // The person whose appositive title list is still open (`bà X, T1, T2`), and where it last ended.
  let open: { person: Person; end: number } | null = null;
  const shorts: Item[] = [];
  const unnamedTitles: Item[] = [];

  for (const item of items) {
    if (item.kind === 'short') {
      shorts.push(item);
      open = null;
      pending = [];
      continue;
    }
    if (item.kind === 'name' || item.name) {
      const person = personFor(item.name!, item.nameStart!, item.nameEnd!, item.kind === 'name' ? 'official.honorific-name' : 'official.title-name');
      const last = pending[pending.length - 1];
      if (last && chained(ctx, last.end, item.kind === 'name' ? item.start : item.start)) {
        for (const p of pending) if (!p.lowercase) addTitle(person, p.title!);
      } else if (last && item.kind === 'name' && /^\s*,\s*$/.test(ctx.text.slice(last.end, item.start))) {
        for (const p of pending) addTitle(person, p.title!);
      }
      pending = [];
      if (item.title && !item.lowercase) addTitle(person, item.title);
      open = { person, end: item.nameEnd! };
      continue;
    }
    // A title without a name.
    if (open && chained(ctx, open.end, item.start)) {
      addTitle(open.person, item.title!);
      open.end = item.end;
      continue;
    }
    open = null;
    if (item.lowercase) continue;
    const last = pending[pending.length - 1];
    pending = last && chained(ctx, last.end, item.start) ? [...pending, item] : [item];
    unnamedTitles.push(item);
  }

  // Short mentions join the one person whose given name they are (`ông Huệ` → Vương Đình Huệ).
  for (const s of shorts) {
    const person = matchShortMention(s.name!, order);
    if (person && !person.mentions.includes(ctx.text.slice(s.start, s.end))) person.mentions.push(ctx.text.slice(s.start, s.end));
  }
  // A title without a name links to the person who holds it, when exactly one does.
  for (const t of unnamedTitles) {
    const key = foldKey(t.title!);
    const holders = order.filter((p) => p.titles.some((x) => foldKey(x).includes(key)));
    if (holders.length === 1 && !holders[0]!.mentions.includes(t.title!)) holders[0]!.mentions.push(t.title!);
  }

  return order.map((p) => ({
    name: p.name,
    titles: dropContainedTitles(p.titles),
    mentions: p.mentions,
    span: p.span,
    rule: p.rule,
    implied: [],
  }));
}

/** The person a one-syllable mention refers to: same given name (tone-folded), or nearly the same without diacritics. */
function matchShortMention(given: string, people: readonly Person[]): Person | null {
  const key = foldKey(given);
  const exact = people.filter((p) => p.key.split(' ').pop() === key);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const bare = stripDiacritics(given).toLowerCase();
  const close = people.filter((p) => jaroWinkler(stripDiacritics(p.name.split(' ').pop() ?? '').toLowerCase(), bare) >= 0.94);
  return close.length === 1 ? close[0]! : null;
}

/** `Trưởng ban Dân vận` is dropped when `Trưởng ban Dân vận Trung ương` is also there. */
function dropContainedTitles(list: readonly string[]): string[] {
  const keys = list.map(foldKey);
  return list.filter((_, i) => !keys.some((k, j) => j !== i && k.length > keys[i]!.length && (k.startsWith(keys[i]! + ' ') || k.includes(' ' + keys[i]! + ' ') || k.endsWith(' ' + keys[i]!))));
}

// Officials: Vietnamese personal names with the titles the text gives them, before the name
// (`Bí thư Thành ủy Hà Nội Vương Đình Huệ`), after it (`bà Nguyễn Thị Tuyến, Ủy viên …, Trưởng Ban …`),
// chained with commas; honorifics stripped; later short mentions (`ông Huệ`) merged into the full name.
import { createRequire } from 'node:module';
import type { Official } from '../../core/types.ts';
import honorifics from './lexicons/honorifics.json' with { type: 'json' };
import surnames from './lexicons/surnames.json' with { type: 'json' };
import titles from './lexicons/titles.json' with { type: 'json' };
import { foldDiacritics, toneKey } from '../../core/fold.ts';
import { type Token } from '../common/text.ts';
import type { RuleContext } from '../common/rules.ts';
import { countryAt, matchPhrase, phraseIndex, placeAt, readOrgPhrase } from './organisations.ts';

// natural's package root prints dotenv lines to stdout: load only the distance submodule.
const require = createRequire(import.meta.url);
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string, options?: { ignoreCase?: boolean }) => number;

const HEADS = phraseIndex(titles.heads);
const PREFIXES = new Set(titles.prefixes.map(toneKey));
const HONORIFICS = phraseIndex(honorifics);
const SURNAMES = new Set(surnames.map(toneKey));
/** First words of prefixes, title heads, honorifics and surnames: a token whose key is in none of them starts nothing. */
const LEADS = new Set([...PREFIXES, ...HEADS.next.keys(), ...HONORIFICS.next.keys(), ...SURNAMES]);
const THI = toneKey('Thị');
const TAI = toneKey('tại');
const DIPLOMATS = new Set(['Đại sứ', 'Tổng Lãnh sự', 'Lãnh sự', 'Đặc phái viên', 'Trưởng đại diện', 'Tùy viên Quốc phòng', 'Tuỳ viên Quốc phòng'].map(toneKey));
/** Nouns before a capitalised run that make it the name of a street, school, prize… rather than a person (`đường Lê Lợi`, `Trường THPT Chu Văn An`). */
const NAMED_AFTER = new Set(['đường', 'phố', 'trường', 'cầu', 'ngõ', 'hẻm', 'quận', 'phường', 'xã', 'huyện', 'tỉnh', 'khu', 'tượng', 'lăng', 'đền', 'chùa', 'giải', 'quỹ', 'tên', 'hiệu', 'tàu', 'nhà', 'công viên', 'quảng trường', 'bảo tàng', 'di tích', 'bến', 'chợ', 'thôn', 'làng', 'ấp', 'bản', 'phòng', 'lớp', 'đại lộ', 'viện', 'bệnh viện', 'học viện', 'THPT', 'THCS', 'tiểu học', 'sân', 'cúp'].map(toneKey));
/** Steering and organising committees carry a lower-case description (`Trưởng ban Chỉ đạo phòng chống thiên tai …`, `Trưởng Ban tổ chức triển lãm`). */
const DESCRIBED_ENDS = new Set(['chỉ đạo', 'tổ chức', 'ban', 'điều hành', 'quản lý', 'soạn thảo', 'biên tập'].map(toneKey));
/** Words that end such a description: the verb of the sentence. */
/** Verbs of speech that make a bare name before them a person (`Nguyễn Văn A cho biết`, `Tô Lâm nhấn mạnh`). */
const SPEECH_VERBS = phraseIndex(['cho biết', 'nói', 'chia sẻ', 'phát biểu', 'khẳng định', 'nhấn mạnh', 'cho rằng', 'bày tỏ', 'tâm sự', 'kể lại', 'đề nghị', 'yêu cầu', 'trả lời', 'thông tin', 'nhận định', 'chỉ đạo', 'lưu ý', 'đề xuất', 'kiến nghị', 'giải thích']);
const CLAUSE_VERBS = phraseIndex(['chủ trì', 'cho biết', 'phát biểu', 'yêu cầu', 'đề nghị', 'nhấn mạnh', 'dự', 'làm việc', 'kiểm tra', 'khẳng định', 'báo cáo', 'trao', 'tặng', 'cùng', 'đã', 'đang', 'sẽ', 'vừa', 'là', 'có', 'được', 'thăm', 'tham dự', 'chỉ đạo', 'trình bày', 'điều hành', 'ký', 'tiếp', 'chúc mừng', 'thông tin', 'giới thiệu', 'nêu', 'lưu ý', 'đánh giá', 'ghi nhận', 'tuyên bố', 'nói', 'chia sẻ', 'khai mạc', 'bế mạc', 'đồng chủ trì', 'đọc', 'công bố', 'quán triệt']);

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
  /** An organisation or title written in parentheses right after the name (`Nguyễn Văn A (Đoàn ĐBQH tỉnh B)`). */
  parenTitle?: string;
  /** Rule id when it is not implied by the kind. */
  rule?: string;
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

/**
 * A foreign name after a title phrase that ends in a foreign country (`Bộ trưởng Ngoại giao Hoa Kỳ Antony Blinken`,
 * `Chủ tịch nước Trung Quốc Tập Cận Bình`): the 1–4 capitalised words after the country. Returns the name's first token or -1.
 */
function foreignNameStart(tokens: readonly Token[], pieceStarts: readonly number[], phraseEnd: number): number {
  // `Đại sứ Hoa Kỳ tại Việt Nam Marc Knapper`: once a foreign country is named, the name follows the last place.
  let sawCountry = false;
  for (const start of pieceStarts) {
    // `Lào Cai` is a Vietnamese province, not `Lào`: a longer place wins.
    const country = countryAt(tokens, start) >= placeAt(tokens, start) ? countryAt(tokens, start) : 0;
    if (country > 0) sawCountry = true;
    const len = country || (sawCountry ? placeAt(tokens, start) : 0);
    if (len === 0) continue;
    const from = start + len;
    const run = phraseEnd - from;
    if (run < 1 || run > 4) continue;
    let ok = true;
    for (let k = from; k < phraseEnd; k++) if (tokens[k]!.kind !== 'cap' || tokens[k]!.text.length > 16 || placeAt(tokens, k) > 0 || matchPhrase(tokens, k, HEADS) > 0) ok = false;
    // One word is a name only when it is not a common Vietnamese word written at a sentence start.
    if (ok && (run >= 2 || tokens[from]!.text.length >= 4)) return from;
  }
  return -1;
}

/** `(Phó Chính ủy Quân khu 7)`, `(Đoàn ĐBQH tỉnh Quảng Ninh)`, `(Giám đốc Sở …)` right after a name: its text, else null. */
function parenthesised(ctx: RuleContext, tokens: readonly Token[], at: number): string | null {
  if (tokens[at]?.text !== '(') return null;
  const first = tokens[at + 1];
  if (!first || (first.kind !== 'cap' && first.kind !== 'upper')) return null;
  let from = at + 1;
  if (PREFIXES.has(first.key)) from++;
  const head = matchPhrase(tokens, from, HEADS);
  const pieces = readOrgPhrase(tokens, from + head);
  const end = pieces.length ? pieces[pieces.length - 1]!.end : from + head;
  if (end === at + 1 || tokens[end]?.text !== ')') return null;
  // A bare place (`(Hà Nội)`) or a year is not a title; a head or an organisation word is.
  if (head === 0 && !pieces.some((p) => !p.nameLike) ) return null;
  return slice(ctx, tokens[at + 1]!, tokens[end - 1]!);
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
    // Most words open nothing: one look-up tells whether any lexicon the scan starts from holds this one.
    if (!LEADS.has(t.key)) {
      i++;
      continue;
    }
    // Title: [prefix] head [organisation words] [name]
    let headStart = i;
    let h = i;
    if (PREFIXES.has(t.key) && tokens[i + 1] && matchPhrase(tokens, i + 1, HEADS) > 0) h = i + 1;
    const headLen = matchPhrase(tokens, h, HEADS);
    if (headLen > 0 && (tokens[h]!.kind === 'cap' || tokens[h]!.kind === 'lower')) {
      const lowercase = tokens[h]!.kind === 'lower';
      const headEnd = h + headLen;
      const pieces = lowercase && !/^\p{Lu}/u.test(tokens[headEnd]?.text ?? '') ? [] : readOrgPhrase(tokens, headEnd);
      // `Đại sứ Việt Nam tại Lào Nguyễn Minh Tâm`: a diplomat's post names the country with `tại`.
      const afterPieces = pieces.length ? pieces[pieces.length - 1]!.end : headEnd;
      if (DIPLOMATS.has(tokens.slice(h, headEnd).map((x) => x.key).join(' ')) && tokens[afterPieces]?.key === TAI && placeAt(tokens, afterPieces + 1) > 0) {
        pieces.push(...readOrgPhrase(tokens, afterPieces + 1));
      }
      const phraseEnd = pieces.length ? pieces[pieces.length - 1]!.end : headEnd;
      // The name is at the end of the phrase: a run of name-like capitalised words.
      const runStart = capRunStart(tokens, phraseEnd, headEnd);
      let nameStart = -1;
      let nameEndTok = phraseEnd;
      if (phraseEnd - runStart >= 2) nameStart = nameStartInRun(tokens, runStart, phraseEnd, runStart === headEnd);
      if (nameStart < 0) nameStart = foreignNameStart(tokens, pieces.map((p) => p.start), phraseEnd);
      let titleEndTok = nameStart >= 0 ? nameStart : phraseEnd;
      // `Trưởng ban Chỉ đạo phòng chống thiên tai …,`: a lower-case description up to the clause's verb or punctuation.
      if (nameStart < 0 && tokens[phraseEnd]?.kind === 'lower' && !lowercase) {
        const lastKey = tokens.slice(Math.max(headStart, titleEndTok - 2), titleEndTok).map((x) => x.key);
        if (DESCRIBED_ENDS.has(lastKey.slice(-2).join(' ')) || DESCRIBED_ENDS.has(lastKey[lastKey.length - 1] ?? '')) {
          let k = phraseEnd;
          while (k < tokens.length && k - phraseEnd < 12 && (tokens[k]!.kind === 'lower' || tokens[k]!.kind === 'upper') && !tokens[k]!.newlineBefore && matchPhrase(tokens, k, CLAUSE_VERBS) === 0) k++;
          const stop = tokens[k];
          if (k > phraseEnd && (!stop || stop.kind === 'punct' || matchPhrase(tokens, k, CLAUSE_VERBS) > 0) && tokens[k - 1]!.key !== 'và') titleEndTok = nameEndTok = k;
        }
      }
      // An appositive title runs to the comma that closes it (`X, Giám đốc Đại học Bách khoa Hà Nội, cho biết`,
      // `bà Y, Trưởng phòng Tuyển sinh, …`): lower-case syllables of a proper name the lexicon does not know stay in.
      if (nameStart < 0 && titleEndTok === phraseEnd && tokens[phraseEnd]?.kind === 'lower' && !lowercase && /^[,(–-]$/u.test(tokens[headStart - 1]?.text ?? '')) {
        let k = phraseEnd;
        while (k < tokens.length && k - phraseEnd < 8 && tokens[k]!.kind !== 'punct' && tokens[k]!.kind !== 'num' && !tokens[k]!.newlineBefore && matchPhrase(tokens, k, CLAUSE_VERBS) === 0) k++;
        if (k > phraseEnd && (tokens[k]?.text === ',' || tokens[k]?.text === ')' || tokens[k]?.text === '.' || tokens[k]?.text === ';') && tokens[k - 1]!.key !== 'và') titleEndTok = nameEndTok = k;
      }
      const item: Item = {
        kind: 'title',
        start: tokens[headStart]!.start,
        end: tokens[Math.max(phraseEnd, nameEndTok) - 1]!.end,
        title: slice(ctx, tokens[headStart]!, tokens[titleEndTok - 1]!),
        lowercase,
      };
      if (nameStart >= 0) {
        item.name = slice(ctx, tokens[nameStart]!, tokens[phraseEnd - 1]!);
        item.nameStart = tokens[nameStart]!.start;
        item.nameEnd = tokens[phraseEnd - 1]!.end;
        const paren = parenthesised(ctx, tokens, phraseEnd);
        if (paren) item.parenTitle = paren;
        items.push(item);
        i = phraseEnd;
        continue;
      }
      items.push(item);
      i = Math.max(phraseEnd, nameEndTok);
      // `các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long và Bùi Thanh Sơn` — one title shared by a list of names.
      if (tokens[i]?.text === ':' && !lowercase) {
        let j = i + 1;
        while (j < tokens.length) {
          let to = j;
          while (to < tokens.length && to - j < 5 && isNameToken(tokens[to]) && !tokens[to]!.newlineBefore) to++;
          const run = to - j;
          if (run < 2 || run > 4 || !SURNAMES.has(tokens[j]!.key) || placeAt(tokens, j) >= run) break;
          items.push({ kind: 'name', rule: 'official.title-list', start: tokens[j]!.start, end: tokens[to - 1]!.end, title: item.title!, name: slice(ctx, tokens[j]!, tokens[to - 1]!), nameStart: tokens[j]!.start, nameEnd: tokens[to - 1]!.end });
          j = to;
          if (tokens[j]?.text === ',' || tokens[j]?.key === 'và') j++;
          else break;
        }
        i = Math.max(i, j);
      }
      continue;
    }
    // Honorific + name (`đồng chí Ngô Thị Thanh Hằng`) or short mention (`ông Huệ`).
    const honLen = matchPhrase(tokens, i, HONORIFICS);
    // `đồng chí Đại tướng Phan Văn Giang`: a title after the honorific is read as a title.
    if (honLen > 0 && matchPhrase(tokens, i + honLen, HEADS) > 0 && tokens[i + honLen]!.kind === 'cap') {
      i += honLen;
      continue;
    }
    if (honLen > 0) {
      const from = i + honLen;
      let to = from;
      while (to < tokens.length && to - from < 5 && isNameToken(tokens[to]) && !tokens[to]!.newlineBefore) to++;
      const run = to - from;
      if (run >= 2 && run <= 4 && SURNAMES.has(tokens[from]!.key) && placeAt(tokens, from) < run) {
        const item: Item = { kind: 'name', start: t.start, end: tokens[to - 1]!.end, name: slice(ctx, tokens[from]!, tokens[to - 1]!), nameStart: tokens[from]!.start, nameEnd: tokens[to - 1]!.end };
        const paren = parenthesised(ctx, tokens, to);
        if (paren) item.parenTitle = paren;
        items.push(item);
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
      // `Trần Văn B, Chủ tịch UBND tỉnh` · `Đỗ Thị C, cựu Giám đốc …` · `Nguyễn Thị D cho biết` — a name is a person when a title
      // follows it in apposition, or when its middle syllable is `Thị` (only women's names carry it); never after `đường`, `Trường`….
      const headAt = to + 1 + (PREFIXES.has(tokens[to + 1]?.key ?? '') ? 1 : 0);
      const apposition = comma?.text === ',' && tokens[headAt] !== undefined && (tokens[headAt]!.kind === 'cap' || headAt > to + 1) && matchPhrase(tokens, headAt, HEADS) > 0;
      const womansName = run >= 3 && tokens[i + 1]!.key === THI;
      const speaks = tokens[to]?.kind === 'lower' && matchPhrase(tokens, to, SPEECH_VERBS) > 0 && !tokens[to]!.newlineBefore;
      const prev = tokens[i - 1];
      const namedAfter = prev !== undefined && (prev.kind === 'upper' || NAMED_AFTER.has(prev.key) || (i >= 2 && NAMED_AFTER.has(`${tokens[i - 2]!.key} ${prev.key}`)));
      if (run >= 2 && run <= 4 && (apposition || womansName || speaks) && !namedAfter && placeAt(tokens, i) < run) {
        const rule = apposition ? 'official.name-apposition' : womansName ? 'official.name-thi' : 'official.name-speaks';
        const item: Item = { kind: 'name', start: t.start, end: tokens[to - 1]!.end, name: slice(ctx, t, tokens[to - 1]!), nameStart: t.start, nameEnd: tokens[to - 1]!.end, rule };
        const paren = parenthesised(ctx, tokens, to);
        if (paren) item.parenTitle = paren;
        items.push(item);
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

/** The people found so far, by fold key of the name and in order of first mention. */
interface People {
  byKey: Map<string, Person>;
  order: Person[];
}

function personFor(people: People, name: string, start: number, end: number, rule: string): Person {
  const key = toneKey(name);
  let p = people.byKey.get(key);
  if (!p) {
    p = { name, key, titles: [], mentions: [], span: [start, end], rule };
    people.byKey.set(key, p);
    people.order.push(p);
  }
  if (!p.mentions.includes(name)) p.mentions.push(name);
  return p;
}

function addTitle(p: Person, title: string): void {
  const cleaned = title.replace(/[\s,]+$/u, '').trim();
  if (cleaned && !p.titles.some((x) => toneKey(x) === toneKey(cleaned))) p.titles.push(cleaned);
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
  const people: People = { byKey: new Map(), order: [] };
  const order = people.order;

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
      const person = personFor(people, item.name!, item.nameStart!, item.nameEnd!, item.rule ?? (item.kind === 'name' ? 'official.honorific-name' : 'official.title-name'));
      const last = pending[pending.length - 1];
      if (last && chained(ctx, last.end, item.kind === 'name' ? item.start : item.start)) {
        for (const p of pending) if (!p.lowercase) addTitle(person, p.title!);
      } else if (last && item.kind === 'name' && /^\s*,\s*$/.test(ctx.text.slice(last.end, item.start))) {
        for (const p of pending) addTitle(person, p.title!);
      }
      pending = [];
      if (item.title && !item.lowercase) addTitle(person, item.title);
      if (item.parenTitle) addTitle(person, item.parenTitle);
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
  const heldWords = new Map<string, string[]>();
  const wordsOf = (title: string): string[] => {
    let words = heldWords.get(title);
    if (!words) heldWords.set(title, (words = toneKey(title).split(' ')));
    return words;
  };
  for (const t of unnamedTitles) {
    const want = toneKey(t.title!).split(' ');
    // `Thủ tướng yêu cầu` is the Prime Minister, not a `Phó Thủ tướng`: the title must not be preceded by `Phó`.
    const holders = order.filter((p) => p.titles.some((x) => holdsTitle(wordsOf(x), want)));
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
  const key = toneKey(given);
  const exact = people.filter((p) => p.key.split(' ').pop() === key);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const bare = foldDiacritics(given).toLowerCase();
  const close = people.filter((p) => jaroWinkler(foldDiacritics(p.name.split(' ').pop() ?? '').toLowerCase(), bare) >= 0.94);
  return close.length === 1 ? close[0]! : null;
}

const PHO = toneKey('Phó');
/** Does a held title (its fold key's words) contain the bare title `want` as its own words, not as part of a deputy's title? */
function holdsTitle(words: readonly string[], want: readonly string[]): boolean {
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, k) => words[i + k] === w) && words[i - 1] !== PHO) return true;
  }
  return false;
}

/** `Trưởng ban Dân vận` is dropped when `Trưởng ban Dân vận Trung ương` is also there. */
function dropContainedTitles(list: readonly string[]): string[] {
  const keys = list.map(toneKey);
  return list.filter((_, i) => !keys.some((k, j) => j !== i && k.length > keys[i]!.length && (k.startsWith(keys[i]! + ' ') || k.includes(' ' + keys[i]! + ' ') || k.endsWith(' ' + keys[i]!))));
}

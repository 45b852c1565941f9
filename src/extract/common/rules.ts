// The rule machinery every family shares (the shape of chrono's Parser/Refiner):
// a rule is a pattern plus an `extract` that returns null to reject; refiners run in order after the rules.
import { toneKey } from '../../core/fold.ts';
import { QUOTES, SENTENCE_END, sentenceBounds, tokenize, type Token } from './text.ts';
import type { YMD } from './calendar.ts';

/** What every rule may read: the text, the publication day, tokens and sentences, and spans claimed by earlier families. */
export interface RuleContext {
  text: string;
  published: YMD | null;
  tokens: Token[];
  sentences: Array<[number, number]>;
  /** Spans owned by documents, dates and periods: numbers inside them are not statistics. */
  claimed: SpanSet;
  /** Spans of document codes: never dates or periods. */
  codes: SpanSet;
}

/** A hit before it becomes a record: the span, the rule that found it, the fields it implied. */
export interface Hit<T> {
  start: number;
  end: number;
  rule: string;
  implied: string[];
  value: T;
}

export interface Rule<T> {
  id: string;
  /** Must have the `g` flag (and `u`); it is run sticky at each candidate start (see `triggers`). */
  pattern: RegExp;
  /**
   * Where a match can start: tokens whose fold key is in `words`, and number tokens when `numbers` is set.
   * The pattern is tried only there, so a text is not rescanned once per rule. Without triggers the rule scans the whole text.
   */
  triggers?: {
    words?: readonly string[];
    numbers?: boolean;
    /**
     * Every match that starts at a trigger word reaches an ASCII digit within this many tokens after it (`ngày 15/3`,
     * `năm 2020`): trigger words with no digit that near are not tried. Set it only from the pattern's own bound.
     */
    digitWithin?: number;
    /**
     * Every match that starts at a number starts with a run of at least [0] and at most [1] ASCII digits (`\\d{1,2}` then
     * a separator; a year of four): numbers with a longer or shorter run are not tried. Set it only from the pattern.
     */
    numberDigits?: readonly [number, number];
  };
  extract(match: RegExpExecArray, ctx: RuleContext): { value: T; implied?: string[]; start?: number; end?: number } | null;
}

export type Refiner<T> = (hits: Hit<T>[], ctx: RuleContext) => Hit<T>[];

/** Run each rule over the text and collect its accepted hits. */
export function runRules<T>(rules: readonly Rule<T>[], ctx: RuleContext): Hit<T>[] {
  const hits: Hit<T>[] = [];
  for (const rule of rules) {
    for (const m of findMatches(ctx, rule.pattern, rule.triggers)) {
      const got = rule.extract(m, ctx);
      if (!got) continue;
      hits.push({ start: got.start ?? m.index, end: got.end ?? m.index + m[0].length, rule: rule.id, implied: got.implied ?? [], value: got.value });
    }
  }
  return hits;
}

/** The pattern's matches, tried only at the trigger's candidate starts (or a plain scan without triggers). */
export function findMatches(ctx: RuleContext, pattern: RegExp, triggers: Rule<unknown>['triggers']): RegExpExecArray[] {
  if (!triggers) {
    pattern.lastIndex = 0;
    return [...ctx.text.matchAll(pattern)] as RegExpExecArray[];
  }
  const sticky = stickyOf(pattern);
  const out: RegExpExecArray[] = [];
  // Like matchAll, a match is not searched for inside the previous match of the same pattern.
  let nextFrom = 0;
  const text = ctx.text;
  const digits = triggers.numberDigits;
  for (const at of candidateStarts(ctx, triggers)) {
    if (at < nextFrom) continue;
    // A number whose leading digits cannot open a match is passed over (most numbers, for a rule that wants a day or
    // a year), saving a regex call each. Trigger words start with a letter: they are always tried.
    if (digits !== undefined && isAsciiDigit(text.charCodeAt(at))) {
      let run = 0;
      while (run <= digits[1] && isAsciiDigit(text.charCodeAt(at + run))) run++;
      if (run < digits[0] || run > digits[1]) continue;
    }
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (!m) continue;
    nextFrom = m.index + Math.max(1, m[0].length);
    out.push(m);
  }
  return out;
}

const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

const stickyCache = new WeakMap<RegExp, RegExp>();
function stickyOf(pattern: RegExp): RegExp {
  let re = stickyCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y');
    stickyCache.set(pattern, re);
  }
  return re;
}

/** The fold keys of every rule's trigger words: only their tokens are indexed. Grows as rules are first run. */
const triggerWords = new Set<string>();

/** Where each trigger word (token index) and each number (offset) is, built once per text so a rule's candidates are a few look-ups. */
interface StartIndex {
  byKey: Map<string, number[]>;
  numbers: number[];
  /** For each token index, the index of the first token from there on that holds an ASCII digit (built on first use). */
  nextDigit: number[] | null;
  /** Candidate lists already merged for a trigger signature: rules with the same triggers share one list per text. */
  merged: Map<string, number[]>;
  /** Size of `triggerWords` when the index was built: a rule with new trigger words makes it rebuild. */
  wordsIndexed: number;
}
const startIndexes = new WeakMap<RuleContext, StartIndex>();
function startIndex(ctx: RuleContext): StartIndex {
  const index = startIndexes.get(ctx);
  if (index && index.wordsIndexed === triggerWords.size) return index;
  const built: StartIndex = { byKey: new Map(), numbers: [], nextDigit: null, merged: new Map(), wordsIndexed: triggerWords.size };
  const tokens = ctx.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'num') {
      built.numbers.push(t.start);
      // A number token can hold several numbers joined by separators (`15/10/1930-15/10/2020`); each may start a match.
      for (let k = 1; k < t.text.length - 1; k++) {
        const c = t.text.charCodeAt(k);
        const next = t.text.charCodeAt(k + 1);
        if ((c < 48 || c > 57) && next >= 48 && next <= 57) built.numbers.push(t.start + k + 1);
      }
    } else if (t.kind !== 'punct' && triggerWords.has(t.key)) {
      const list = built.byKey.get(t.key);
      if (list) list.push(i);
      else built.byKey.set(t.key, [i]);
    }
  }
  startIndexes.set(ctx, built);
  return built;
}

function nextDigitTokens(tokens: readonly Token[]): number[] {
  const next = new Array<number>(tokens.length + 1);
  let nearest = Number.MAX_SAFE_INTEGER;
  next[tokens.length] = nearest;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    // A capitalised word has letters only (see `classify`); one punctuation character is not a digit.
    if (t.kind !== 'cap' && !(t.kind === 'punct' && t.text.length === 1)) {
      const text = t.text;
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c >= 48 && c <= 57) {
          nearest = i;
          break;
        }
      }
    }
    next[i] = nearest;
  }
  return next;
}

/** A rule's trigger words as fold keys, and a signature naming the whole trigger set. */
interface TriggerKeys {
  keys: string[];
  signature: string;
}
const triggerKeys = new WeakMap<object, TriggerKeys>();
/** Offsets where the rule may match, in text order: its trigger words, and numbers when it starts with one. */
function candidateStarts(ctx: RuleContext, triggers: NonNullable<Rule<unknown>['triggers']>): number[] {
  let trigger = triggerKeys.get(triggers);
  if (!trigger) {
    const keys = [...new Set((triggers.words ?? []).map((w) => toneKey(w)))];
    for (const k of keys) triggerWords.add(k);
    trigger = { keys, signature: `${triggers.numbers ? '#' : ''}${triggers.digitWithin ?? ''}|${[...keys].sort().join('|')}` };
    triggerKeys.set(triggers, trigger);
  }
  const index = startIndex(ctx);
  const cached = index.merged.get(trigger.signature);
  if (cached) return cached;
  const tokens = ctx.tokens;
  const within = triggers.digitWithin;
  let nextDigit: number[] | null = null;
  if (within !== undefined) nextDigit = index.nextDigit ??= nextDigitTokens(tokens);
  // The trigger words' starts in one list, sorted once when several words gave some (rather than a new merged list
  // per word), then merged with the numbers. A token is a number or a word, so no offset is in both.
  let words: number[] | null = null;
  let lists = 0;
  for (const k of trigger.keys) {
    const list = index.byKey.get(k);
    if (!list) continue;
    const before = words === null ? 0 : words.length;
    for (const i of list) if (nextDigit === null || nextDigit[i]! - i <= within!) (words ??= []).push(tokens[i]!.start);
    if (words !== null && words.length > before) lists++;
  }
  if (words !== null && lists > 1) words.sort(ascending);
  const numbers = triggers.numbers ? index.numbers : [];
  const merged = words === null ? numbers : numbers.length === 0 ? words : mergeSorted(numbers, words);
  index.merged.set(trigger.signature, merged);
  return merged;
}

const ascending = (a: number, b: number) => a - b;

/** Two ascending lists of offsets as one (no offset is in both: a token is a number or a word). */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Apply the refiners in order. */
export function refine<T>(hits: Hit<T>[], refiners: readonly Refiner<T>[], ctx: RuleContext): Hit<T>[] {
  return refiners.reduce((acc, refiner) => refiner(acc, ctx), hits);
}

/** Refiner: of overlapping hits keep the longest (earliest on ties); output in text order. */
export function longestSpanWins<T>(hits: Hit<T>[]): Hit<T>[] {
  const sorted = stableSort([...hits], longerFirst);
  const kept: Hit<T>[] = [];
  if (sorted.length <= MANY_HITS) {
    const taken = new SpanSet();
    for (const hit of sorted) {
      if (taken.overlaps(hit.start, hit.end)) continue;
      taken.add(hit.start, hit.end);
      kept.push(hit);
    }
    return stableSort(kept, textOrder);
  }
  // Many hits: a SpanSet, taking spans longest first rather than in text order, would sort itself again at each test (a
  // 400 kB paragraph of dates and periods took 7 s here). Mark the characters kept hits cover instead: a hit is tested
  // on its own characters (hits are short phrases), so the work stays linear.
  let size = 0;
  for (const hit of hits) if (hit.end > size) size = hit.end;
  const covered = new Uint8Array(size);
  for (const hit of sorted) {
    let free = true;
    for (let i = hit.start; i < hit.end && free; i++) free = covered[i] === 0;
    if (!free || hit.start === hit.end) {
      if (free) kept.push(hit);
      continue;
    }
    covered.fill(1, hit.start, hit.end);
    kept.push(hit);
  }
  return stableSort(kept, textOrder);
}

/** Above this many hits longestSpanWins marks characters rather than keep a SpanSet (an article has a few dozen at most). */
const MANY_HITS = 256;

const longerFirst = (a: Hit<unknown>, b: Hit<unknown>) => b.end - b.start - (a.end - a.start) || a.start - b.start;
const textOrder = (a: Hit<unknown>, b: Hit<unknown>) => a.start - b.start;

/** Array.prototype.sort's order (stable), by insertion for the short lists rules produce: no work array to allocate. */
function stableSort<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 32) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}

/** Refiner factory: drop hits that overlap a claimed span. */
export function dropInside<T>(pick: (ctx: RuleContext) => SpanSet): Refiner<T> {
  return (hits, ctx) => hits.filter((h) => !pick(ctx).overlaps(h.start, h.end));
}

/** A set of [start, end) spans with overlap queries. Kept sorted; queries are binary searches. */
export class SpanSet {
  private spans: Array<[number, number]> = [];
  private sorted = true;

  add(start: number, end: number): void {
    const last = this.spans[this.spans.length - 1];
    if (last && last[0] > start) this.sorted = false;
    this.spans.push([start, end]);
  }

  /** Does [start, end) overlap any span? */
  overlaps(start: number, end: number): boolean {
    if (!this.sorted) {
      this.spans.sort((a, b) => a[0] - b[0]);
      this.sorted = true;
    }
    // First span starting at or after `end`; any overlap is among the spans before it.
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]![0] < end) lo = mid + 1;
      else hi = mid;
    }
    // Spans are short phrases, so a bounded look-back finds any that reaches `start`.
    for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
      if (this.spans[i]![1] > start) return true;
    }
    return false;
  }

  /** Does any span contain [start, end) entirely? */
  contains(start: number, end: number): boolean {
    if (!this.overlaps(start, end)) return false;
    return this.spans.some((s) => s[0] <= start && s[1] >= end);
  }
}

/**
 * The tokens `tokenize(ctx.text.slice(from, to))` gives, with offsets in the whole text, taken from the text's own
 * tokens: only a word cut by either end of the window is tokenised again. Rules that read a few words around a
 * match use this rather than tokenising the window.
 */
export function tokensBetween(ctx: RuleContext, from: number, to: number): Token[] {
  const { text, tokens } = ctx;
  to = Math.min(to, text.length);
  if (from >= to) return [];
  // First token ending after `from`.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  let k = lo;
  if (k < tokens.length && tokens[k]!.start < from) {
    // A word cut by the window's start: the window reads it afresh up to the next space, after which both agree.
    let space = from;
    while (space < to && !/\s/u.test(text[space]!)) space++;
    while (k < tokens.length && tokens[k]!.start < space) k++;
    const headEnd = Math.min(k < tokens.length ? tokens[k]!.start : to, to);
    for (const t of tokenize(text.slice(from, headEnd))) out.push({ ...t, start: t.start + from, end: t.end + from });
  }
  for (; k < tokens.length && tokens[k]!.end <= to; k++) out.push(tokens[k]!);
  const cut = tokens[k];
  if (cut && cut.start < to && (out.length === 0 || cut.start >= out[out.length - 1]!.end)) {
    // A word cut by the window's end.
    for (const t of tokenize(text.slice(cut.start, to))) out.push({ ...t, start: t.start + cut.start, end: t.end + cut.start });
  }
  // The flags as a tokenisation of the window alone sets them (its first token opens a sentence, with nothing before it).
  let sentenceStart = true;
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    let newlineBefore = false;
    for (let c = i === 0 ? from : out[i - 1]!.end; c < t.start && !newlineBefore; c++) newlineBefore = text.charCodeAt(c) === 10;
    if (newlineBefore) sentenceStart = true;
    if (t.sentenceStart !== sentenceStart || t.newlineBefore !== newlineBefore) out[i] = { ...t, sentenceStart, newlineBefore };
    if (t.kind === 'punct') {
      sentenceStart = SENTENCE_END.has(t.text);
      if (QUOTES.has(t.text) && i > 0) sentenceStart = out[i - 1]!.kind === 'punct';
    } else sentenceStart = false;
  }
  return out;
}

/**
 * Fold key of `word`, written at `start` in the text: the key of the token there when the token is that word
 * (no hashing of a new string), else computed.
 */
export function spanKey(ctx: RuleContext, start: number, word: string): string {
  const tokens = ctx.tokens;
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.start < start) lo = mid + 1;
    else if (t.start > start) hi = mid - 1;
    else return t.end - t.start === word.length ? t.key : toneKey(word);
  }
  return toneKey(word);
}

/** Build the shared context once per text. */
export function makeContext(text: string, published: YMD | null): RuleContext {
  return { text, published, tokens: tokenize(text), sentences: sentenceBounds(text), claimed: new SpanSet(), codes: new SpanSet() };
}

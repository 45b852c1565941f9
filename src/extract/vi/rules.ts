// The rule machinery every family shares (the shape of chrono's Parser/Refiner):
// a rule is a pattern plus an `extract` that returns null to reject; refiners run in order after the rules.
import { foldKey, sentenceBounds, tokenize, type Token } from './normalize.ts';

export interface YMD {
  year: number;
  month: number;
  day: number;
}

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
  triggers?: { words?: readonly string[]; numbers?: boolean };
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
  for (const at of candidateStarts(ctx, triggers)) {
    if (at < nextFrom) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(ctx.text);
    if (!m) continue;
    nextFrom = m.index + Math.max(1, m[0].length);
    out.push(m);
  }
  return out;
}

const stickyCache = new WeakMap<RegExp, RegExp>();
function stickyOf(pattern: RegExp): RegExp {
  let re = stickyCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y');
    stickyCache.set(pattern, re);
  }
  return re;
}

/** Where each word and each number starts, built once per text so a rule's candidates are a few look-ups. */
interface StartIndex {
  byKey: Map<string, number[]>;
  numbers: number[];
}
const startIndexes = new WeakMap<RuleContext, StartIndex>();
function startIndex(ctx: RuleContext): StartIndex {
  let index = startIndexes.get(ctx);
  if (index) return index;
  index = { byKey: new Map(), numbers: [] };
  for (const t of ctx.tokens) {
    if (t.kind === 'num') {
      index.numbers.push(t.start);
      // A number token can hold several numbers joined by separators (`15/10/1930-15/10/2020`); each may start a match.
      for (let k = 1; k < t.text.length - 1; k++) {
        const c = t.text.charCodeAt(k);
        const next = t.text.charCodeAt(k + 1);
        if ((c < 48 || c > 57) && next >= 48 && next <= 57) index.numbers.push(t.start + k + 1);
      }
    } else if (t.kind !== 'punct') {
      const list = index.byKey.get(t.key);
      if (list) list.push(t.start);
      else index.byKey.set(t.key, [t.start]);
    }
  }
  startIndexes.set(ctx, index);
  return index;
}

const triggerKeys = new WeakMap<object, string[]>();
/** Offsets where the rule may match, in text order: its trigger words, and numbers when it starts with one. */
function candidateStarts(ctx: RuleContext, triggers: NonNullable<Rule<unknown>['triggers']>): number[] {
  let keys = triggerKeys.get(triggers);
  if (!keys) {
    keys = [...new Set((triggers.words ?? []).map(foldKey))];
    triggerKeys.set(triggers, keys);
  }
  const index = startIndex(ctx);
  const lists: number[][] = [];
  if (triggers.numbers) lists.push(index.numbers);
  for (const k of keys) {
    const list = index.byKey.get(k);
    if (list) lists.push(list);
  }
  if (lists.length === 1) return lists[0]!;
  return lists.flat().sort((a, b) => a - b);
}

/** Apply the refiners in order. */
export function refine<T>(hits: Hit<T>[], refiners: readonly Refiner<T>[], ctx: RuleContext): Hit<T>[] {
  return refiners.reduce((acc, refiner) => refiner(acc, ctx), hits);
}

/** Refiner: of overlapping hits keep the longest (earliest on ties); output in text order. */
export function longestSpanWins<T>(hits: Hit<T>[]): Hit<T>[] {
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Hit<T>[] = [];
  const taken = new SpanSet();
  for (const hit of sorted) {
    if (taken.overlaps(hit.start, hit.end)) continue;
    taken.add(hit.start, hit.end);
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
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

/** Build the shared context once per text. */
export function makeContext(text: string, published: YMD | null): RuleContext {
  return { text, published, tokens: tokenize(text), sentences: sentenceBounds(text), claimed: new SpanSet(), codes: new SpanSet() };
}

/** Parse `published` (ISO date or datetime) into its calendar day as written (the offset is the outlet's). */
export function parsePublished(published: string | null): YMD | null {
  if (!published) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Is this a real calendar day? (`31/2` is not.) */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1000 || year > 2200) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// The rule machinery every family shares (the shape of chrono's Parser/Refiner):
// a rule is a pattern plus an `extract` that returns null to reject; refiners run in order after the rules.
import { sentenceBounds, tokenize, type Token } from './normalize.ts';

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
  /** Must have the `g` flag (and `u`). */
  pattern: RegExp;
  extract(match: RegExpExecArray, ctx: RuleContext): { value: T; implied?: string[]; start?: number; end?: number } | null;
}

export type Refiner<T> = (hits: Hit<T>[], ctx: RuleContext) => Hit<T>[];

/** Run each rule over the text and collect its accepted hits. */
export function runRules<T>(rules: readonly Rule<T>[], ctx: RuleContext): Hit<T>[] {
  const hits: Hit<T>[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (const m of ctx.text.matchAll(rule.pattern)) {
      const got = rule.extract(m as RegExpExecArray, ctx);
      if (!got) continue;
      hits.push({
        start: got.start ?? m.index,
        end: got.end ?? m.index + m[0].length,
        rule: rule.id,
        implied: got.implied ?? [],
        value: got.value,
      });
    }
  }
  return hits;
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

// Analyst fields of the statistics (issue #20), read from the words around each number the statistics family found:
// what it measures (indicator), how exact it is (qualifier), the upper bound of a range, whether it is a change and
// against what baseline (change, comparedTo), and the share of an `a/b` figure with the percentage that restates it.
// Vietnamese writes these around the number in a few fixed orders:
//   [subject] [verb of measure or change] [qualifier] NUMBER [unit] [what is counted] [so với baseline]
//   `Vốn FDI thu hút | ước đạt | khoảng | 1.800 triệu USD`, `tăng 12% | so với cùng kỳ`, `356/382 xã | đạt chuẩn nông thôn mới`.
// The words are compared by tone key through phrase tables (a hash look-up per word), walking the sentence's tokens
// a few steps either side of the number: no regex runs per word, and a text without statistics costs nothing.
import type { Statistic, StatisticQualifier } from '../../core/types.ts';
import { plainKey, toneKey } from '../../core/fold.ts';
import { keySet, sentenceAt, type Token } from '../common/text.ts';
import { makeContext, type RuleContext } from '../common/rules.ts';
import lexicon from './lexicons/statistic-fields.json' with { type: 'json' };
import units from './lexicons/units.json' with { type: 'json' };
import { MULTIPLIER_SOURCE, NUMERAL_SOURCE, multiplierOf, parseNumeral, roundValue } from './numbers.ts';
import { extractStatistics } from './statistics.ts';
import { linkShares, shareAcrossList } from '../common/statistic-shares.ts';

/** What a word (or phrase) before the number says about it. */
interface LeftRole {
  qualifier?: StatisticQualifier;
  /** A qualifier only when a verb stands before it (`có độ 20 người`, not `nhiệt độ 35`). */
  guarded?: boolean;
  /** Not a qualifier right after a number (`thứ 5 trên 63 tỉnh`). */
  notAfterNumber?: boolean;
  change?: 'up' | 'down';
  /** A change only against a baseline (`vượt kế hoạch 5%`); else the qualifier `over`. */
  needsBaseline?: boolean;
  verb?: 'level' | 'share' | 'have';
  /** A level verb that completes a change verb before it (`tăng vọt lên 7%`, `giảm xuống còn 3%`). */
  directional?: boolean;
  filler?: boolean;
  from?: boolean;
}

/** Phrases of one to a few words looked up by their words' tone keys: the longest one ending (or starting) at a token. */
class Phrases<V> {
  private readonly byKey = new Map<string, V>();
  private longest = 1;

  add(phrase: string, value: V, merge?: (old: V, added: V) => V): void {
    const key = toneKey(phrase);
    this.longest = Math.max(this.longest, key.split(' ').length);
    const old = this.byKey.get(key);
    this.byKey.set(key, old !== undefined && merge ? merge(old, value) : value);
  }

  /** The longest phrase whose last word is tokens[j] and whose first word is at or after `floor`. */
  endingAt(tokens: readonly Token[], j: number, floor: number): { value: V; words: number } | null {
    let key = '';
    let best: { value: V; words: number } | null = null;
    for (let n = 1; n <= this.longest && j - n + 1 >= floor; n++) {
      const t = tokens[j - n + 1]!;
      if (t.kind === 'punct' || t.kind === 'num') break;
      key = n === 1 ? t.key : `${t.key} ${key}`;
      const value = this.byKey.get(key);
      if (value !== undefined) best = { value, words: n };
    }
    return best;
  }

  /** Is the phrase of these tone keys in the table? */
  has(keys: readonly string[]): boolean {
    return this.byKey.has(keys.join(' '));
  }

  /** The longest phrase whose first word is tokens[j] and whose last word is before `ceil`. */
  startingAt(tokens: readonly Token[], j: number, ceil: number): { value: V; words: number } | null {
    let key = '';
    let best: { value: V; words: number } | null = null;
    for (let n = 1; n <= this.longest && j + n - 1 < ceil; n++) {
      const t = tokens[j + n - 1]!;
      if (t.kind === 'punct' || t.kind === 'num') break;
      key = n === 1 ? t.key : `${key} ${t.key}`;
      const value = this.byKey.get(key);
      if (value !== undefined) best = { value, words: n };
    }
    return best;
  }
}

function phraseSet(phrases: readonly string[]): Phrases<true> {
  const table = new Phrases<true>();
  for (const p of phrases) table.add(p, true);
  return table;
}

const LEFT = (() => {
  const table = new Phrases<LeftRole>();
  const add = (phrases: readonly string[], role: LeftRole) => {
    for (const p of phrases) table.add(p, role, (old, added) => ({ ...old, ...added }));
  };
  add(lexicon.fillers, { filler: true });
  add(lexicon.from, { from: true });
  add(lexicon.levelVerbs, { verb: 'level' });
  add(lexicon.directionalVerbs, { verb: 'level', directional: true });
  add(lexicon.shareVerbs, { verb: 'share' });
  add(lexicon.haveVerbs, { verb: 'have' });
  add(lexicon.up, { change: 'up' });
  add(lexicon.down, { change: 'down' });
  add(lexicon.needsBaseline, { change: 'up', needsBaseline: true });
  add(lexicon.approx, { qualifier: 'approx' });
  add(lexicon.over, { qualifier: 'over' });
  add(lexicon.under, { qualifier: 'under' });
  add(lexicon.atLeast, { qualifier: 'at-least' });
  add(lexicon.atMost, { qualifier: 'at-most' });
  for (const [word, qualifier] of Object.entries(lexicon.guardedQualifiers)) add([word], { qualifier: qualifier as StatisticQualifier, guarded: true });
  add(lexicon.notAfterNumber, { notAfterNumber: true });
  return table;
})();

const AFTER_QUALIFIERS = (() => {
  const table = new Phrases<StatisticQualifier>();
  for (const p of lexicon.afterAtLeast) table.add(p, 'at-least');
  for (const p of lexicon.afterAtMost) table.add(p, 'at-most');
  return table;
})();
const MARKERS = phraseSet(lexicon.baselineMarkers);
/** Words that begin a baseline after a change verb (`vượt kế hoạch 5%`, `cao hơn năm 2022 5%`). */
const BASELINE_HEADS = phraseSet(lexicon.baselineHeads);
/** Baselines written right after the number without `so với`; `true` for those that follow only a percentage (`đạt 102% kế hoạch`). */
const DIRECT_HEADS = (() => {
  const table = new Phrases<boolean>();
  const percentOnly = keySet(lexicon.percentOnlyHeads);
  for (const p of lexicon.directHeads) table.add(p, percentOnly.has(toneKey(p)));
  return table;
})();
const BASELINE_STOPS = phraseSet(lexicon.baselineStops);
const BOUNDARIES = phraseSet(lexicon.boundaries);
const LEADS = phraseSet(lexicon.leads);
const CUTS = phraseSet(lexicon.cuts);
const PHRASE_STOPS = phraseSet(lexicon.phraseStops);
const COUNT_HEADS = phraseSet(lexicon.countHeads);
const GENERIC_COUNTERS = keySet(lexicon.genericCounters);
const MEASURE_UNITS = keySet([...units.measures, ...lexicon.measureUnits]);
const TIME_UNITS = keySet(units.timeUnits);
const LABEL_WORDS = keySet(units.labelWords);

/** At most this many words of a subject, of what follows a counted noun, and of a baseline: long enough for
 * `tổng kim ngạch xuất nhập khẩu hàng hóa`, `đạt chuẩn nông thôn mới nâng cao`, `cùng kỳ năm trước`. */
const SUBJECT_WORDS = 8;
const CONTINUATION_WORDS = 7;
const COMPLEMENT_WORDS = 7;
const BASELINE_WORDS = 7;

type UnitKind = 'percent' | 'measure' | 'counted';

interface LeftReading {
  qualifier?: StatisticQualifier;
  change?: 'up' | 'down';
  needsBaseline: boolean;
  comparedTo?: string;
  /** The verb nearest the number: what separates a subject from it (`have`: what stands before owns the number). */
  verb: 'none' | 'level' | 'change' | 'share' | 'have';
  from: boolean;
  /** Index of the token the walk stopped at: the last word of a subject, a boundary, or below the sentence. */
  stop: number;
}

interface Span {
  start: number;
  end: number;
}

/**
 * Adds the analyst fields to the statistics the Vietnamese family found (a range written `từ 300 đến 350`, `5-7%`
 * becomes one statistic with `upper`). Returns the list in text order.
 */
export function addStatisticFields(ctx: RuleContext, found: Statistic[], periods: ReadonlyArray<{ span?: [number, number]; value: string }>): Statistic[] {
  const statistics = joinRanges(ctx, found, periods);
  if (statistics.length === 0) return statistics;
  const tokens = ctx.tokens;
  let previous: Statistic | null = null;
  let previousSentence = -1;
  for (const stat of statistics) {
    const [start, end] = stat.span!;
    const [sentenceStart, sentenceEnd] = sentenceAt(ctx.sentences, start);
    const first = tokenAtOrAfter(tokens, start);
    const after = tokenAtOrAfter(tokens, end);
    const floor = tokenAtOrAfter(tokens, sentenceStart);
    const ceil = tokenAtOrAfter(tokens, sentenceEnd);
    const inSentence = previousSentence === sentenceStart ? previous : null;
    const previousEnd = inSentence ? inSentence.span![1] : sentenceStart;
    const kind = unitKind(stat);

    const left = readLeft(ctx, first, floor, previousEnd);
    const right = readRight(ctx, after, ceil, kind === 'percent');
    const qualifier = left.qualifier ?? right.qualifier;
    let change = left.from && stat.upper === undefined ? undefined : left.change;
    let comparedTo = left.comparedTo ?? right.comparedTo;

    // The subject before the verb, unless the walk stopped at the previous number or a `có` (the owner, not the measure).
    const stoppedAtPrevious = left.stop >= floor && tokens[left.stop]!.start < previousEnd;
    const subject = left.verb !== 'have' && !stoppedAtPrevious ? subjectBefore(ctx, left.stop, floor, previousEnd) : null;
    comparedTo ??= subject?.comparedTo;
    if (change !== undefined && comparedTo === undefined) comparedTo = frontedBaseline(ctx, floor, first);
    if (left.needsBaseline && change !== undefined && comparedTo === undefined) change = undefined;
    const over = left.needsBaseline && change === undefined && left.change !== undefined ? 'over' : undefined;

    const indicator = chooseIndicator(ctx, stat, kind, left, subject?.text ?? null, after, ceil) ?? (inSentence?.indicator);
    if (stat.qualifier === undefined && (qualifier ?? over)) stat.qualifier = qualifier ?? over;
    if (change !== undefined) stat.change = change;
    if (comparedTo !== undefined) stat.comparedTo = comparedTo;
    if (indicator) {
      stat.indicator = indicator;
      stat.indicatorKey = plainKey(indicator);
    }
    shareAcrossList(inSentence, stat, ctx.text.slice(inSentence?.span![1] ?? 0, start));
    previous = stat;
    previousSentence = sentenceStart;
  }
  linkShares(ctx.text, statistics, (a, b) => sentenceAt(ctx.sentences, a)[0] === sentenceAt(ctx.sentences, b)[0]);
  return statistics;
}

/** Index of the first token that starts at or after `offset` (tokens.length when none). */
function tokenAtOrAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function unitKind(stat: Statistic): UnitKind {
  if (stat.unit === '%') return 'percent';
  if ((stat as { currency?: unknown }).currency) return 'measure';
  const unit = toneKey(stat.unit);
  const space = unit.indexOf(' ');
  return MEASURE_UNITS.has(unit) || MEASURE_UNITS.has(space < 0 ? unit : unit.slice(0, space)) ? 'measure' : 'counted';
}

const isClaimed = (ctx: RuleContext, t: Token) => ctx.claimed.overlaps(t.start, t.end);
const isAcronym = (t: Token) => t.kind === 'upper' && /^\p{Lu}{2,}$/u.test(t.text);

/** Reads the verb, qualifier and baseline written before the number, walking leftwards from it. */
function readLeft(ctx: RuleContext, first: number, floor: number, previousEnd: number): LeftReading {
  const tokens = ctx.tokens;
  const out: LeftReading = { needsBaseline: false, verb: 'none', from: false, stop: first - 1 };
  /** The nearest level verb read so far: none, one that completes a change verb (`lên`), or a copula (`đạt`, `là`). */
  let level: 'none' | 'directional' | 'copula' = 'none';
  let j = first - 1;
  for (let steps = 0; j >= floor && steps < 10 && tokens[j]!.start >= previousEnd; steps++) {
    const m = LEFT.endingAt(tokens, j, floor);
    if (!m) {
      // `tăng so với cùng kỳ 12%`, `cao hơn cùng kỳ 2,3%`, `vượt kế hoạch 5%`: a baseline between the verb and the number.
      const baseline = out.comparedTo === undefined && out.verb === 'none' ? baselineBefore(ctx, j, floor) : null;
      if (!baseline) break;
      out.comparedTo = baseline.text;
      j = baseline.resume;
      continue;
    }
    const role = m.value;
    const before = j - m.words;
    const beforeToken = before >= floor ? tokens[before]! : null;
    if (role.notAfterNumber && beforeToken && (beforeToken.kind === 'num' || beforeToken.text === '%')) break;
    if (role.guarded) {
      const verbBefore = beforeToken !== null && isVerbRole(LEFT.endingAt(tokens, before, floor)?.value);
      const atStart = beforeToken === null || beforeToken.kind === 'punct';
      // `Ngoài 20 cán bộ, …` is `besides`: `ngoài` is `over` only after a verb (`đã ngoài 60`).
      if (!(verbBefore || (atStart && role.qualifier !== 'over'))) break;
    }
    if (role.qualifier && out.qualifier === undefined) out.qualifier = role.qualifier;
    if (role.from) out.from = true;
    if (role.change && !role.qualifier) {
      // `Tăng trưởng dự kiến đạt 5–7%`: a change word before `đạt`, `là` names the subject.
      if (level === 'copula') break;
    }
    if (role.change) {
      if (level === 'none' && out.change === undefined) {
        out.change = role.change;
        out.needsBaseline = role.needsBaseline === true;
      }
      if (out.verb === 'none') out.verb = 'change';
    }
    if (role.verb) {
      if (out.verb === 'none') out.verb = role.verb;
      if (role.verb === 'have') {
        out.verb = 'have';
        j = before;
        break;
      }
      if (level === 'none') level = role.directional ? 'directional' : 'copula';
    }
    j = before;
  }
  out.stop = j;
  return out;
}

const isVerbRole = (role: LeftRole | undefined) => role !== undefined && (role.verb !== undefined || role.change !== undefined || role.filler === true || role.from === true);

/**
 * A baseline between a change verb and its number, read leftwards from the word at j: `tăng so với cùng kỳ 12%`
 * (`so với` marks it), `cao hơn cùng kỳ 2,3%`, `vượt kế hoạch 5%` (a verb, then a baseline head). Where the walk resumes.
 */
function baselineBefore(ctx: RuleContext, j: number, floor: number): { text: string; resume: number } | null {
  const tokens = ctx.tokens;
  for (let k = j; k >= floor && j - k < BASELINE_WORDS; k--) {
    const t = tokens[k]!;
    if (t.kind === 'punct' || (t.kind === 'num' && !isClaimed(ctx, t))) return null;
    const marker = MARKERS.endingAt(tokens, k, floor);
    if (marker && k < j) return { text: textOf(ctx, k + 1, j), resume: k - marker.words };
    const verb = k < j ? LEFT.endingAt(tokens, k, floor) : null;
    if (verb?.value.change && BASELINE_HEADS.startingAt(tokens, k + 1, j + 1)) return { text: textOf(ctx, k + 1, j), resume: k };
  }
  return null;
}

/** `So với cùng kỳ năm trước, xuất khẩu tăng 12%`: a baseline set off at the head of a clause before the number. */
function frontedBaseline(ctx: RuleContext, floor: number, first: number): string | undefined {
  const tokens = ctx.tokens;
  let found: string | undefined;
  for (let k = floor; k < first; k++) {
    if (k > floor && tokens[k - 1]!.kind !== 'punct') continue;
    const marker = MARKERS.startingAt(tokens, k, first);
    if (!marker) continue;
    const text = readBaseline(ctx, k + marker.words, first);
    if (text) found = text;
  }
  return found;
}

/** The baseline phrase starting at token `from`: up to a clause boundary, a verb or an unclaimed number. */
function readBaseline(ctx: RuleContext, from: number, ceil: number): string | undefined {
  const tokens = ctx.tokens;
  let last = -1;
  for (let k = from; k < ceil && k - from < BASELINE_WORDS; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct') {
      // `cùng kỳ năm 2023` with the year written `2023`, or a claimed span such as `6 tháng đầu năm 2023`.
      if (!isClaimed(ctx, t)) break;
    } else if (t.kind === 'num') {
      if (!isClaimed(ctx, t)) break;
    } else if (BASELINE_STOPS.startingAt(tokens, k, ceil)) break;
    last = k;
  }
  return last >= from ? textOf(ctx, from, last) : undefined;
}

/** What follows the number: `trở lên` / `trở xuống`, and a baseline (`so với cùng kỳ`, `102% kế hoạch`). */
function readRight(ctx: RuleContext, after: number, ceil: number, isPercent: boolean): { qualifier?: StatisticQualifier; comparedTo?: string } {
  const tokens = ctx.tokens;
  const out: { qualifier?: StatisticQualifier; comparedTo?: string } = {};
  const head = after < ceil ? DIRECT_HEADS.startingAt(tokens, after, ceil) : null;
  if (head && (isPercent || !head.value)) out.comparedTo = readBaseline(ctx, after, ceil);
  for (let k = after; k < ceil && k - after < 6; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct' || (t.kind === 'num' && !isClaimed(ctx, t))) break;
    const q = AFTER_QUALIFIERS.startingAt(tokens, k, ceil);
    if (q && out.qualifier === undefined) out.qualifier = q.value;
    if (out.comparedTo === undefined) {
      const marker = MARKERS.startingAt(tokens, k, ceil);
      if (marker) {
        out.comparedTo = readBaseline(ctx, k + marker.words, ceil);
        break;
      }
    }
  }
  return out;
}

/**
 * The subject whose last word is tokens[e]: back to the clause boundary, leading connectives and whole-area phrases
 * dropped, cut before a genitive, place or time phrase (`Sản lượng cà phê năm 2023 của tỉnh` → `sản lượng cà phê`).
 */
function subjectBefore(ctx: RuleContext, e: number, floor: number, previousEnd: number): { text: string; comparedTo?: string } | null {
  const tokens = ctx.tokens;
  if (e < floor) return null;
  // `Tổng sản phẩm trên địa bàn (GRDP) tăng 7,5%`: the acronym names the indicator.
  if (tokens[e]!.text === ')' && e - 2 >= floor && tokens[e - 2]!.text === '(' && isAcronym(tokens[e - 1]!)) return { text: tokens[e - 1]!.text };
  let s = e + 1;
  for (let k = e; k >= floor && e - k < 16; k--) {
    const t = tokens[k]!;
    if (t.start < previousEnd || t.kind === 'punct' || (t.kind === 'num' && !isClaimed(ctx, t))) break;
    if (BOUNDARIES.endingAt(tokens, k, floor)) break;
    s = k;
  }
  // Drop what leads the clause: connectives, `toàn tỉnh`, a date or period.
  while (s <= e) {
    const t = tokens[s]!;
    if (isClaimed(ctx, t)) {
      s++;
      continue;
    }
    const lead = LEADS.startingAt(tokens, s, e + 1);
    if (!lead) break;
    s += lead.words;
  }
  if (s > e || CUTS.startingAt(tokens, s, e + 1) || tokens[s]!.kind === 'num') return null;
  let last = s;
  let comparedTo: string | undefined;
  for (let k = s + 1; k <= e; k++) {
    const t = tokens[k]!;
    if (isClaimed(ctx, t) || t.kind === 'num' || (t.kind === 'cap' && t.text !== 'Đảng')) break;
    if (CUTS.startingAt(tokens, k, e + 1)) {
      // `Kim ngạch xuất khẩu so với cùng kỳ tăng 12%`: the cut is the baseline.
      const marker = MARKERS.startingAt(tokens, k, e + 1);
      if (marker) comparedTo = readBaseline(ctx, k + marker.words, e + 1);
      break;
    }
    last = k;
  }
  if (last - s + 1 > SUBJECT_WORDS) last = s + SUBJECT_WORDS - 1;
  const first = tokens[s]!;
  // A subject that is a name (`Việt Nam`, `Hà Nội`) says who, not what.
  if (first.kind === 'cap' && ((last === s && !first.sentenceStart) || tokens[s + 1]?.kind === 'cap')) return null;
  let text = textOf(ctx, s, last);
  if (first.kind === 'cap' && (first.sentenceStart || s === floor)) text = text[0]!.toLowerCase() + text.slice(1);
  return { text, ...(comparedTo ? { comparedTo } : {}) };
}

/**
 * The words after a number that say what it counts: a counted noun's defining clause (`xã | đạt chuẩn nông thôn mới`,
 * over a parenthesis `356/382 xã (tỷ lệ 93,2%) đạt chuẩn`), or a measure's complement (`124 kg | ma túy`).
 * Stops at punctuation, function words, names and dates; a clause that runs into another number is that number's.
 */
function phraseAfter(ctx: RuleContext, from: number, ceil: number, maxWords: number, skipParenthesis: boolean, stopAtBaseline: boolean): string | null {
  const tokens = ctx.tokens;
  let k = from;
  if (skipParenthesis && k < ceil && tokens[k]!.text === '(') {
    let close = k + 1;
    while (close < ceil && close - k < 20 && tokens[close]!.text !== ')') close++;
    if (close < ceil && tokens[close]!.text === ')') k = close + 1;
  }
  const start = k;
  let last = -1;
  for (; k < ceil && k - start < maxWords; k++) {
    const t = tokens[k]!;
    // A clause that runs into another number says something about that number.
    if (t.kind === 'num' && !isClaimed(ctx, t)) return null;
    if (t.kind === 'punct' || isClaimed(ctx, t) || (t.kind === 'cap' && t.text !== 'Đảng') || (t.kind === 'upper' && !isAcronym(t))) break;
    if (PHRASE_STOPS.startingAt(tokens, k, ceil) || TIME_UNITS.has(t.key)) break;
    if (stopAtBaseline && BASELINE_HEADS.startingAt(tokens, k, ceil)) break;
    last = k;
  }
  return last >= start ? textOf(ctx, start, last) : null;
}

/** What the statistic measures, by the kind of its unit (see the file comment); null when the sentence does not say. */
function chooseIndicator(ctx: RuleContext, stat: Statistic, kind: UnitKind, left: LeftReading, subject: string | null, after: number, ceil: number): string | null {
  const measuredSubject = subject !== null && left.verb !== 'none' && left.verb !== 'have' ? subject : null;
  if (kind === 'counted') {
    const unitKey = toneKey(stat.unit);
    if (measuredSubject && (GENERIC_COUNTERS.has(unitKey) || startsWith(COUNT_HEADS, measuredSubject))) return measuredSubject;
    const more = phraseAfter(ctx, after, ceil, CONTINUATION_WORDS, true, false);
    return more ? `${stat.unit} ${more}` : stat.unit;
  }
  const complement = phraseAfter(ctx, after, ceil, COMPLEMENT_WORDS, false, kind === 'percent');
  if (kind === 'measure') return complement ?? subject;
  // A percentage: after `đạt`, `chiếm`, `tăng` the subject is what is measured (`Đảng viên nữ chiếm 30% tổng số`);
  // alone or after `có` the words after it are (`Khoảng 60% doanh nghiệp`, `có 93% dân số tham gia`).
  return measuredSubject ?? complement ?? subject;
}

function startsWith(table: Phrases<true>, text: string): boolean {
  const words = toneKey(text).split(' ');
  for (let n = Math.min(words.length, 3); n >= 1; n--) if (table.has(words.slice(0, n))) return true;
  return false;
}

function textOf(ctx: RuleContext, from: number, to: number): string {
  return ctx.text.slice(ctx.tokens[from]!.start, ctx.tokens[to]!.end).replace(/\s+/gu, ' ');
}

// ---- Ranges ----

const MULTIPLIER_RE = new RegExp(MULTIPLIER_SOURCE, 'giu');
const LEADING_NUMERAL = new RegExp(`^(?:${NUMERAL_SOURCE})`, 'u');
/** The lower bound and the range word before an upper bound (`từ 300 đến `, `5–`, `1,5 - `, `5 nghìn đến `, `5% đến `). */
const LOWER_BEFORE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}_.,/])(?<lo>${NUMERAL_SOURCE})(?<pct>\\s?%|\\s+phần\\s+trăm)?(?<mult>(?:\\s+(?:${MULTIPLIER_SOURCE})(?![\\p{L}])){1,2})?\\s*(?:đến|tới|-|–|—|~|÷)\\s*$`,
  'diu',
);
/** A range written with a hyphen and no spaces (`300-350 học viên`, `5-7%`, `5%-7%`): its upper bound is not read by the family. */
const HYPHEN_RANGE = new RegExp(`(?<lo>${NUMERAL_SOURCE})(?<pct>%)?-(?<hi>${NUMERAL_SOURCE})(?![\\p{N}]|[.,:/\\-]\\p{N})`, 'uy');
const RANGE_GAP = /^\s*(?:đến|tới|-|–|—|~|÷)\s*$/u;
const YEAR = /^(?:19|20)\d\d$/u;

/**
 * One statistic per range: `từ 300 đến 350 học viên`, `5–7%`, `5 đến 7 nghìn` (the scale word applies to both),
 * `300-350 học viên`, `từ 5% đến 7%`. The value is the lower bound, `upper` the upper one.
 */
function joinRanges(ctx: RuleContext, found: Statistic[], periods: ReadonlyArray<{ span?: [number, number]; value: string }>): Statistic[] {
  let statistics = found;
  const added = hyphenRanges(ctx, statistics, periods);
  if (added.length > 0) {
    // A lower bound the family read on its own (`5%` of `5%-7%`) is part of the range now.
    const inRange = (s: Statistic) => added.some((r) => s.span![0] < r.span![1] && r.span![0] < s.span![1]);
    statistics = [...statistics.filter((s) => !inRange(s)), ...added].sort((a, b) => a.span![0] - b.span![0]);
  }
  const out: Statistic[] = [];
  for (const stat of statistics) {
    if (stat.upper !== undefined || stat.total != null) {
      out.push(stat);
      continue;
    }
    const [start] = stat.span!;
    const previous = out[out.length - 1];
    // `từ 5% đến 7%`, `300 học viên đến 350 học viên`: two statistics of one unit joined by a range word.
    if (previous && previous.total == null && previous.upper === undefined && previous.value < stat.value && firstWord(previous.unit) === firstWord(stat.unit)
      && RANGE_GAP.test(ctx.text.slice(previous.span![1], start))) {
      out[out.length - 1] = asRange(ctx, stat, previous.span![0], previous.value);
      continue;
    }
    const lower = lowerBound(ctx, stat);
    out.push(lower ? asRange(ctx, stat, lower.start, lower.value) : stat);
  }
  return out;
}

function firstWord(unit: string): string {
  const key = toneKey(unit);
  const space = key.indexOf(' ');
  return space < 0 ? key : key.slice(0, space);
}

function asRange(ctx: RuleContext, upper: Statistic, start: number, lower: number): Statistic {
  const end = upper.span![1];
  return { ...upper, text: ctx.text.slice(start, end), value: roundValue(lower), upper: upper.value, span: [start, end] };
}

/** The lower bound written before the statistic with a range word, or null. */
function lowerBound(ctx: RuleContext, stat: Statistic): { start: number; value: number } | null {
  const [start] = stat.span!;
  const [sentenceStart] = sentenceAt(ctx.sentences, start);
  let from = Math.max(sentenceStart, start - 48);
  // Start the window at a space so that it does not begin inside a number.
  while (from > sentenceStart && from < start && !/\s/u.test(ctx.text[from - 1]!)) from++;
  const window = ctx.text.slice(from, start);
  if (!/[-–—~÷]|đến|tới/iu.test(window)) return null;
  const m = LOWER_BEFORE.exec(window);
  if (!m) return null;
  const g = m.groups!;
  const loStart = from + m.indices!.groups!.lo![0];
  const loEnd = from + m.indices!.groups!.lo![1];
  if (ctx.claimed.overlaps(loStart, loEnd) || isLabelledAt(ctx, loStart)) return null;
  if (g.pct && stat.unit !== '%') return null;
  let lower = parseNumeral(g.lo!);
  if (lower === null) return null;
  if (g.mult) {
    for (const w of g.mult.match(MULTIPLIER_RE) ?? []) lower *= multiplierOf(w) ?? 1;
  } else if (!g.pct) {
    // `5 đến 7 nghìn`: the upper bound's scale word applies to the lower one, when that keeps it below.
    const scale = scaleOf(stat);
    if (scale > 1 && lower * scale < stat.value) lower *= scale;
  }
  if (!(lower < stat.value)) return null;
  if (YEAR.test(g.lo!) && YEAR.test(String(stat.value))) return null;
  return { start: loStart, value: lower };
}

/** The factor between a statistic's value and its leading numeral (`7 nghìn lượt` → 1000). */
function scaleOf(stat: Statistic): number {
  const m = LEADING_NUMERAL.exec(stat.text);
  const base = m ? parseNumeral(m[0]) : null;
  return base ? Math.round(stat.value / base) || 1 : 1;
}

/** Is the number at `offset` written after a label word (`lớp 10-12`, `Điều 5 đến`)? */
function isLabelledAt(ctx: RuleContext, offset: number): boolean {
  const i = tokenAtOrAfter(ctx.tokens, offset) - 1;
  return i >= 0 && ctx.tokens[i]!.kind !== 'punct' && LABEL_WORDS.has(ctx.tokens[i]!.key);
}

/**
 * Ranges with a bare hyphen (`300-350 học viên`, `5-7%`): the family reads neither bound (a number after `-` is
 * part of a code for it). The sentence is read again with the lower bound and hyphen blanked out, so the family
 * itself says whether the upper bound with what follows is a statistic; the lower bound joins it.
 */
function hyphenRanges(ctx: RuleContext, statistics: readonly Statistic[], periods: ReadonlyArray<{ span?: [number, number]; value: string }>): Statistic[] {
  const text = ctx.text;
  const out: Statistic[] = [];
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    const next = text.charCodeAt(i + 1);
    const prev = text.charCodeAt(i - 1);
    if (!(next >= 48 && next <= 57) || !((prev >= 48 && prev <= 57) || prev === 37)) continue;
    let loStart = i - (prev === 37 ? 1 : 0);
    while (loStart > 0 && /[\d.,]/u.test(text[loStart - 1]!)) loStart--;
    if (loStart > 0 && /[\p{L}\p{N}_/:+\-]/u.test(text[loStart - 1]!)) continue;
    HYPHEN_RANGE.lastIndex = loStart;
    const m = HYPHEN_RANGE.exec(text);
    if (!m) continue;
    const hiStart = i + 1;
    const hiEnd = m.index + m[0].length;
    if (ctx.claimed.overlaps(loStart, hiEnd) || isLabelledAt(ctx, loStart)) continue;
    if (YEAR.test(m.groups!.lo!) && YEAR.test(m.groups!.hi!)) continue;
    if (statistics.some((s) => s.span![0] === hiStart)) continue;
    const lower = parseNumeral(m.groups!.lo!);
    if (lower === null) continue;
    const [sentenceStart, sentenceEnd] = sentenceAt(ctx.sentences, loStart);
    const blanked = text.slice(sentenceStart, loStart) + ' '.repeat(hiStart - loStart) + text.slice(hiStart, sentenceEnd);
    const shifted = periods
      .filter((p) => p.span && p.span[0] >= sentenceStart && p.span[1] <= sentenceEnd)
      .map((p) => ({ value: p.value, span: [p.span![0] - sentenceStart, p.span![1] - sentenceStart] as [number, number] }));
    const upper = extractStatistics(makeContext(blanked, ctx.published), shifted).find((s) => s.span![0] === hiStart - sentenceStart);
    if (!upper || upper.total != null || (m.groups!.pct && upper.unit !== '%')) continue;
    const end = sentenceStart + upper.span![1];
    let value = lower;
    const scale = scaleOf(upper);
    if (!m.groups!.pct && scale > 1 && lower * scale < upper.value) value = lower * scale;
    if (!(value < upper.value)) continue;
    const s = Math.max(sentenceStart, loStart - 400);
    const e = Math.min(sentenceEnd, end + 400);
    out.push({
      ...upper,
      text: text.slice(loStart, end),
      value: roundValue(value),
      upper: upper.value,
      context: text.slice(s, e).trim(),
      span: [loStart, end],
    });
  }
  return out;
}

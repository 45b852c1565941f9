// Analyst fields of the statistics (issue #20), read from the words around each number the statistics family found:
// what it measures (indicator), how exact it is (qualifier), the upper bound of a range, whether it is a change and
// against what baseline (change, comparedTo), and the share of an `a/b` figure with the percentage that restates it.
// Vietnamese writes these around the number in a few fixed orders:
//   [subject] [verb of measure or change] [qualifier] NUMBER [unit] [what is counted] [so với baseline]
//   `Vốn FDI thu hút | ước đạt | khoảng | 1.800 triệu USD`, `tăng 12% | so với cùng kỳ`, `356/382 xã | đạt chuẩn nông thôn mới`.
// The words are compared by tone key through tries (a Map get per word), walking the sentence's tokens a few steps
// either side of the number: no regex runs per word, and a text without statistics costs nothing. Every table read
// rightwards is one trie whose nodes carry a bit per table, so a word is looked up once whatever it may be.
import type { Statistic, StatisticQualifier } from '../../core/types.ts';
import { foldDiacritics, plainKey, toneKey } from '../../core/fold.ts';
import { keySet, sentenceAt, type Token } from '../common/text.ts';
import { makeContext, type RuleContext } from '../common/rules.ts';
import lexicon from './lexicons/statistic-fields.json' with { type: 'json' };
import units from './lexicons/units.json' with { type: 'json' };
import { NUMERAL_SOURCE, multiplierOf, parseNumeral, roundValue } from './numbers.ts';
import { extractStatistics } from './statistics.ts';
import { LIST_GAP_LENGTH, linkShares, numericHyphens, shareAcrossList } from '../common/statistic-shares.ts';
import { findPlace } from '../common/places.ts';

/** What a word (or phrase) before the number says about it. One class, every field set: the walk reads them all. */
class LeftRole {
  qualifier: StatisticQualifier | undefined = undefined;
  /** A qualifier only when a verb stands before it (`có độ 20 người`, not `nhiệt độ 35`). */
  guarded = false;
  /** Not a qualifier right after a number (`thứ 5 trên 63 tỉnh`). */
  notAfterNumber = false;
  change: 'up' | 'down' | undefined = undefined;
  /** A change only against a baseline (`vượt kế hoạch 5%`); else the qualifier `over`. */
  needsBaseline = false;
  verb: 'level' | 'share' | 'have' | undefined = undefined;
  /** A level verb that completes a change verb before it (`tăng vọt lên 7%`, `giảm xuống còn 3%`). */
  directional = false;
  filler = false;
  from = false;

  /** This role with what another list says about the same phrase. */
  with(other: Partial<LeftRole>): LeftRole {
    const role = Object.assign(new LeftRole(), this);
    for (const [k, v] of Object.entries(other)) if (v !== undefined && v !== false) (role as unknown as Record<string, unknown>)[k] = v;
    return role;
  }

  get isVerb(): boolean {
    return this.verb !== undefined || this.change !== undefined || this.filler || this.from;
  }
}

interface TrieNode<V> {
  next?: Map<string, TrieNode<V>>;
  value?: V;
}

/**
 * Phrases of one to a few words, looked up word by word through tries keyed by the tokens' tone keys (a Map get per
 * word, no string built): the longest phrase ending at a token (read leftwards) or starting at one (read rightwards).
 */
class Phrases<V> {
  private readonly forward: TrieNode<V> = {};
  private readonly backward: TrieNode<V> = {};
  /** The value of the phrase the last `endingAt` or `startingAt` found. */
  found!: V;

  add(phrase: string, value: V, merge?: (old: V, added: V) => V): void {
    const keys = toneKey(phrase).split(' ');
    Phrases.insert(this.forward, keys, value, merge);
    Phrases.insert(this.backward, [...keys].reverse(), value, merge);
  }

  private static insert<V>(root: TrieNode<V>, keys: readonly string[], value: V, merge?: (old: V, added: V) => V): void {
    let node = root;
    for (const key of keys) {
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = {}));
      node = child;
    }
    node.value = node.value !== undefined && merge ? merge(node.value, value) : value;
  }

  /** Words in the longest phrase whose last word is tokens[j] and whose first is at or after `floor` (0: none); its value in `found`. */
  endingAt(tokens: readonly Token[], j: number, floor: number): number {
    let node: TrieNode<V> | undefined = this.backward;
    let words = 0;
    for (let k = j; k >= floor; k--) {
      const t = tokens[k]!;
      if (t.kind === 'punct' || t.kind === 'num' || !(node = node.next?.get(t.key))) break;
      if (node.value !== undefined) {
        words = j - k + 1;
        this.found = node.value;
      }
    }
    return words;
  }

  /** Words in the longest phrase whose first word is tokens[j] and whose last is before `ceil` (0: none); its value in `found`. */
  startingAt(tokens: readonly Token[], j: number, ceil: number): number {
    let node: TrieNode<V> | undefined = this.forward;
    let words = 0;
    for (let k = j; k < ceil; k++) {
      const t = tokens[k]!;
      if (t.kind === 'punct' || t.kind === 'num' || !(node = node.next?.get(t.key))) break;
      if (node.value !== undefined) {
        words = k - j + 1;
        this.found = node.value;
      }
    }
    return words;
  }
}

// The tables read rightwards, one bit each, in one trie: `wordsOf[bit]` is the longest phrase of that table found at
// the token last looked up (0: none).
const AT_LEAST = 0, AT_MOST = 1, MARKER = 2, DIRECT_HEAD = 3, PERCENT_ONLY = 4, PHRASE_STOP = 5, BASELINE_HEAD = 6,
  BASELINE_STOP = 7, CUT = 8, KEEP = 9, LEAD = 10, COUNT_HEAD = 11, MEASURE = 12, GENERIC = 13, TABLES = 14;
const RIGHT = (() => {
  const table = new Phrases<number>();
  const add = (phrases: readonly string[], bit: number) => {
    for (const p of phrases) table.add(p, 1 << bit, (old, added) => old | added);
  };
  add(lexicon.afterAtLeast, AT_LEAST);
  add(lexicon.afterAtMost, AT_MOST);
  add(lexicon.baselineMarkers, MARKER);
  add(lexicon.directHeads, DIRECT_HEAD);
  add(lexicon.percentOnlyHeads, PERCENT_ONLY);
  add([...lexicon.phraseStops, ...units.timeUnits], PHRASE_STOP);
  add(lexicon.baselineHeads, BASELINE_HEAD);
  add(lexicon.baselineStops, BASELINE_STOP);
  add(lexicon.cuts, CUT);
  add(lexicon.keeps, KEEP);
  add(lexicon.leads, LEAD);
  add(lexicon.countHeads, COUNT_HEAD);
  add([...units.measures, ...lexicon.measureUnits], MEASURE);
  add(lexicon.genericCounters, GENERIC);
  return table;
})();
const wordsOf = new Int8Array(TABLES);

/** Looks up the phrases of every right-reading table that start at tokens[j]; returns their bits (0: none). */
function lookRight(tokens: readonly Token[], j: number, ceil: number): number {
  let node: TrieNode<number> | undefined = RIGHT_ROOT;
  let bits = 0;
  for (let k = j; k < ceil; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct' || t.kind === 'num' || !(node = node.next?.get(t.key))) break;
    const value = node.value;
    if (value !== undefined) {
      for (let v = value; v !== 0; v &= v - 1) wordsOf[31 - Math.clz32(v & -v)] = k - j + 1;
      bits |= value;
    }
  }
  // Tables not found here keep a stale count: callers read wordsOf[b] only when bit b is set.
  return bits;
}
const RIGHT_ROOT = (RIGHT as unknown as { forward: TrieNode<number> }).forward;
const has = (bits: number, bit: number) => (bits & (1 << bit)) !== 0;

const LEFT = (() => {
  const table = new Phrases<LeftRole>();
  const add = (phrases: readonly string[], role: Partial<LeftRole>) => {
    for (const p of phrases) table.add(p, new LeftRole().with(role), (old, added) => old.with(added));
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
/** Growth words that name what grows, the words before them that belong to them, and admin words before a place (see the lexicon's comment). */
const phrasesOf = (list: readonly string[]) => {
  const table = new Phrases<true>();
  for (const p of list) table.add(p, true);
  return table;
};
const NOMINAL_CHANGES = phrasesOf(lexicon.nominalChanges);
const RATE_HEADS = phrasesOf(lexicon.rateHeads);
const ADMIN_WORDS = phrasesOf(lexicon.adminWords);
const WHO_SUBJECTS = new Set(lexicon.whoSubjects.map((p) => toneKey(p)));
const ASPECT_MARKERS = phrasesOf(lexicon.aspectMarkers);
const VOI = toneKey('với');
const SO = toneKey('so');

/** Read leftwards: what ends a subject (`và`, `trong đó`), and `so với` before a baseline. */
const BOUNDARIES = (() => {
  const table = new Phrases<true>();
  for (const p of lexicon.boundaries) table.add(p, true);
  return table;
})();
const MARKERS_LEFT = (() => {
  const table = new Phrases<true>();
  for (const p of lexicon.baselineMarkers) table.add(p, true);
  return table;
})();
/** Last words of what may stand between a change verb and its number (`so với cùng kỳ`, `hơn`, `vượt kế hoạch`). */
const BASELINE_TRIGGERS = keySet([...lexicon.baselineMarkers, ...lexicon.up, ...lexicon.down, ...lexicon.needsBaseline].map((p) => p.split(' ').pop()!));
const LABEL_WORDS = keySet(units.labelWords);

/** At most this many syllables of a subject, of what follows a counted noun or a measure, and of a baseline: long
 * enough for `số vụ phạm tội về trật tự xã hội`, `đạt chuẩn nông thôn mới nâng cao`, `dân số tham gia bảo hiểm y tế`. */
const SUBJECT_WORDS = 10;
const CONTINUATION_WORDS = 8;
const COMPLEMENT_WORDS = 8;
const BASELINE_WORDS = 7;

type UnitKind = 'percent' | 'measure' | 'counted';

interface LeftReading {
  qualifier: StatisticQualifier | undefined;
  change: 'up' | 'down' | undefined;
  needsBaseline: boolean;
  comparedTo: string | undefined;
  /** The verb nearest the number: what separates a subject from it (`have`: what stands before owns the number). */
  verb: 'none' | 'level' | 'change' | 'share' | 'have';
  from: boolean;
  /** Index of the token the walk stopped at: the last word of a subject, a boundary, or below the sentence. */
  stop: number;
  /** The tokens of the change verb nearest the number (-1: none), and whether it names what grows (`tăng trưởng`). */
  changeFirst: number;
  changeLast: number;
  nominal: boolean;
  /** An acronym between the change verb and the number (`tăng trưởng GRDP 6,1%`), -1 when none. */
  acronym: number;
}

/** A subject read before the verb: its text, its first token, and a baseline written inside it (`… so với cùng kỳ tăng`). */
interface Subject extends Indicator {
  first: number;
  /** Cut before words that hold an aspect marker (`người dân | trong xã đã góp`): then a verb follows the subject. */
  beforeAspect: boolean;
  comparedTo: string | undefined;
}

/** An indicator as written and its plainKey, built from the same tokens. */
interface Indicator {
  text: string;
  key: string;
}

/**
 * Adds the analyst fields to the statistics the Vietnamese family found (a range written `từ 300 đến 350`, `5-7%`
 * becomes one statistic with `upper`). Returns the list in text order.
 */
export function addStatisticFields(
  ctx: RuleContext,
  found: Statistic[],
  periods: ReadonlyArray<{ span?: [number, number]; value: string }>,
  claimedHits: ReadonlyArray<ReadonlyArray<{ span?: [number, number] }>>,
): Statistic[] {
  const statistics = joinRanges(ctx, found, periods);
  if (statistics.length === 0) return statistics;
  const tokens = ctx.tokens;
  markClaimed(tokens, claimedHits);
  markDurations(tokens, statistics);
  let previous: Statistic | null = null;
  let previousSentence = -1;
  let floor = 0;
  let ceil = 0;
  for (const stat of statistics) {
    const start = stat.span![0];
    const end = stat.span![1];
    const sentence = sentenceAt(ctx.sentences, start);
    const sentenceStart = sentence[0];
    const inSentence = previousSentence === sentenceStart ? previous : null;
    if (!inSentence) {
      floor = tokenAtOrAfter(tokens, sentenceStart);
      ceil = tokenAtOrAfter(tokens, sentence[1]);
    }
    const first = tokenAtOrAfter(tokens, start);
    let after = first;
    while (after < tokens.length && tokens[after]!.start < end) after++;
    const previousEnd = inSentence ? inSentence.span![1] : sentenceStart;
    const unitToken = unitTokenOf(ctx, stat, after);
    const kind = unitKind(ctx, stat, unitToken, after);

    const left = readLeft(ctx, first, floor, previousEnd);
    const right = readRight(ctx, after, ceil, kind === 'percent');
    let change = left.from && stat.upper === undefined ? undefined : left.change;
    let comparedTo = left.comparedTo ?? right.comparedTo;
    // The subject before the verb, unless the walk stopped at the previous number or at `có` (the owner, not the
    // measure). Read only when the indicator or the baseline needs it.
    const stoppedAtPrevious = left.stop >= floor && tokens[left.stop]!.start < previousEnd;
    const measured = left.verb === 'level' || left.verb === 'change' || left.verb === 'share';
    const needSubject = left.verb !== 'have' && !stoppedAtPrevious && (kind !== 'counted' || measured || (change !== undefined && comparedTo === undefined));
    const subject = needSubject ? subjectBefore(ctx, left.stop, floor, previousEnd) : null;
    comparedTo ??= subject?.comparedTo;
    if (change !== undefined && comparedTo === undefined) comparedTo = frontedBaseline(ctx, floor, first);
    if (left.needsBaseline && change !== undefined && comparedTo === undefined) change = undefined;
    // `Doanh thu vượt 1.000 tỷ đồng`: `vượt` without a baseline says `more than`.
    const qualifier = left.qualifier ?? right.qualifier ?? (left.needsBaseline && change === undefined ? 'over' : undefined);

    // A subject that only says who or where (`TP.HCM`, `Tỉnh`) is not what is measured; nor is one that acted through a
    // verb the lexicon does not know (`Hàng chục người đã góp 5 triệu đồng`).
    const what = subject && !isWho(ctx, subject) && !(subject.beforeAspect && left.verb === 'none') ? subject : null;
    const indicator: Indicator | null = chooseIndicator(ctx, stat, kind, unitToken, measured ? what : null, what, after, ceil)
      ?? growthIndicator(ctx, left, floor)
      ?? (inSentence?.indicator !== undefined && !countsItsOwnUnit(inSentence, stat) ? { text: inSentence.indicator, key: inSentence.indicatorKey! } : null);
    if (stat.qualifier === undefined && qualifier !== undefined) stat.qualifier = qualifier;
    if (change !== undefined) stat.change = change;
    if (comparedTo !== undefined) stat.comparedTo = comparedTo;
    if (indicator) {
      stat.indicator = indicator.text;
      stat.indicatorKey = indicator.key;
    }
    if (inSentence && start - inSentence.span![1] <= LIST_GAP_LENGTH) shareAcrossList(inSentence, stat, ctx.text.slice(inSentence.span![1], start));
    previous = stat;
    previousSentence = sentenceStart;
  }
  linkShares(ctx.text, statistics, (a, b) => sentenceAt(ctx.sentences, a)[0] === sentenceAt(ctx.sentences, b)[0]);
  return statistics;
}

/**
 * plainKey of the text from token `from` to token `to`, joined from each word's plain form (cached by its tone key,
 * a string the tokenizer shares across the text): the words the text is made of, with the spaces between them.
 */
function keyOf(ctx: RuleContext, from: number, to: number): string {
  const tokens = ctx.tokens;
  let key = '';
  for (let k = from; k <= to; k++) {
    const t = tokens[k]!;
    let plain = PLAIN_WORDS.get(t.key);
    if (plain === undefined) {
      if (PLAIN_WORDS.size >= 65_536) PLAIN_WORDS.clear();
      PLAIN_WORDS.set(t.key, (plain = plainKey(t.key)));
    }
    key += k === from ? plain : t.start === tokens[k - 1]!.end ? plain : ` ${plain}`;
  }
  return key;
}
const PLAIN_WORDS = new Map<string, string>();

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

/** A percentage, a measure (`tấn`, `ha`, `đồng`, a currency: the indicator is around it), or a counted noun (the indicator). */
function unitKind(ctx: RuleContext, stat: Statistic, unitToken: number, after: number): UnitKind {
  if (stat.unit === '%') return 'percent';
  if ((stat as { currency?: unknown }).currency) return 'measure';
  if (unitToken < 0) return MEASURE_KEYS.has(toneKey(stat.unit.split(' ')[0]!)) ? 'measure' : 'counted';
  return has(lookRight(ctx.tokens, unitToken, after), MEASURE) ? 'measure' : 'counted';
}

/** The first token of the unit, which ends the statistic's text (-1 when the unit is not written so). */
function unitTokenOf(ctx: RuleContext, stat: Statistic, after: number): number {
  const i = tokenAtOrAfter(ctx.tokens, stat.span![1] - stat.unit.length);
  return i < after && stat.unit.startsWith(ctx.tokens[i]!.text) ? i : -1;
}
const MEASURE_KEYS = keySet([...units.measures, ...lexicon.measureUnits]);

/** Is token i inside a date, period or document reference (`năm 2023` in a subject, `2019` in `so với năm 2019`)? */
const isClaimed = (_ctx: RuleContext, i: number) => claimedMask[i] === 1;
let claimedMask = new Uint8Array(0);

const TIME_UNITS = phrasesOf(units.timeUnits);

/**
 * Marks a span of time written as a count (`9 tháng`, `6 tháng đầu năm`, `3 năm`) that no statistic took as claimed,
 * as a period is: `Tổng kim ngạch xuất nhập khẩu 9 tháng đạt 578 tỷ USD` is about the trade, over nine months.
 */
function markDurations(tokens: readonly Token[], statistics: readonly Statistic[]): void {
  let next = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.kind !== 'num' || claimedMask[i] === 1) continue;
    const words = TIME_UNITS.startingAt(tokens, i + 1, tokens.length);
    if (words === 0) continue;
    const start = tokens[i]!.start;
    while (next < statistics.length && statistics[next]!.span![1] <= start) next++;
    if (next < statistics.length && statistics[next]!.span![0] <= start) continue; // a statistic's own number
    for (let k = i; k <= i + words; k++) claimedMask[k] = 1;
  }
}

/** Marks the tokens that overlap a date, period or document reference, once per text. */
function markClaimed(tokens: readonly Token[], lists: ReadonlyArray<ReadonlyArray<{ span?: [number, number] }>>): void {
  if (claimedMask.length < tokens.length) claimedMask = new Uint8Array(Math.max(tokens.length, 2 * claimedMask.length));
  else claimedMask.fill(0, 0, tokens.length);
  for (const list of lists) {
    for (const hit of list) {
      if (!hit.span) continue;
      const [start, end] = hit.span;
      let i = tokenAtOrAfter(tokens, start);
      if (i > 0 && tokens[i - 1]!.end > start) i--;
      for (; i < tokens.length && tokens[i]!.start < end; i++) claimedMask[i] = 1;
    }
  }
}

const isAcronym = (t: Token) => t.kind === 'upper' && /^\p{Lu}{2,}$/u.test(t.text);

/** Reads the verb, qualifier and baseline written before the number, walking leftwards from it. */
function readLeft(ctx: RuleContext, first: number, floor: number, previousEnd: number): LeftReading {
  const tokens = ctx.tokens;
  const out: LeftReading = { qualifier: undefined, change: undefined, needsBaseline: false, comparedTo: undefined, verb: 'none', from: false, stop: first - 1,
    changeFirst: -1, changeLast: -1, nominal: false, acronym: -1 };
  /** The nearest level verb read so far: none, one that completes a change verb (`lên`), or a copula (`đạt`, `là`). */
  let level: 'none' | 'directional' | 'copula' = 'none';
  let j = first - 1;
  for (let steps = 0; j >= floor && steps < 10 && tokens[j]!.start >= previousEnd; steps++) {
    const words = LEFT.endingAt(tokens, j, floor);
    // `tăng trưởng GRDP 6,1%`: an acronym right before the number, a change verb before it.
    if (words === 0 && steps === 0 && j > floor && isAcronym(tokens[j]!) && !isClaimed(ctx, j) && LEFT.endingAt(tokens, j - 1, floor) > 0 && LEFT.found.change !== undefined) {
      out.acronym = j;
      j--;
      continue;
    }
    if (words === 0) {
      // `tăng so với cùng kỳ 12%`, `cao hơn cùng kỳ 2,3%`, `vượt kế hoạch 5%`: a baseline between the verb and the number.
      const baseline = out.comparedTo === undefined && out.verb === 'none' ? baselineBefore(ctx, j, floor) : null;
      if (!baseline) break;
      out.comparedTo = baseline.text;
      j = baseline.resume;
      continue;
    }
    const role = LEFT.found;
    const before = j - words;
    const beforeToken = before >= floor ? tokens[before]! : null;
    if (role.notAfterNumber && beforeToken && (beforeToken.kind === 'num' || beforeToken.text === '%')) break;
    if (role.guarded) {
      const verbBefore = beforeToken !== null && LEFT.endingAt(tokens, before, floor) > 0 && LEFT.found.isVerb;
      const atStart = beforeToken === null || beforeToken.kind === 'punct';
      // `Ngoài 20 cán bộ, …` is `besides`: `ngoài` is `over` only after a verb (`đã ngoài 60`).
      if (!(verbBefore || (atStart && role.qualifier !== 'over'))) break;
    }
    // `Tăng trưởng dự kiến đạt 5–7%`: a change word before `đạt`, `là` names the subject.
    if (role.change !== undefined && role.qualifier === undefined && level === 'copula') break;
    if (role.qualifier !== undefined && out.qualifier === undefined) out.qualifier = role.qualifier;
    if (role.from) out.from = true;
    if (role.change !== undefined) {
      if (level === 'none' && out.change === undefined) {
        out.change = role.change;
        out.needsBaseline = role.needsBaseline;
        out.changeFirst = before + 1;
        out.changeLast = j;
        out.nominal = NOMINAL_CHANGES.endingAt(tokens, j, before + 1) === words;
      }
      if (out.verb === 'none') out.verb = 'change';
    }
    if (role.verb !== undefined) {
      if (role.verb === 'have') {
        out.verb = 'have';
        j = before;
        break;
      }
      if (out.verb === 'none') out.verb = role.verb;
      if (level === 'none') level = role.directional ? 'directional' : 'copula';
    }
    j = before;
  }
  out.stop = j;
  return out;
}

/**
 * A baseline between a change verb and its number, read leftwards from the word at j: `tăng so với cùng kỳ 12%`
 * (`so với` marks it), `cao hơn cùng kỳ 2,3%`, `vượt kế hoạch 5%` (a verb, then a baseline head). Where the walk resumes.
 */
function baselineBefore(ctx: RuleContext, j: number, floor: number): { text: string; resume: number } | null {
  const tokens = ctx.tokens;
  // A marker or a verb of change must stand within reach: one set look-up per word finds most numbers have none.
  let reach = -1;
  for (let k = j - 1; k >= floor && j - k < BASELINE_WORDS; k--) {
    const t = tokens[k]!;
    if (t.kind === 'punct') break;
    if (BASELINE_TRIGGERS.has(t.key)) reach = k;
  }
  if (reach < 0) return null;
  for (let k = j; k >= reach; k--) {
    const t = tokens[k]!;
    if (t.kind === 'punct' || (t.kind === 'num' && !isClaimed(ctx, k))) return null;
    if (k === j) continue;
    const marker = MARKERS_LEFT.endingAt(tokens, k, floor);
    if (marker > 0) return { text: textOf(ctx, k + 1, j), resume: k - marker };
    if (LEFT.endingAt(tokens, k, floor) > 0 && LEFT.found.change !== undefined && has(lookRight(tokens, k + 1, j + 1), BASELINE_HEAD)) {
      return { text: textOf(ctx, k + 1, j), resume: k };
    }
  }
  return null;
}

/** `So với cùng kỳ năm trước, xuất khẩu tăng 12%`: a baseline set off at the head of a clause before the number. */
function frontedBaseline(ctx: RuleContext, floor: number, first: number): string | undefined {
  const tokens = ctx.tokens;
  let found: string | undefined;
  for (let k = floor; k < first; k++) {
    if (k > floor && tokens[k - 1]!.kind !== 'punct') continue;
    if (!has(lookRight(tokens, k, first), MARKER)) continue;
    const text = readBaseline(ctx, k + wordsOf[MARKER]!, first);
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
    if (t.kind === 'punct' || t.kind === 'num') {
      // A number or mark inside a date or period goes with it (`cùng kỳ năm 2023`, `quý I/2023`).
      if (!isClaimed(ctx, k)) break;
    } else if (has(lookRight(tokens, k, ceil), BASELINE_STOP)) break;
    last = k;
  }
  return last >= from ? textOf(ctx, from, last) : undefined;
}

/** What follows the number: `trở lên` / `trở xuống`, and a baseline (`so với cùng kỳ`, `102% kế hoạch`). */
function readRight(ctx: RuleContext, after: number, ceil: number, isPercent: boolean): { qualifier: StatisticQualifier | undefined; comparedTo: string | undefined } {
  const tokens = ctx.tokens;
  let qualifier: StatisticQualifier | undefined;
  let comparedTo: string | undefined;
  for (let k = after; k < ceil && k - after < 6; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct' || (t.kind === 'num' && !isClaimed(ctx, k))) break;
    const bits = lookRight(tokens, k, ceil);
    if (bits === 0) continue;
    // `tăng 12% cùng kỳ`, `đạt 102% kế hoạch`: a baseline right after the number, without `so với`.
    if (k === after && has(bits, DIRECT_HEAD) && (isPercent || !has(bits, PERCENT_ONLY))) comparedTo = readBaseline(ctx, after, ceil);
    if (qualifier === undefined && has(bits, AT_LEAST)) qualifier = 'at-least';
    else if (qualifier === undefined && has(bits, AT_MOST)) qualifier = 'at-most';
    if (comparedTo === undefined && has(bits, MARKER)) {
      comparedTo = readBaseline(ctx, k + wordsOf[MARKER]!, ceil);
      break;
    }
  }
  return { qualifier, comparedTo };
}

/**
 * A statistic whose indicator is its own counted noun (`10 người` → `người`) lends it to no amount or measure in its
 * sentence (`Hàng chục người đã góp 5 triệu đồng`: the money is not `người`).
 */
function countsItsOwnUnit(previous: Statistic, stat: Statistic): boolean {
  // (A percentage of plan or of the total after it is of that count: `kết nạp 1.850 đảng viên, đạt 92,5% kế hoạch`.)
  return previous.unit !== stat.unit && stat.unit !== '%' && previous.indicatorKey !== undefined && (previous.indicatorKey + ' ').startsWith(plainKey(previous.unit) + ' ');
}

/** A number that is part of a name, one space after an acronym (`xăng RON 95`, `tiêu chuẩn ISO 9001`). */
function isNameNumber(tokens: readonly Token[], k: number): boolean {
  const before = tokens[k - 1];
  return before !== undefined && before.end === tokens[k]!.start - 1 && isAcronym(before) && /^\d{1,4}$/u.test(tokens[k]!.text);
}

/** A subject that names a place (`TP.HCM`, `Hà Nội`) or an area (`tỉnh`, `cả nước`): who or where, not what. */
function isWho(ctx: RuleContext, subject: Subject): boolean {
  if (WHO_SUBJECTS.has(toneKey(subject.text))) return true;
  const first = ctx.tokens[subject.first]!;
  return (first.kind === 'cap' || first.kind === 'upper') && findPlace(subject.text) !== null && subject.text.split(' ').length <= 4;
}

/**
 * When nothing else says what a change measures, a growth word does (`TP.HCM tăng trưởng 8,2%` → `tăng trưởng`),
 * with the rate word before it and the acronym after it (`tốc độ tăng trưởng GRDP`); an acronym alone after another
 * change verb (`tăng GRDP 6%`) names it too.
 */
function growthIndicator(ctx: RuleContext, left: LeftReading, floor: number): Indicator | null {
  if (left.changeFirst < 0) return null;
  if (!left.nominal) return left.acronym >= 0 ? { text: ctx.tokens[left.acronym]!.text, key: keyOf(ctx, left.acronym, left.acronym) } : null;
  let from = left.changeFirst;
  const rate = RATE_HEADS.endingAt(ctx.tokens, from - 1, floor);
  if (rate > 0) from -= rate;
  const to = left.acronym >= 0 ? left.acronym : left.changeLast;
  const text = textOf(ctx, from, to);
  return { text: ctx.tokens[from]!.kind === 'cap' ? text[0]!.toLowerCase() + text.slice(1) : text, key: keyOf(ctx, from, to) };
}

/**
 * The subject whose last word is tokens[e]: back to the clause boundary, leading connectives and whole-area phrases
 * dropped, cut before a genitive, place or time phrase (`Sản lượng cà phê năm 2023 của tỉnh` → `sản lượng cà phê`).
 */
function subjectBefore(ctx: RuleContext, e: number, floor: number, previousEnd: number): Subject | null {
  const tokens = ctx.tokens;
  if (e < floor) return null;
  // `Tổng sản phẩm trên địa bàn (GRDP) tăng 7,5%`: the acronym names the indicator.
  if (tokens[e]!.text === ')' && e - 2 >= floor && tokens[e - 2]!.text === '(' && isAcronym(tokens[e - 1]!)) {
    return { text: tokens[e - 1]!.text, key: keyOf(ctx, e - 1, e - 1), first: e - 1, comparedTo: undefined, beforeAspect: false };
  }
  let s = e + 1;
  for (let k = e; k >= floor && e - k < 16; k--) {
    const t = tokens[k]!;
    if (t.start < previousEnd || t.kind === 'punct' || (t.kind === 'num' && !isClaimed(ctx, k) && !isNameNumber(tokens, k))) break;
    if (BOUNDARIES.endingAt(tokens, k, floor) > 0) break;
    // `25 dự án FDI với tổng vốn đăng ký 1,2 tỷ USD`: `với` opens the number's own phrase (but `so với` a baseline).
    if (t.key === VOI && k < e && (k === floor || tokens[k - 1]!.key !== SO)) break;
    s = k;
  }
  // Drop what leads the clause: connectives, `toàn tỉnh`, a date or period.
  while (s <= e) {
    if (isClaimed(ctx, s)) {
      s++;
      continue;
    }
    if (!has(lookRight(tokens, s, e + 1), LEAD)) break;
    s += wordsOf[LEAD]!;
  }
  if (s > e || tokens[s]!.kind === 'num' || has(lookRight(tokens, s, e + 1), CUT)) return null;
  let last = s;
  let comparedTo: string | undefined;
  let beforeAspect = false;
  for (let k = s + 1; k <= e; k++) {
    const t = tokens[k]!;
    if ((t.kind === 'num' && !isNameNumber(tokens, k)) || (t.kind === 'cap' && t.text !== 'Đảng') || isClaimed(ctx, k)) break;
    const bits = lookRight(tokens, k, e + 1);
    // `lãi suất cho vay`, `tổng sản phẩm trong nước`: a cut word that begins a word of the subject.
    if (has(bits, KEEP)) {
      last = k + wordsOf[KEEP]! - 1;
      k = last;
      continue;
    }
    if (has(bits, CUT)) {
      // `Kim ngạch xuất khẩu so với cùng kỳ tăng 12%`: the cut is the baseline.
      if (has(bits, MARKER)) comparedTo = readBaseline(ctx, k + wordsOf[MARKER]!, e + 1);
      // An aspect marker anywhere between the cut and the number: a verb follows the subject.
      for (let m = k; m <= e && !beforeAspect; m++) beforeAspect = ASPECT_MARKERS.startingAt(tokens, m, e + 1) > 0;
      break;
    }
    last = k;
  }
  // `Kinh tế tỉnh Quảng Ninh`: the admin word before the place's name goes with the place.
  if (last < e && (tokens[last + 1]!.kind === 'cap' || tokens[last + 1]!.kind === 'upper')) {
    const admin = ADMIN_WORDS.endingAt(tokens, last, s + 1);
    if (admin > 0) last -= admin;
  }
  if (last - s + 1 > SUBJECT_WORDS) last = s + SUBJECT_WORDS - 1;
  const first = tokens[s]!;
  // A subject that is a name (`Việt Nam`, `Hà Nội`) says who, not what.
  if (first.kind === 'cap' && ((last === s && !first.sentenceStart) || tokens[s + 1]?.kind === 'cap')) return null;
  let text = textOf(ctx, s, last);
  if (first.kind === 'cap' && (first.sentenceStart || s === floor)) text = text[0]!.toLowerCase() + text.slice(1);
  return { text, key: keyOf(ctx, s, last), first: s, comparedTo, beforeAspect };
}

/**
 * The words after a number that say what it counts: a counted noun's defining clause (`xã | đạt chuẩn nông thôn mới`,
 * over a parenthesis `356/382 xã (tỷ lệ 93,2%) đạt chuẩn`), or a measure's complement (`124 kg | ma túy`).
 * Stops at punctuation, function words, names and dates; a clause that runs into another number is that number's.
 */
function phraseAfter(ctx: RuleContext, from: number, ceil: number, maxWords: number, skipParenthesis: boolean, stopAtBaseline: boolean): Indicator | null {
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
    if (t.kind === 'num') {
      if (!isClaimed(ctx, k)) return null;
      break;
    }
    if (t.kind === 'punct' || (t.kind === 'cap' && t.text !== 'Đảng') || (t.kind === 'upper' && !isAcronym(t))) break;
    const bits = lookRight(tokens, k, ceil);
    if (has(bits, PHRASE_STOP) || (stopAtBaseline && has(bits, BASELINE_HEAD)) || isClaimed(ctx, k)) break;
    last = k;
  }
  return last >= start ? { text: textOf(ctx, start, last), key: keyOf(ctx, start, last) } : null;
}

/** What the statistic measures, by the kind of its unit (see the file comment); null when the sentence does not say. */
function chooseIndicator(ctx: RuleContext, stat: Statistic, kind: UnitKind, unitToken: number, measured: Subject | null, subject: Subject | null, after: number, ceil: number): Indicator | null {
  if (kind === 'counted') {
    // `Số hộ nghèo giảm 200 hộ`, `Lượng khách quốc tế đạt 2 triệu lượt`: a count subject, or a unit that says little.
    const generic = unitToken >= 0 && has(lookRight(ctx.tokens, unitToken, after), GENERIC) && unitToken + wordsOf[GENERIC]! === after;
    if (measured && (generic || has(lookRight(ctx.tokens, measured.first, ceil), COUNT_HEAD))) return measured;
    const unitKey = unitToken >= 0 ? keyOf(ctx, unitToken, after - 1) : plainKey(stat.unit);
    const more = phraseAfter(ctx, after, ceil, CONTINUATION_WORDS, true, false);
    return more ? { text: `${stat.unit} ${more.text}`, key: `${unitKey} ${more.key}` } : { text: stat.unit, key: unitKey };
  }
  // A percentage: after `đạt`, `chiếm`, `tăng` the subject is what is measured (`Đảng viên nữ chiếm 30% tổng số`);
  // alone or after `có` the words after it are (`Khoảng 60% doanh nghiệp`, `có 93% dân số tham gia`).
  if (kind === 'percent' && measured) return measured;
  return phraseAfter(ctx, after, ceil, COMPLEMENT_WORDS, false, kind === 'percent') ?? subject;
}

/** The text from token `from` to token `to`, each gap between them one space. */
function textOf(ctx: RuleContext, from: number, to: number): string {
  const tokens = ctx.tokens;
  const text = ctx.text.slice(tokens[from]!.start, tokens[to]!.end);
  for (let k = from + 1; k <= to; k++) {
    const gap = tokens[k]!.start - tokens[k - 1]!.end;
    if (gap > 1 || (gap === 1 && ctx.text.charCodeAt(tokens[k - 1]!.end) !== 32)) return text.replace(/\s+/gu, ' ');
  }
  return text;
}

// ---- Ranges ----

const LEADING_NUMERAL = new RegExp(`^(?:${NUMERAL_SOURCE})`, 'u');
/** A range written with a hyphen and no spaces (`300-350 học viên`, `5-7%`, `5%-7%`): its upper bound is not read by the family. */
const HYPHEN_RANGE = new RegExp(`(?<lo>${NUMERAL_SOURCE})(?<pct>%)?-(?<hi>${NUMERAL_SOURCE})(?![\\p{N}]|[.,:/\\-]\\p{N})`, 'uy');
/** Tone keys of the words and marks between the bounds of a range. */
const RANGE_WORDS = new Set(['-', '–', '—', '~', '÷', toneKey('đến'), toneKey('tới')]);
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
    // Only a number right after a range word can be an upper bound: one token look-up decides for most numbers.
    const first = tokenAtOrAfter(ctx.tokens, start);
    const before = ctx.tokens[first - 1];
    if (!before || !RANGE_WORDS.has(before.key)) {
      out.push(stat);
      continue;
    }
    const previous = out[out.length - 1];
    // `từ 5% đến 7%`, `300 học viên đến 350 học viên`: two statistics of one unit joined by a range word.
    if (previous && previous.total == null && previous.upper === undefined && previous.value < stat.value && firstWord(previous.unit) === firstWord(stat.unit)
      && RANGE_GAP.test(ctx.text.slice(previous.span![1], start))) {
      out[out.length - 1] = asRange(ctx, stat, previous.span![0], previous.value);
      continue;
    }
    const lower = lowerBound(ctx, stat, first);
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

/**
 * The lower bound written before the statistic and its range word (tokens[first - 1]), or null: `300 đến`, `5 –`,
 * `5% đến`, `5 phần trăm đến`, `5 nghìn đến`, `1,2 nghìn tỷ –`. Read on the tokens, backwards.
 */
function lowerBound(ctx: RuleContext, stat: Statistic, first: number): { start: number; value: number } | null {
  const tokens = ctx.tokens;
  let k = first - 2;
  if (k < 0) return null;
  let pct = false;
  let scale = 1;
  if (tokens[k]!.text === '%') {
    pct = true;
    k--;
  } else if (k >= 1 && tokens[k]!.key === TRAM && tokens[k - 1]!.key === PHAN) {
    pct = true;
    k -= 2;
  } else {
    for (let n = 0; n < 2 && k >= 0 && tokens[k]!.kind !== 'num'; n++, k--) {
      const m = multiplierOf(tokens[k]!.text);
      if (m === null) return null;
      scale *= m;
    }
  }
  const lo = tokens[k];
  if (!lo || lo.kind !== 'num' || (pct && stat.unit !== '%')) return null;
  // Not a part of a longer number, a code or a fraction (`1/5 - 7`), a date, or a label (`lớp 10 - 12`).
  if (lo.start > 0 && /[\p{L}\p{N}_.,/:+\-]/u.test(ctx.text[lo.start - 1]!)) return null;
  if (ctx.claimed.overlaps(lo.start, lo.end) || (k > 0 && tokens[k - 1]!.kind !== 'punct' && LABEL_WORDS.has(tokens[k - 1]!.key))) return null;
  let lower = parseNumeral(lo.text);
  if (lower === null) return null;
  if (scale > 1) lower *= scale;
  else if (!pct) {
    // `5 đến 7 nghìn`: the upper bound's scale word applies to the lower one, when that keeps it below.
    const upperScale = scaleOf(stat);
    if (upperScale > 1 && lower * upperScale < stat.value) lower *= upperScale;
  }
  if (!(lower < stat.value) || (YEAR.test(lo.text) && YEAR.test(String(stat.value)))) return null;
  return { start: lo.start, value: lower };
}
const TRAM = toneKey('trăm');
const PHAN = toneKey('phần');

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
  for (const { hyphen: i, lowStart: loStart } of numericHyphens(text)) {
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

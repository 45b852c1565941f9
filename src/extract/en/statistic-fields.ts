// Analyst fields of the English statistics (issue #20), the same fields as the Vietnamese ones: indicator, qualifier,
// upper (ranges), change and comparedTo, share and restates. English press writes them in a few fixed orders:
//   [subject] [verb] [by] [qualifier] NUMBER [unit] [what is counted] [from / compared with baseline]
//   `Export turnover | reached | about | 405 billion USD`, `up 14.3% | from a year earlier`, `356 out of 382 communes`.
// Each is read by one anchored regex on the few dozen characters either side of the number (`$` on the text before
// it, sticky on the text after it), within its sentence.
import type { Statistic, StatisticQualifier } from '../../core/types.ts';
import { plainKey } from '../../core/fold.ts';
import { LIST_GAP_LENGTH, linkShares, numericHyphens, shareAcrossList } from '../common/statistic-shares.ts';
import { extractStatistics } from './statistics.ts';
import { sentenceAt, type Sentence } from './text.ts';
import { isPlace, isPlaceLike } from './lexicon.ts';

const QUALIFIERS: Record<string, StatisticQualifier> = {};
const qualify = (q: StatisticQualifier, words: string[]) => words.forEach((w) => (QUALIFIERS[w] = q));
qualify('approx', ['about', 'around', 'approximately', 'approx.', 'roughly', 'some', 'an estimated', 'estimated', 'circa', 'nearly about', 'in the region of', 'on the order of', 'or so']);
qualify('over', ['more than', 'over', 'above', 'upwards of', 'in excess of', 'exceeding', 'well over', 'just over', 'well above', 'just above', 'a little over', 'slightly more than', 'plus', 'nearly over']);
qualify('under', ['less than', 'fewer than', 'under', 'below', 'just under', 'nearly', 'almost', 'close to', 'a little under', 'slightly less than', 'just below', 'not quite', 'short of', 'shy of']);
qualify('at-least', ['at least', 'no less than', 'no fewer than', 'a minimum of', 'not less than', 'not fewer than', 'or more', 'and above', 'and more', 'and over', 'or higher']);
qualify('at-most', ['at most', 'up to', 'no more than', 'a maximum of', 'as many as', 'as much as', 'as high as', 'not more than', 'not exceeding', 'or less', 'or fewer', 'and below', 'and under', 'or lower']);
const BEFORE_QUALIFIER = /(?:^|[\s(])(about|around|approximately|approx\.|roughly|some|an estimated|estimated|circa|in the region of|on the order of|more than|over|above|upwards of|in excess of|exceeding|well over|just over|well above|just above|a little over|slightly more than|less than|fewer than|under|below|just under|just below|nearly|almost|close to|a little under|slightly less than|not quite|short of|shy of|at least|no less than|no fewer than|a minimum of|not less than|not fewer than|at most|up to|no more than|a maximum of|as many as|as much as|as high as|not more than|not exceeding)\s+$/iu;
const AFTER_QUALIFIER = /\s+(or more|and above|and more|and over|or higher|or less|or fewer|and below|and under|or lower|or so)(?![\p{L}])|-?plus(?![\p{L}])/iuy;

const UP = 'up|rose|rise|rises|rising|risen|grew|grow|grows|growing|grown|increased|increase|increases|increasing|jumped|jumps|jumping|surged|surges|surging|soared|soars|soaring|climbed|climbs|climbing|gained|gains|gaining|expanded|expands|expanding|added|adding|edged up|inched up|went up|picked up|advanced|advancing|rebounded|accelerated|higher by|increased by|raised by|boosted by';
const DOWN = 'down|fell|fall|falls|falling|fallen|dropped|drop|drops|dropping|declined|decline|declines|declining|decreased|decrease|decreases|decreasing|slipped|slips|slipping|slid|slides|sliding|plunged|plunges|plunging|plummeted|plummeting|shrank|shrinks|shrinking|shrunk|contracted|contracts|contracting|lost|loses|losing|dipped|dips|dipping|edged down|went down|tumbled|slumped|eased|retreated|reduced by|cut by|lowered by|lower by';
const UP_NOUN = 'an increase of|a rise of|growth of|a growth of|an expansion of|a jump of|a gain of|a surge of|an uptick of|a hike of|an increment of|increase of|rise of|growth rate of|a growth rate of';
const DOWN_NOUN = 'a decline of|a drop of|a decrease of|a fall of|a reduction of|a contraction of|a dip of|a slump of|a loss of|decline of|drop of|decrease of|reduction of|a cut of';
const CHANGE_BEFORE = new RegExp(`(?:^|[\\s(,])(?:(?<up>${UP}|${UP_NOUN})|(?<down>${DOWN}|${DOWN_NOUN}))(?:\\s+by)?\\s+$`, 'iu');
/** A level after a verb of change: `rose to 7%`, `fell from 5%` (a starting level), and verbs of level. */
const LEVEL_BEFORE = /(?:^|[\s(,])(?<verb>to|from|higher than|lower than|compared with|compared to|up from|down from|versus|against|as against|reached|reaching|reaches|reach|hit|hits|hitting|stood at|stands at|standing at|was|were|is|are|be|been|totaled|totalled|totaling|totalling|total|amounted to|amounting to|amounts to|came to|came in at|accounted for|accounting for|accounts for|made up|makes up|making up|at|of|equal to|equaling|equalling|averaged|averages|averaging|averaged at|an average of|average of|stay|stays|stayed|staying|remain|remains|remained|remaining|hover|hovers|hovered|hovering|worth|valued at|estimated at|expected at|forecast at|projected at|set at|stands|recorded|posted|registered|achieved|attained|saw|see|sees|with|had|has|have|having|include|includes|including|included)\s+$/iu;
/** Verbs that give a level (the subject before them is what is measured); `have`, `with`, `include` give an owner. */
const OWNER_VERBS = new Set(['with', 'had', 'has', 'have', 'having', 'include', 'includes', 'including', 'included', 'saw', 'see', 'sees']);
/** `a 12% increase in exports`, `a 5% drop`: the change is written after the number. */
const CHANGE_AFTER = /\s+(?:(?<up>increase|increases|rise|rises|growth|jump|gain|gains|surge|hike|uptick|higher|more|up)|(?<down>decrease|decreases|decline|declines|drop|drops|fall|falls|reduction|contraction|loss|dip|slump|cut|lower|less|fewer|down))(?![\p{L}])/iuy;
/** Baselines written as one expression: `year-on-year`, `y-o-y`, `on-year`, `month-on-month`. */
const FIXED_BASELINE = /\s*,?\s*(?<base>year[- ]on[- ]year|year[- ]over[- ]year|y-o-y|yoy|on-year|on year|month[- ]on[- ]month|month[- ]over[- ]month|quarter[- ]on[- ]quarter|on-month|week[- ]on[- ]week)(?![\p{L}])/iuy;
/** `from a year earlier`, `compared with the same period last year`, `than in 2022`, `of the plan`: up to a clause boundary. */
const BASELINE_AFTER = /(?:\s+(?:per|a|an|each|in|of)\s+[\p{L}-]+)?\s*,?\s*(?<marker>(?:as\s+)?compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|from|over|against|than|versus|vs\.?|relative\s+to|on)\s+(?<base>(?!\d)[^,.;:()\n]{2,80})/iuy;
const PLAN_AFTER = /\s+of\s+(?<base>(?:the|its|their)\s+(?:[\p{L}-]+\s+){0,2}(?:plan|target|goal|estimate|forecast|budget|quota))(?![\p{L}])/iuy;
/** Where a baseline phrase ends: a conjunction, a relative word, a verb that starts a new clause. */
const BASELINE_END = /\s+(?:and|but|while|whereas|which|that|as|to|when|after|before|reaching|bringing|taking|with|according|said|says|the\s+\w+\s+said)\b.*$/iu;

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, mln: 1e6, m: 1e6, billion: 1e9, bln: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12 };
const CURRENCY_UNITS = new Set(['USD', 'VND', 'EUR', '%']);
const MEASURES = new Set(['tonnes', 'tonne', 'tons', 'ton', 'hectares', 'hectare', 'ha', 'km', 'kilometres', 'kilometers', 'kilometre', 'kilometer', 'kg', 'kilograms', 'kilogram', 'mw', 'gw', 'kw', 'kwh', 'mwh', 'gwh', 'teu', 'teus', 'barrels', 'litres', 'liters', 'metres', 'meters', 'points', 'point', 'degrees', 'sq', 'square', 'cubic', 'm3', 'm2', 'units', 'percentage']);
/** Units that say little alone (`2 million arrivals` is clear, `2 million people` less so): a subject before a verb wins. */
const GENERIC_COUNTS = new Set(['people', 'persons', 'times', 'cases', 'units', 'items', 'pieces', 'visits', 'turns']);

const LEADING_NUMBER = /^(?:VND|US\$|USD|\$|€|EUR)?\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million|billion|trillion|mln|bln|bn|tn|m)(?![\p{L}]))?(?:\s*(?:-|–|—|to|and)\s*(?:VND|US\$|USD|\$|€|EUR)?\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million|billion|trillion|mln|bln|bn|tn|m)(?![\p{L}]))?)?(?:\s?(?:\/|out\s+of|of)\s?\d[\d,]*)?\s*/iu;
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const LOWER_BEFORE = new RegExp(
  `(?:^|[\\s(])(?<between>between\\s+|from\\s+)?(?:VND|US\\$|USD|\\$|€|EUR)?\\s?(?<lo>${NUMBER})(?<pct>\\s?%|\\s?percent)?(?:\\s?(?<scale>thousand|million|billion|trillion|mln|bln|bn|tn))?\\s*(?<sep>-|–|—|to|and)\\s*(?:VND|US\\$|USD|\\$|€|EUR)?\\s?$`,
  'diu',
);
const HYPHEN_RANGE = new RegExp(`(?<cur>VND|US\\$|USD|\\$|€|EUR)?\\s?(?<lo>${NUMBER})(?<pct>%)?-(?<hi>${NUMBER})(?![\\p{N}]|[.,:/-]\\p{N})`, 'uy');
const RANGE_WORD_BEFORE = /(?:[-–—]|(?:^|[^\p{L}])(?:to|and|To|And))\s*(?:VND|US\$|USD|\$|€|EUR)?\s?$/u;
const RANGE_OPENER = /\s(?:between|from)\s+$/iu;
const TRAILING_BASELINE = /\s(?:year[- ]on[- ]year|year[- ]over[- ]year|y-o-y|yoy|on-year|month[- ]on[- ]month|quarter[- ]on[- ]quarter)\s*$/iu;
const RANGE_GAP = /^\s*(?:-|–|—|to|and)\s*$/iu;
const YEAR = /^(?:19|20)\d\d$/u;
const CLAUSE_SPLIT = /[,;:()\u2013\u2014"“”]|\s(?:and|but|while|whereas|which|who|that|as|when|after|said|says|according to)\s/giu;
const LEADING_PREPOSITION = /^(?:of|below|above|under|beyond|against|versus|within|than|compared\s+(?:with|to)|in\s+line\s+with|short\s+of)\s+/iu;
const DETERMINERS = /^(?:the|a|an|its|their|this|these|those|his|her|our|meanwhile|also|however|in\s+total)\s+/iu;
const TRAILING_MODIFIERS = /\s+(?:in|during|for|from|since|between|on|at|by|last|this|so\s+far|as\s+of|across|nationwide|alone|also|already|only|still|reportedly|is|was|are|were|will|would|has|have|had|be|been|being|could|can|may|might|should)\b.*$/iu;
/** `exports of Vietnam`, `the revenue of Vietnam Airlines`: the owner after `of` is not part of what is measured (no `i` flag: a capital). */
const OF_NAME = /\s+of\s+(?:the\s+)?\p{Lu}.*$/u;
const NAME_POSSESSIVE = /^(?:\p{Lu}[\p{L}.-]*\s+){0,3}\p{Lu}[\p{L}.-]*[’']s\s+/u;
const DANGLING_END = /(?:^|\s)(?:than|the|a|an|of|to|from|with|by|at|in|on|for|about|around|nearly|almost|some|over|under|up|down)$/iu;
const PRONOUN = /^(?:it|they|this|that|these|those|he|she|we|which|who|the figure|the number|the total)$/iu;
/** Words that end a noun phrase read after a number: prepositions, conjunctions, auxiliaries, a verb in the past. */
const PHRASE_END = String.raw`(?!(?:and|or|but|in|on|at|for|by|with|from|to|as|while|than|compared|over|against|during|this|last|year|is|are|was|were|will|would|can|could|may|said|say|says|have|has|had|did|do|does|who|which|that|per|each|worth|valued|[\p{L}-]+ed)(?![\p{L}-]))`;
const COMPLEMENT_AFTER = new RegExp(String.raw`\s+(?:of|in|worth\s+of)\s+(?<what>(?:the\s+)?${PHRASE_END}[\p{Ll}\p{Lu}][\p{L}-]*(?:\s+${PHRASE_END}[\p{L}-]+){0,4})`, 'uy');
const CONTINUATION = new RegExp(String.raw`\s+(?<more>[\p{Ll}-]+ing(?:\s+${PHRASE_END}[\p{L}-]+){0,4})`, 'uy');

type UnitKind = 'percent' | 'measure' | 'counted';

/** Adds the analyst fields to the English statistics (ranges become one statistic with `upper`), in text order. */
export function addStatisticFieldsEn(text: string, sentences: readonly Sentence[], found: Statistic[], taken: ReadonlyArray<[number, number]>): Statistic[] {
  const statistics = joinRanges(text, sentences, found, taken);
  let previous: Statistic | null = null;
  let previousSentence: Sentence | undefined;
  for (const stat of statistics) {
    const [start, end] = stat.span!;
    const sentence = sentenceAt(sentences, start);
    const sentenceStart = sentence?.start ?? 0;
    const sentenceEnd = sentence?.end ?? text.length;
    const inSentence = sentence !== undefined && sentence === previousSentence ? previous : null;
    const from = Math.max(sentenceStart, inSentence ? inSentence.span![1] : 0, start - 120);
    let before = text.slice(from, start);
    const afterText = text.slice(end, Math.min(sentenceEnd, end + 160));
    const kind = unitKind(stat);

    let qualifier: StatisticQualifier | undefined;
    let change: 'up' | 'down' | undefined;
    let verb: 'none' | 'level' | 'change' | 'owner' = 'none';
    let fromLevel = false;
    // Read leftwards: qualifier, then a verb of change or level (with `by`), each anchored at the end of what is left.
    // `between 5 and 7 percent`, `from 300 to 350 students`: the range's own word.
    if (stat.upper !== undefined) before = before.replace(RANGE_OPENER, ' ');
    const q = atEnd(BEFORE_QUALIFIER, before);
    if (q) {
      qualifier = QUALIFIERS[q[1]!.toLowerCase()];
      before = `${before.slice(0, q.index)} `;
    }
    const c = atEnd(CHANGE_BEFORE, before);
    if (c) {
      change = c.groups!.up ? 'up' : 'down';
      verb = 'change';
      before = `${before.slice(0, c.index)} `;
    } else {
      const l = atEnd(LEVEL_BEFORE, before);
      if (l) {
        const word = l.groups!.verb!.toLowerCase();
        verb = OWNER_VERBS.has(word) ? 'owner' : 'level';
        fromLevel = word === 'from';
        before = `${before.slice(0, l.index)} `;
        // `rose 9.4 percent to 25.35 billion USD`, `fell from 5%`: the verb of change before `to`/`from` is no change of this number.
        if (word === 'to' || word === 'from') {
          const c2 = atEnd(CHANGE_BEFORE, before);
          if (c2) before = `${before.slice(0, c2.index)} `;
        }
      }
    }
    // `rose 14.3% year-on-year to 405 billion USD`: a baseline between two numbers is not a subject.
    const trailing = atEnd(TRAILING_BASELINE, before);
    if (trailing) before = `${before.slice(0, trailing.index)} `;
    if (fromLevel && stat.upper === undefined) change = undefined;
    // A change written after the number: `a 12% increase`, `5% higher than last year`.
    CHANGE_AFTER.lastIndex = 0;
    const ca = change === undefined && kind !== 'counted' ? CHANGE_AFTER.exec(afterText) : null;
    let rest = afterText;
    if (ca) {
      change = ca.groups!.up ? 'up' : 'down';
      rest = afterText.slice(ca[0].length);
    }
    AFTER_QUALIFIER.lastIndex = 0;
    const qa = AFTER_QUALIFIER.exec(rest);
    if (qa && qualifier === undefined) qualifier = QUALIFIERS[(qa[1] ?? 'plus').toLowerCase()];

    const comparedTo = baselineAfter(rest, kind, change !== undefined) ?? (ca ? undefined : baselineAfter(afterText, kind, change !== undefined));
    // The subject is read only where the indicator may be it: a measure, or a count in a unit that says little.
    const generic = kind === 'counted' && GENERIC_COUNTS.has(stat.unit.toLowerCase());
    const subject = verb !== 'owner' && (kind !== 'counted' || generic) ? subjectOf(before, from === sentenceStart) : null;
    const measured = verb === 'level' || verb === 'change' ? subject : null;
    let indicator: string | null;
    if (kind === 'counted') {
      indicator = generic && measured ? measured : countedPhrase(stat, afterText);
    } else {
      COMPLEMENT_AFTER.lastIndex = 0;
      const complement = COMPLEMENT_AFTER.exec(ca ? rest : afterText)?.groups!.what?.replace(/^the\s+/iu, '') ?? null;
      indicator = kind === 'measure' ? (complement ?? subject) : (measured ?? complement ?? subject);
    }
    indicator ??= inSentence?.indicator ?? null;

    if (stat.qualifier === undefined && qualifier !== undefined) stat.qualifier = qualifier;
    if (change !== undefined) stat.change = change;
    if (comparedTo !== undefined) stat.comparedTo = comparedTo;
    if (indicator) {
      stat.indicator = indicator;
      stat.indicatorKey = indicator === inSentence?.indicator ? inSentence.indicatorKey! : indicatorKeyEn(indicator);
    }
    if (inSentence && start - inSentence.span![1] <= LIST_GAP_LENGTH) shareAcrossList(inSentence, stat, text.slice(inSentence.span![1], start));
    previous = stat;
    previousSentence = sentence;
  }
  linkShares(text, statistics, (a, b) => sentenceAt(sentences, a) === sentenceAt(sentences, b));
  return statistics;
}

/** The window of text before a number that its qualifier and verb are looked for in: `as many as`, `an increase of`. */
const TAIL = 56;

/**
 * `re` (anchored with `$`) on the last TAIL characters of `s`, cut at a space: a regex anchored at the end is tried
 * at every start, so it is given only the few words it can match. The match's index is in `s`.
 */
function atEnd(re: RegExp, s: string): RegExpExecArray | null {
  let from = s.length > TAIL ? s.length - TAIL : 0;
  while (from > 0 && from < s.length && s.charCodeAt(from - 1) !== 32) from++;
  const m = re.exec(from > 0 ? s.slice(from) : s);
  if (m) m.index += from;
  return m;
}

/** plainKey of an indicator: English text is mostly ASCII, whose key is its lower case with single spaces. */
function indicatorKeyEn(indicator: string): string {
  for (let i = 0; i < indicator.length; i++) if (indicator.charCodeAt(i) > 126) return plainKey(indicator);
  const lower = indicator.toLowerCase();
  return /\s\s|^\s|\s$|[^\S ]/u.test(lower) ? lower.replace(/\s+/gu, ' ').trim() : lower;
}

function unitKind(stat: Statistic): UnitKind {
  if (stat.unit === '%') return 'percent';
  if (CURRENCY_UNITS.has(stat.unit) || (stat as { currency?: unknown }).currency || MEASURES.has(stat.unit.toLowerCase())) return 'measure';
  return 'counted';
}

/** `from`, `over`, `on` compare only a change (`rose 5% from 2022`); after a plain count they say where from (`doses from Japan`). */
const CHANGE_ONLY_MARKERS = /^(?:from|over|on)$/iu;

/** The baseline after a number: `year-on-year`, `from a year earlier`, `compared with the same period last year`, `of the plan`. */
function baselineAfter(after: string, kind: UnitKind, changed: boolean): string | undefined {
  FIXED_BASELINE.lastIndex = 0;
  const fixed = FIXED_BASELINE.exec(after);
  if (fixed) return fixed.groups!.base!;
  if (kind === 'percent') {
    PLAN_AFTER.lastIndex = 0;
    const plan = PLAN_AFTER.exec(after);
    if (plan) return plan.groups!.base!;
  }
  BASELINE_AFTER.lastIndex = 0;
  const m = BASELINE_AFTER.exec(after);
  if (!m || (!changed && CHANGE_ONLY_MARKERS.test(m.groups!.marker!))) return undefined;
  const base = m.groups!.base!.replace(BASELINE_END, '').trim();
  // `from 5% to 7%`, `over the past five years` read as spans are not baselines of a change; a bare number is a level.
  if (!base || /^\d|^(?:the\s+)?(?:past|next|last)\s+\w+\s+(?:years|months|weeks|days)/iu.test(base)) return undefined;
  return base.split(/\s+/u).length > 7 ? undefined : base;
}

/**
 * The subject before the verb: the last clause of the text before it, without determiners, a name's possessive
 * (`Vietnam's GDP` → `GDP`) or trailing time and place modifiers (`Exports in the first quarter` → `exports`).
 */
function subjectOf(before: string, atSentenceStart: boolean): string | null {
  CLAUSE_SPLIT.lastIndex = 0;
  let clauseStart = 0;
  for (const m of before.matchAll(CLAUSE_SPLIT)) clauseStart = m.index + m[0].length;
  let subject = before.slice(clauseStart).trim();
  const initial = atSentenceStart && clauseStart === 0;
  // `below the government target of 4.5%`: the preposition that relates the clause to the number goes.
  subject = subject.replace(LEADING_PREPOSITION, '');
  for (let i = 0; i < 3; i++) subject = subject.replace(DETERMINERS, '');
  subject = subject.replace(NAME_POSSESSIVE, '').replace(OF_NAME, '').replace(TRAILING_MODIFIERS, '').trim();
  // A clause that ends in a comparison, a preposition or an article is no noun phrase (`lower than the 8.02%`).
  if (!subject || PRONOUN.test(subject) || /\d/u.test(subject) || DANGLING_END.test(subject)) return null;
  const words = subject.split(/\s+/u);
  // Names only (`Vietnam`, `Ho Chi Minh City`) say who, not what; acronyms (`GDP`, `FDI`) are indicators.
  if (words.every((w) => /^\p{Lu}\p{Ll}/u.test(w))) {
    if (!(initial && words.length === 1)) return null;
    // One capitalised word opening the sentence is a noun (`Exports rose …`) unless it is a place (`Hanoi recorded …`).
    if (isPlace(words[0]!) || isPlaceLike(words[0]!)) return null;
  }
  if (words.length > 7) return null;
  if (initial && /^\p{Lu}\p{Ll}/u.test(words[0]!) && !/^\p{Lu}\p{Ll}/u.test(words[1] ?? '')) subject = subject[0]!.toLowerCase() + subject.slice(1);
  return subject;
}

/** What a counted number counts: the words of its noun group (`new rural communes`), and a participle clause after it. */
function countedPhrase(stat: Statistic, after: string): string {
  const group = stat.text.replace(LEADING_NUMBER, '').trim() || stat.unit;
  CONTINUATION.lastIndex = 0;
  const more = CONTINUATION.exec(after);
  return more ? `${group} ${more.groups!.more!}` : group;
}

// ---- Ranges ----

/**
 * One statistic per range: `between 5 and 7 percent`, `5 to 7 million USD` (the scale word applies to both),
 * `from 300 to 350 students`, `5–7%`, `300-350 workers`, `$5-7 billion`. The value is the lower bound, `upper` the upper.
 */
function joinRanges(text: string, sentences: readonly Sentence[], found: Statistic[], taken: ReadonlyArray<[number, number]>): Statistic[] {
  let statistics = found;
  const added = hyphenRanges(text, sentences, found, taken);
  if (added.length > 0) {
    const inRange = (s: Statistic) => added.some((r) => s.span![0] < r.span![1] && r.span![0] < s.span![1]);
    statistics = [...found.filter((s) => !inRange(s)), ...added].sort((a, b) => a.span![0] - b.span![0]);
  }
  const out: Statistic[] = [];
  for (const stat of statistics) {
    if (stat.upper === undefined && stat.total == null) withOwnUpper(stat);
    if (stat.upper !== undefined || stat.total != null) {
      out.push(stat);
      continue;
    }
    const [start] = stat.span!;
    const previous = out[out.length - 1];
    if (previous && previous.total == null && previous.upper === undefined && previous.unit === stat.unit && previous.value < stat.value) {
      const gap = text.slice(previous.span![1], start);
      const lead = text.slice(Math.max(0, previous.span![0] - 10), previous.span![0]);
      // `$5 billion to $7 billion`, `between 5% and 7%`; `and` only after `between`.
      if (RANGE_GAP.test(gap) && (!/and/iu.test(gap) || /between\s+$/iu.test(lead)) && !changeFrom(lead)) {
        out[out.length - 1] = asRange(text, stat, previous.span![0], previous.value);
        continue;
      }
    }
    const lower = lowerBound(text, sentences, stat, taken);
    out.push(lower ? asRange(text, stat, lower.start, lower.value) : stat);
  }
  return out;
}

/**
 * The statistics family may read a range as one hit already (`5 to 7 million USD`, `300-350 workers`, its value the
 * lower bound with the scale applied): its upper bound is the second number at the same scale.
 */
function withOwnUpper(stat: Statistic): void {
  const m = OWN_RANGE.exec(stat.text);
  if (!m) return;
  const lo = Number(m[1]!.replace(/,/gu, ''));
  const hi = Number(m[2]!.replace(/,/gu, ''));
  if (!(lo > 0) || !(hi > lo)) return;
  stat.upper = Math.round(hi * (stat.value / lo) * 1e6) / 1e6;
}
const OWN_RANGE = /^(?:VND|US\$|USD|\$|€|EUR)?\s?(\d[\d,]*(?:\.\d+)?)\s*%?\s*(?:-|–|—|to|and)\s*(?:VND|US\$|USD|\$|€|EUR)?\s?(\d[\d,]*(?:\.\d+)?)(?![\d])/u;

/** `rose from 5% to 7%`: a starting level and a new one, not a range. */
function changeFrom(lead: string): boolean {
  return /from\s+$/iu.test(lead);
}

function asRange(text: string, upper: Statistic, start: number, lower: number): Statistic {
  const end = upper.span![1];
  return { ...upper, text: text.slice(start, end), value: Math.round(lower * 1e6) / 1e6, upper: upper.value, span: [start, end] };
}

function lowerBound(text: string, sentences: readonly Sentence[], stat: Statistic, taken: ReadonlyArray<[number, number]>): { start: number; value: number } | null {
  const [start] = stat.span!;
  const sentenceStart = sentenceAt(sentences, start)?.start ?? 0;
  const from = Math.max(sentenceStart, start - 48);
  // Only a number right after `-`, `to` or `and` can be an upper bound: a look at the few characters before it.
  if (!RANGE_WORD_BEFORE.test(text.slice(Math.max(from, start - 6), start))) return null;
  const window = text.slice(from, start);
  const m = LOWER_BEFORE.exec(window);
  if (!m) return null;
  const g = m.groups!;
  const sep = g.sep!.toLowerCase();
  if (sep === 'and' && !g.between?.toLowerCase().startsWith('between')) return null;
  if (sep === 'to' && g.between?.toLowerCase().startsWith('from') && /\b(?:rose|fell|grew|increased|decreased|dropped|declined|climbed|jumped|surged|up|down|risen|fallen|cut|raised|reduced|moved|changed|went)\s+$/iu.test(text.slice(Math.max(0, from + m.index - 20), from + m.indices!.groups!.between![0]))) return null;
  const loStart = from + m.indices!.groups!.lo![0];
  if (taken.some(([a, b]) => loStart < b && a <= loStart)) return null;
  if (g.pct && stat.unit !== '%') return null;
  let lower = Number(g.lo!.replace(/,/g, ''));
  if (g.scale) lower *= SCALE[g.scale.toLowerCase()] ?? 1;
  else if (!g.pct) {
    const scale = scaleOf(stat);
    if (scale > 1 && lower * scale < stat.value) lower *= scale;
  }
  if (!(lower < stat.value) || (YEAR.test(g.lo!) && YEAR.test(String(stat.value)))) return null;
  // The range starts at the currency written before the lower bound (`$5 to $7 billion`).
  const curStart = from + m.index + (m[0].length - m[0].trimStart().length) + (g.between?.length ?? 0);
  return { start: Math.min(loStart, curStart), value: lower };
}

function scaleOf(stat: Statistic): number {
  const m = /(\d[\d,]*(?:\.\d+)?)/u.exec(stat.text);
  const base = m ? Number(m[1]!.replace(/,/g, '')) : 0;
  return base ? Math.round(stat.value / base) || 1 : 1;
}

/**
 * `300-350 workers`, `5-7%`, `$5-7 billion`: neither bound is read by the family (a hyphen joins digits to words
 * and codes). The sentence is read again with the lower bound blanked out (a currency moved next to the upper bound),
 * so the family itself says whether the upper bound and what follows is a statistic.
 */
function hyphenRanges(text: string, sentences: readonly Sentence[], statistics: readonly Statistic[], taken: ReadonlyArray<[number, number]>): Statistic[] {
  const out: Statistic[] = [];
  for (const { hyphen: i, lowStart: loStart } of numericHyphens(text)) {
    let curStart = loStart;
    const cur = /(?:VND|US\$|USD|\$|€|EUR)\s?$/u.exec(text.slice(Math.max(0, loStart - 4), loStart));
    if (cur) curStart = loStart - cur[0].length;
    if (curStart > 0 && /[\p{L}\p{N}_/:+#-]/u.test(text[curStart - 1]!)) continue;
    HYPHEN_RANGE.lastIndex = curStart;
    const m = HYPHEN_RANGE.exec(text);
    if (!m) continue;
    const hiStart = i + 1;
    const hiEnd = m.index + m[0].length;
    if (taken.some(([a, b]) => curStart < b && a < hiEnd)) continue;
    if (YEAR.test(m.groups!.lo!) && YEAR.test(m.groups!.hi!)) continue;
    if (statistics.some((s) => s.span![0] === hiStart)) continue;
    const sentence = sentenceAt(sentences, loStart);
    if (!sentence) continue;
    const currency = m.groups!.cur ?? '';
    const blanked = text.slice(sentence.start, curStart) + ' '.repeat(hiStart - curStart - currency.length) + currency + text.slice(hiStart, sentence.end);
    const upperAt = hiStart - sentence.start - currency.length;
    const upper = extractStatistics(blanked, [{ start: 0, end: blanked.length, text: blanked }], []).find((s) => s.span![0] === upperAt);
    if (!upper || upper.total != null || (m.groups!.pct && upper.unit !== '%')) continue;
    const end = sentence.start + upper.span![1];
    let value = Number(m.groups!.lo!.replace(/,/g, ''));
    const scale = scaleOf(upper);
    if (!m.groups!.pct && scale > 1 && value * scale < upper.value) value *= scale;
    if (!(value < upper.value)) continue;
    out.push({ ...upper, text: text.slice(curStart, end), value: Math.round(value * 1e6) / 1e6, upper: upper.value, context: sentence.text, span: [curStart, end] });
  }
  return out;
}

// Shares of `a/b` figures and the stated percentage that restates one, for both languages (issue #20):
// `356/382 xã (tỷ lệ 93,2%)`, `356/382 xã, đạt 93,2%`, `93,2% (356/382 xã)`, `356 out of 382 communes, or 93.2%`.
import type { Statistic } from '../../core/types.ts';

/** Between an `a/b` figure and the percentage that restates it: no number, no sentence end, a few words at most. */
const RESTATING_GAP = 80;

/**
 * Sets `share` on every `a/b` figure (value/total × 100, one decimal) and links the percentage written beside it:
 * when the nearest percentage in the sentence, with no number between, agrees with a/b to its written precision,
 * it is marked `restates: <the figure's text>` (one fact, not two), it takes the figure's indicator, and the
 * figure's share is the stated one. The percentage after the figure is tried first.
 */
export function linkShares(text: string, statistics: Statistic[], sameSentence: (a: number, b: number) => boolean): void {
  for (let i = 0; i < statistics.length; i++) {
    const stat = statistics[i]!;
    if (stat.total == null || stat.total <= 0) continue;
    const exact = (stat.value / stat.total) * 100;
    stat.share = Math.round(exact * 10) / 10;
    for (const j of [i + 1, i - 1]) {
      const other = statistics[j];
      if (!other || other.unit !== '%' || other.restates !== undefined || other.upper !== undefined || other.change !== undefined) continue;
      const [a, b] = j > i ? [stat, other] : [other, stat];
      const gap = text.slice(a.span![1], b.span![0]);
      if (gap.length > RESTATING_GAP || /\p{N}|[.;!?]\s/u.test(gap) || !sameSentence(a.span![0], b.span![0])) continue;
      if (!agrees(other, exact)) continue;
      other.restates = stat.text;
      stat.share = other.value;
      if (stat.indicator) {
        other.indicator = stat.indicator;
        other.indicatorKey = stat.indicatorKey!;
      }
      break;
    }
  }
}

/** Does a stated percentage agree with the exact share to the precision it is written with (`93%`, `93,2%`, `93.19%`)? */
export function agrees(stated: { value: number; text: string }, exact: number): boolean {
  const decimals = /[.,](\d+)\s*(?:%|percent|per\s+cent|phần\s+trăm)/u.exec(stated.text)?.[1]?.length ?? 0;
  // Rounded or truncated to that precision: within one unit of its last written digit.
  return Math.abs(stated.value - exact) < 10 ** -decimals + 1e-9;
}

/**
 * `tăng 5%, 7% và 9%`, `up 5% and 7%`: numbers listed after one verb share its change, and its baseline when
 * one of them is followed by it. `gap` is the text between the two.
 */
export function shareAcrossList(previous: Statistic | null, stat: Statistic, gap: string): void {
  if (!previous || gap.length > LIST_GAP_LENGTH || !LIST_GAP.test(gap)) return;
  if (stat.change === undefined && previous.change !== undefined) stat.change = previous.change;
  if (previous.change !== stat.change) return;
  if (previous.comparedTo === undefined && stat.comparedTo !== undefined) previous.comparedTo = stat.comparedTo;
  if (stat.comparedTo === undefined && previous.comparedTo !== undefined) stat.comparedTo = previous.comparedTo;
}
const LIST_GAP = /^\s*[,;]?\s*(?:và|hoặc|and|or)?\s*$/u;
/** The longest text LIST_GAP matches in practice (`, hoặc `): a longer gap is not read. */
export const LIST_GAP_LENGTH = 10;

const isNumeralChar = (c: number) => (c >= 48 && c <= 57) || c === 46 || c === 44;

/**
 * The bare-hyphen ranges of a text (`300-350`, `5-7%`, `5%-7%`), both languages: for each `-` with a digit
 * after it and a digit or `%` before it, the hyphen's offset and where the lower bound's digits start.
 * What may stand before the lower bound (a currency, a code's letters) is each language's to judge.
 */
export function* numericHyphens(text: string): Generator<{ hyphen: number; lowStart: number }> {
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    const next = text.charCodeAt(i + 1);
    const prev = text.charCodeAt(i - 1);
    if (!(next >= 48 && next <= 57) || !((prev >= 48 && prev <= 57) || prev === 37)) continue;
    let lowStart = i - (prev === 37 ? 1 : 0);
    while (lowStart > 0 && isNumeralChar(text.charCodeAt(lowStart - 1))) lowStart--;
    yield { hyphen: i, lowStart };
  }
}

/** A period mentioned in a sentence, with where it stands. */
export interface PeriodMention {
  value: string;
  span?: [number, number];
}

/**
 * The period a number is of, among those its sentence names. Periods the number is compared with (`baselineBefore`
 * matches the text right before them: `so với năm 2020`, `compared with 2022`) are left out; of the rest, the only one,
 * else the nearest after the number within `afterWithin` characters of its clause (`grew 5.05% in 2023`, `xuống còn
 * 2,1% năm 2023`), else the nearest before it (`Năm 2022, lượng khách đạt …`), else the first after it; null when none
 * is left.
 */
export function periodOf(text: string, mentions: readonly PeriodMention[], start: number, end: number, baselineBefore: RegExp, afterWithin = 0): string | null {
  const candidates = mentions.filter((p) => !p.span || !baselineBefore.test(text.slice(Math.max(0, p.span[0] - 24), p.span[0])));
  const values = new Set(candidates.map((p) => p.value));
  if (values.size <= 1) return candidates[0]?.value ?? null;
  const after = candidates.filter((p) => p.span && p.span[0] >= end);
  // Right after: within `afterWithin` characters and the same clause (no comma or stop between).
  if (afterWithin > 0 && after[0] && after[0].span![0] - end <= afterWithin && !/[,;:.]/u.test(text.slice(end, after[0].span![0]))) {
    // `moved between 2020 and 2022 or in 2019`: alternatives side by side say no one period.
    if (after[1] && after[1].value !== after[0].value && /^\s*,?\s*(?:or|and|hoặc|và)\s+(?:in\s+|trong\s+|năm\s+)?$/iu.test(text.slice(after[0].span![1], after[1].span![0]))) return null;
    return after[0].value;
  }
  let before: PeriodMention | null = null;
  for (const p of candidates) if (p.span && p.span[1] <= start) before = p;
  return before?.value ?? after[0]?.value ?? null;
}

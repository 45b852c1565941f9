// Scorer for the analyst fields of statistics (fixtures/extract/statistic-fields.json, issue #20): each expected
// statistic is found by value, unit (first word, folded) and total; the fields it lists must be equal (the
// indicator by plainKey), every other analyst field must be absent. The checks are counted so that a run reports
// how many pass, field by field.
import type { Extraction, Statistic } from '../core/types.ts';
import { plainKey } from '../core/fold.ts';
import { fold } from './gold.ts';

export const ANALYST_FIELDS = ['indicator', 'qualifier', 'upper', 'change', 'comparedTo', 'share', 'restates'] as const;
export type AnalystField = (typeof ANALYST_FIELDS)[number];

export interface ExpectedStatistic {
  value: number;
  unit: string;
  total?: number;
  /** `null`: the indicator is not checked. */
  indicator?: string | null;
  qualifier?: string;
  upper?: number;
  change?: string;
  comparedTo?: string;
  share?: number;
  restates?: string;
}

export interface FieldCase {
  text: string;
  language?: string;
  published?: string;
  /** No statistic beyond the expected ones. */
  exact?: boolean;
  statistics: ExpectedStatistic[];
}

export interface CheckResult {
  /** `found`, a field name, `no other field`, or `no other statistic`. */
  check: string;
  pass: boolean;
  detail?: string;
}

const firstWord = (unit: string) => fold(unit).split(' ')[0] ?? '';
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** The checks of one case against what extract returned for its text. */
export function checkCase(c: FieldCase, got: Extraction): CheckResult[] {
  const results: CheckResult[] = [];
  const unused = new Set<Statistic>(got.statistics);
  for (const want of c.statistics) {
    const stat = [...unused].find((s) => same(s.value, want.value) && firstWord(s.unit) === firstWord(want.unit)
      && (want.total === undefined ? s.total == null : s.total != null && same(s.total, want.total)));
    const label = `${want.value} ${want.unit}`;
    results.push({ check: 'found', pass: stat !== undefined, detail: label });
    if (!stat) continue;
    unused.delete(stat);
    let extra = '';
    for (const field of ANALYST_FIELDS) {
      const expected = want[field];
      const actual = stat[field];
      if (field === 'indicator' && expected === null) continue;
      if (expected === undefined) {
        if (actual !== undefined) extra += ` ${field}=${JSON.stringify(actual)}`;
        continue;
      }
      const pass = field === 'indicator'
        ? typeof actual === 'string' && plainKey(actual) === plainKey(String(expected))
        : typeof expected === 'number' ? typeof actual === 'number' && same(actual, expected) : actual === expected;
      results.push({ check: field, pass, detail: `${label}: ${field} ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}` });
    }
    results.push({ check: 'no other field', pass: extra === '', detail: `${label}:${extra}` });
  }
  if (c.exact) results.push({ check: 'no other statistic', pass: unused.size === 0, detail: [...unused].map((s) => s.text).join(' | ') });
  return results;
}

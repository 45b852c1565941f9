// Table-driven cases beyond the seeds (fixtures/extract/vi-cases.json) and negative cases (vi-negative.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/eval/gold.ts';
import { extract } from '../../src/extract/index.ts';

interface Case {
  text: string;
  published: string | null;
  officials?: Array<{ name: string; titles: string[] }>;
  documents?: Array<{ code: string; kind: string; date?: string; issuer?: string }>;
  dates?: string[];
  periods?: string[];
  statistics?: Array<[number, string, number?]>;
}
interface Negative {
  text: string;
  empty: Array<'officials' | 'documents' | 'dates' | 'periods' | 'statistics'>;
  notPeriods?: string[];
  language?: string;
  /** Party codes (`/TW`, `/TU`) do not determine the issuer: none may be implied. */
  noImpliedIssuer?: boolean;
}

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/extract/${name}`, import.meta.url), 'utf8')) as T;
const cases = load<{ cases: Case[] }>('vi-cases.json').cases;
const negatives = load<{ cases: Negative[] }>('vi-negative.json').cases;

describe('Vietnamese phrasings beyond the seeds', () => {
  it.each(cases.map((c) => [c.text.slice(0, 60), c] as const))('%s…', (_label, c) => {
    const got = extract({ text: c.text, published: c.published, language: 'vi' });
    if (c.officials) {
      expect(got.officials.map((o) => o.name).sort()).toEqual(c.officials.map((o) => o.name).sort());
      for (const want of c.officials) {
        const person = got.officials.find((o) => o.name === want.name)!;
        for (const title of want.titles) expect(person.titles.some((t) => fold(t).includes(fold(title))), `${want.name}: ${title} in ${JSON.stringify(person.titles)}`).toBe(true);
      }
    }
    if (c.documents) {
      expect(got.documents.map((d) => d.code).sort()).toEqual(c.documents.map((d) => d.code).sort());
      for (const want of c.documents) {
        const doc = got.documents.find((d) => d.code === want.code)!;
        expect(doc.kind).toBe(want.kind);
        if (want.date) expect(doc.date).toBe(want.date);
        if (want.issuer) expect(doc.issuer).toBe(want.issuer);
      }
    }
    if (c.dates) expect(got.dates.map((d) => d.value).sort()).toEqual([...c.dates].sort());
    if (c.periods) expect(got.periods.map((p) => p.value).sort()).toEqual([...c.periods].sort());
    if (c.statistics) {
      const seen = got.statistics.map((s) => [s.value, fold(s.unit).split(' ')[0], s.total ?? undefined]);
      const want = c.statistics.map(([v, u, t]) => [v, fold(u).split(' ')[0], t]);
      expect(seen).toEqual(want);
    }
  });
});

describe('negative cases', () => {
  it.each(negatives.map((c) => [c.text.slice(0, 60), c] as const))('%s…', (_label, c) => {
    const got = extract({ text: c.text, published: '2021-05-01', language: c.language ?? 'vi' });
    for (const field of c.empty) expect(got[field], `${field}: ${JSON.stringify(got[field])}`).toEqual([]);
    for (const p of c.notPeriods ?? []) expect(got.periods.map((x) => x.value)).not.toContain(p);
    if (c.noImpliedIssuer) for (const d of got.documents) expect(d.issuer, d.text).toBeNull();
  });
});

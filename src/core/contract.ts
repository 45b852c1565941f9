// The output contract of `vnpress extract` (DESIGN.md): tools outside the project read these
// fields, so the shape is built here, in one place, and nothing else is added by default.
import type { Article, Extraction } from './types.ts';

export interface ContractRecord {
  input: string;
  url: string | null;
  title: string | null;
  published: string | null;
  author: string | null;
  language: string;
  text: string;
  officials: { name: string; titles: string[] }[];
  documents: { text: string; kind: string; number: string | null; code: string | null; date: string | null; issuer: string | null }[];
  dates: { text: string; value: string }[];
  periods: { text: string; value: string }[];
  statistics: { text: string; value: number; total?: number; unit: string }[];
  warnings?: string[];
}

/** With `provenance`, each hit also carries its span, rule id and implied fields. */
export function toContract(input: string, article: Article, extraction: Extraction, provenance = false): ContractRecord {
  const extra = (hit: { span?: [number, number]; rule?: string; implied?: string[] }) =>
    provenance ? { span: hit.span ?? null, rule: hit.rule ?? null, implied: hit.implied ?? [] } : {};
  const record: ContractRecord = {
    input,
    url: article.canonicalUrl ?? article.url,
    title: article.title,
    published: article.published,
    author: article.author,
    language: article.language,
    text: article.text,
    officials: extraction.officials.map((o) => ({ name: o.name, titles: o.titles, ...extra(o) })),
    documents: extraction.documents.map((d) => ({
      text: d.text, kind: d.kind, number: d.number, code: d.code, date: d.date, issuer: d.issuer, ...extra(d),
    })),
    dates: extraction.dates.map((d) => ({ text: d.text, value: d.value, ...extra(d) })),
    periods: extraction.periods.map((p) => ({ text: p.text, value: p.value, ...extra(p) })),
    statistics: extraction.statistics.map((s) => ({
      text: s.text, value: s.value, ...(s.total != null ? { total: s.total } : {}), unit: s.unit, ...extra(s),
    })),
  };
  if (article.warnings.length) record.warnings = article.warnings;
  return record;
}

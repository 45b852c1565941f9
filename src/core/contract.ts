// The output contract of `vnpress extract` (DESIGN.md): tools outside the project read these
// fields, so the shape is built here, in one place, and nothing else is added by default.
import type { Article, Extraction } from './types.ts';
import { UserError } from './errors.ts';

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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Validates `--published`: an ISO date (taken as midnight in Vietnam, +07:00) or an ISO
 * date-time (without an offset, +07:00 is assumed). Returns ISO 8601 with an offset.
 */
export function parsePublishedOption(value: string): string {
  const trimmed = value.trim();
  const bad = (why: string) =>
    new UserError(`--published ${JSON.stringify(value)}: ${why} (expected an ISO 8601 date such as 2020-07-15 or 2020-07-15T08:30:00+07:00)`);
  const date = ISO_DATE.exec(trimmed);
  const datetime = date ? null : ISO_DATETIME.exec(trimmed);
  if (!date && !datetime) throw bad('not a date');
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = (date ?? datetime)! as unknown as string[];
  const year = Number(y), month = Number(mo), day = Number(d);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw bad('no such day');
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw bad('no such time');
  const offset = !zone ? '+07:00' : zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}

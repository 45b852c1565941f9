// Scorer for gold/v1 annotations (fixtures/gold/README.md): precision, recall and F1 per field,
// micro-averaged over articles; macro-F1 over the five fields; and the officials' titles score.
import type { Extraction } from '../core/types.ts';
import { toneKey } from '../core/fold.ts';
import { emptyExtraction } from '../core/entities.ts';

export const FIELDS = ['officials', 'documents', 'dates', 'periods', 'statistics'] as const;
export type Field = (typeof FIELDS)[number];

/** A gold title: one string, or the variants of one title the article writes two ways (any one counts). */
export type GoldTitle = string | string[];

export interface GoldArticle {
  id: string;
  input: string;
  published: string | null;
  officials: Array<{ name: string; titles: GoldTitle[] }>;
  documents: Array<{ text?: string; kind: string; number: string | null; code: string | null; date: string | null; issuer: string | null }>;
  dates: Array<{ text?: string; value: string }>;
  periods: Array<{ text?: string; value: string }>;
  statistics: Array<{ text?: string; value: number; total?: number | null; unit: string }>;
  optional_statistics?: string[];
  absent?: string[];
  absent_officials?: string[];
  duplicate_lines?: string[];
}

export interface GoldFile {
  format?: string;
  /** The texts are already cleaned article bodies: score them without running the cleaner first. */
  textIsBody?: boolean;
  articles: GoldArticle[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FieldScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface ArticleScore {
  id: string;
  counts: Record<Field, Counts>;
  titles: { covered: number; total: number };
  /** What was missed and what was extra, per field, for reading the errors. */
  misses: Record<Field, string[]>;
  extras: Record<Field, string[]>;
}

export interface Report {
  fields: Record<Field, FieldScore>;
  macroF1: number;
  titles: number;
  articles: ArticleScore[];
}

/** Fold for comparison: NFC, tone-mark placement, case and spaces. */
export const fold = (s: string): string => toneKey(s.normalize('NFC'));

function firstWord(unit: string): string {
  return fold(unit).split(' ')[0] ?? '';
}

function score(c: Counts): FieldScore {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Match two lists one-to-one with a predicate (greedy, gold order). */
function matchLists<G, X>(gold: G[], got: X[], same: (g: G, x: X) => boolean): { pairs: Array<[G, X]>; missed: G[]; extra: X[] } {
  const used = new Set<number>();
  const pairs: Array<[G, X]> = [];
  const missed: G[] = [];
  for (const g of gold) {
    const i = got.findIndex((x, k) => !used.has(k) && same(g, x));
    if (i < 0) missed.push(g);
    else {
      used.add(i);
      pairs.push([g, got[i]!]);
    }
  }
  return { pairs, missed, extra: got.filter((_, k) => !used.has(k)) };
}

function distinct<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

/** An optional statistic (`10 năm`) as value + first word of its unit, to recognise extractions of it. */
function parseOptional(text: string): { value: number; unit: string } | null {
  const m = /^\s*([\d.,]+)\s*(%|[\p{L}]+)?/u.exec(text);
  if (!m) return null;
  const raw = m[1]!;
  const value = /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw) ? Number(raw.replace(/\./g, '').replace(',', '.')) : Number(raw.replace(',', '.'));
  return Number.isFinite(value) ? { value, unit: fold(m[2] ?? '') } : null;
}

/** Score one article's extraction against its gold. */
export function scoreArticle(gold: GoldArticle, got: Extraction): ArticleScore {
  const counts = {} as Record<Field, Counts>;
  const misses = {} as Record<Field, string[]>;
  const extras = {} as Record<Field, string[]>;

  // officials: by folded name; titles: each gold title contained in one extracted title.
  const officials = matchLists(gold.officials, got.officials, (g, x) => fold(g.name) === fold(x.name));
  counts.officials = { tp: officials.pairs.length, fp: officials.extra.length, fn: officials.missed.length };
  misses.officials = officials.missed.map((g) => g.name);
  extras.officials = officials.extra.map((x) => x.name);
  let covered = 0;
  let total = 0;
  const titleMisses: string[] = [];
  for (const g of gold.officials) {
    const pair = officials.pairs.find(([pg]) => pg === g);
    for (const t of g.titles) {
      total++;
      const variants = (Array.isArray(t) ? t : [t]).map(fold);
      const ok = pair !== undefined && pair[1].titles.some((x) => variants.some((v) => fold(x).includes(v)));
      if (ok) covered++;
      else titleMisses.push(`${g.name}: ${Array.isArray(t) ? t.join(' | ') : t}`);
    }
  }

  // documents: by code when the gold has one, else kind + number; then date and issuer must agree where the gold states them.
  const sameDoc = (g: GoldArticle['documents'][number], x: Extraction['documents'][number]) => {
    const key = g.code ? x.code !== null && fold(x.code) === fold(g.code) : fold(x.kind) === fold(g.kind) && String(x.number) === String(g.number);
    if (!key) return false;
    if (g.date && x.date !== g.date) return false;
    if (g.issuer && (!x.issuer || fold(x.issuer) !== fold(g.issuer))) return false;
    return true;
  };
  const documents = matchLists(gold.documents, got.documents, sameDoc);
  counts.documents = { tp: documents.pairs.length, fp: documents.extra.length, fn: documents.missed.length };
  misses.documents = documents.missed.map((g) => g.text ?? `${g.kind} ${g.code ?? g.number}`);
  extras.documents = documents.extra.map((x) => x.text);

  // dates and periods: distinct values.
  for (const field of ['dates', 'periods'] as const) {
    const g = distinct(gold[field].map((d) => d.value), (v) => v);
    const x = distinct(got[field].map((d) => d.value), (v) => v);
    const m = matchLists(g, x, (a, b) => a === b);
    counts[field] = { tp: m.pairs.length, fp: m.extra.length, fn: m.missed.length };
    misses[field] = m.missed;
    extras[field] = m.extra;
  }

  // statistics: value (and total) equal, unit agrees on its first word; optional ones neither reward nor penalise.
  const optional = (gold.optional_statistics ?? []).map((t) => ({ text: fold(t), parsed: parseOptional(t) }));
  const isOptional = (x: Extraction['statistics'][number]) =>
    optional.some((o) => fold(x.text).includes(o.text) || (o.parsed && o.parsed.value === x.value && o.parsed.unit === firstWord(x.unit)));
  const sameStat = (g: GoldArticle['statistics'][number], x: Extraction['statistics'][number]) =>
    g.value === x.value && (g.total ?? null) === (x.total ?? null) && firstWord(g.unit) === firstWord(x.unit);
  const stats = matchLists(gold.statistics, got.statistics, sameStat);
  const extraStats = stats.extra.filter((x) => !isOptional(x));
  counts.statistics = { tp: stats.pairs.length, fp: extraStats.length, fn: stats.missed.length };
  misses.statistics = stats.missed.map((g) => g.text ?? `${g.value} ${g.unit}`);
  extras.statistics = extraStats.map((x) => x.text);

  misses.officials.push(...titleMisses.map((t) => `title ${t}`));
  return { id: gold.id, counts, titles: { covered, total }, misses, extras };
}

/** Micro-average the articles' counts per field; macro-F1 is the mean of the five fields' F1. */
export function aggregate(articles: ArticleScore[]): Report {
  const fields = {} as Record<Field, FieldScore>;
  for (const f of FIELDS) {
    const c = articles.reduce((acc, a) => ({ tp: acc.tp + a.counts[f].tp, fp: acc.fp + a.counts[f].fp, fn: acc.fn + a.counts[f].fn }), { tp: 0, fp: 0, fn: 0 });
    fields[f] = score(c);
  }
  const macroF1 = FIELDS.reduce((s, f) => s + fields[f].f1, 0) / FIELDS.length;
  const covered = articles.reduce((s, a) => s + a.titles.covered, 0);
  const total = articles.reduce((s, a) => s + a.titles.total, 0);
  return { fields, macroF1, titles: total === 0 ? 1 : covered / total, articles };
}

/** Score a whole gold file given each article's extraction (keyed by article id). */
export function scoreGold(gold: GoldFile, extractions: Map<string, Extraction>): Report {
  const empty = emptyExtraction();
  return aggregate(gold.articles.map((a) => scoreArticle(a, extractions.get(a.id) ?? empty)));
}

/** The per-field table as text. */
export function formatReport(report: Report): string {
  const pct = (n: number) => n.toFixed(3);
  const lines = ['field        P      R      F1     tp  fp  fn'];
  for (const f of FIELDS) {
    const s = report.fields[f];
    lines.push(`${f.padEnd(12)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}`);
  }
  lines.push(`macro-F1     ${pct(report.macroF1)}`);
  lines.push(`titles       ${pct(report.titles)}`);
  return lines.join('\n');
}

// The kinds of entity extract finds, one row each: what every layer needs to know about a kind
// without knowing the kind. Extract fills `Extraction[kind]`; the contract copies `contract`
// fields of each hit; the store keeps the hits in `table` (written by the generic row writer
// from `columns`, unless the kind has a writer of its own); the web labels and lists them.
// A new kind is a row here, its record type and field in types.ts, its rule family in extract,
// and its table in a migration (ARCHITECTURE.md "Add an entity kind").
import type { Extraction, HitProvenance } from './types.ts';
import { periodBounds } from './periods.ts';

export type EntityKind = keyof Extraction;

/**
 * A field of the contract: its JSON name, and the record field it comes from when that differs
 * (`compared_to` from `comparedTo`). With `optional`, the field is written only when the hit has a
 * value (neither null nor undefined) — fields are only ever added to the contract.
 */
export interface ContractField {
  name: string;
  from?: string;
  optional?: boolean;
}

export interface EntityKindInfo {
  kind: EntityKind;
  /** One of them, for labels and CSS classes: `date`. */
  one: string;
  label: { vi: string; en: string };
  /** The fields `vnpress extract --json` prints for each hit, in order (provenance adds span, rule, implied). */
  contract: readonly ContractField[];
  /** The table that holds one row per hit (with article_id, and span_start/span_end when it has them). */
  table: string;
  /**
   * Columns of the generic row writer, each read from the hit. Absent for the kinds the store
   * writes with code of its own (officials and documents are kept once and cited; numbers keep
   * the statistics summary).
   */
  columns?: Readonly<Record<string, ColumnReader>>;
}

/** Reads a column's value from a hit of the row's kind (typed for its kind by columnsOf where the row is declared). */
export type ColumnReader = (hit: never) => string | number | null;

/** A row's column readers, typed for its kind's hits. */
type Columns<K extends EntityKind> = Readonly<Record<string, (hit: Extraction[K][number]) => string | number | null>>;
const columnsOf = <K extends EntityKind>(_kind: K, columns: Columns<K>): Columns<K> => columns;

const fields = (...names: string[]): ContractField[] =>
  names.map((name) => (name.endsWith('?') ? { name: name.slice(0, -1), optional: true } : { name }));

export const ENTITY_KINDS = [
  {
    kind: 'officials', one: 'official', label: { vi: 'Cán bộ', en: 'Official' },
    contract: fields('name', 'titles'), table: 'official_titles',
  },
  {
    kind: 'documents', one: 'document', label: { vi: 'Văn bản', en: 'Document' },
    contract: fields('text', 'kind', 'number', 'code', 'date', 'issuer'), table: 'document_citations',
  },
  {
    kind: 'dates', one: 'date', label: { vi: 'Ngày', en: 'Date' },
    // A lunar day (`mồng 1 Tết`) adds the lunar fields; `value` stays its Gregorian day.
    contract: fields('text', 'value', 'calendar?', 'lunar?', 'leapMonth?'), table: 'dates',
    columns: columnsOf('dates', {
      text: (d) => d.text, value: (d) => d.value, part_of_day: (d) => d.partOfDay ?? null, implied: (d) => d.implied?.join(',') || null,
    }),
  },
  {
    kind: 'periods', one: 'period', label: { vi: 'Thời kỳ', en: 'Period' },
    contract: fields('text', 'value', 'calendar?', 'lunar?'), table: 'periods',
    columns: columnsOf('periods', {
      text: (p) => p.text, value: (p) => p.value, start_date: (p) => periodBounds(p.value)[0], end_date: (p) => periodBounds(p.value)[1],
    }),
  },
  {
    kind: 'statistics', one: 'statistic', label: { vi: 'Số liệu', en: 'Statistic' },
    // The analyst fields (issue #20) only when the sentence gives them.
    contract: [
      ...fields('text', 'value', 'total?', 'unit', 'currency?', 'vague?', 'indicator?'), { name: 'indicator_key', from: 'indicatorKey', optional: true },
      ...fields('qualifier?', 'upper?', 'change?'), { name: 'compared_to', from: 'comparedTo', optional: true }, ...fields('share?', 'restates?'),
    ],
    table: 'statistics',
  },
] as const satisfies readonly EntityKindInfo[];

/** An extraction with nothing in it. */
export function emptyExtraction(): Extraction {
  const empty = {} as Record<EntityKind, unknown[]>;
  for (const { kind } of ENTITY_KINDS) empty[kind] = [];
  return empty as Extraction;
}

/** A hit as the contract prints it; with `provenance`, also its span, rule id and implied fields. */
export function contractHit(info: EntityKindInfo, hit: HitProvenance, provenance: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const values = hit as unknown as Record<string, unknown>;
  for (const field of info.contract) {
    const value = values[field.from ?? field.name];
    if (field.optional && value == null) continue;
    out[field.name] = value;
  }
  if (provenance) Object.assign(out, { span: hit.span ?? null, rule: hit.rule ?? null, implied: hit.implied ?? [] });
  return out;
}

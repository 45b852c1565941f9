// The output contract of `vnpress extract` (docs/DESIGN.md): tools outside the project read these
// fields, so the shape is built here, in one place, and nothing else is added by default.
import type { Article, Extraction, HitProvenance, StatisticQualifier } from './types.ts';
import { contractHit, ENTITY_KINDS } from './entities.ts';

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
  /** A lunar day (`mồng 1 Tết`) also gives `calendar: 'lunar'` and the day as written in the lunar calendar; `value` is Gregorian. */
  dates: { text: string; value: string; calendar?: 'lunar'; lunar?: string; leapMonth?: boolean }[];
  periods: { text: string; value: string; calendar?: 'lunar'; lunar?: string }[];
  statistics: ContractStatistic[];
  warnings?: string[];
}

/** A statistic in the contract: the analyst fields (issue #20) appear only when the sentence gives them. */
export interface ContractStatistic {
  text: string;
  value: number;
  total?: number;
  unit: string;
  currency?: string;
  vague?: boolean;
  indicator?: string;
  indicator_key?: string;
  qualifier?: StatisticQualifier;
  upper?: number;
  change?: 'up' | 'down';
  compared_to?: string;
  share?: number;
  restates?: string;
}

/** With `provenance`, each hit also carries its span, rule id and implied fields. */
export function toContract(input: string, article: Article, extraction: Extraction, provenance = false): ContractRecord {
  const record = {
    input,
    url: article.canonicalUrl ?? article.url,
    title: article.title,
    published: article.published,
    author: article.author,
    language: article.language,
    text: article.text,
  } as ContractRecord;
  const lists = record as unknown as Record<string, unknown>;
  for (const info of ENTITY_KINDS) lists[info.kind] = (extraction[info.kind] as HitProvenance[]).map((hit) => contractHit(info, hit, provenance));
  if (article.warnings.length) record.warnings = article.warnings;
  return record;
}

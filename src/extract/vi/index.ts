// Vietnamese extraction: the rule families run in a fixed order, each claiming spans the later ones must not reuse
// (a document number is never a date or a statistic; a year inside a full date is not a period).
import type { Extraction } from '../../core/types.ts';
import { emptyExtraction } from '../../core/entities.ts';
import { extractDates } from './dates.ts';
import { extractDocuments } from './documents.ts';
import { nfc } from '../common/text.ts';
import { makeContext } from '../common/rules.ts';
import { parsePublished } from '../common/calendar.ts';
import { extractOfficials } from './officials.ts';
import { extractPeriods } from './periods.ts';
import { extractStatistics } from './statistics.ts';
import { addStatisticFields } from './statistic-fields.ts';

export function extractVi(text: string, published: string | null): Extraction {
  const ctx = makeContext(nfc(text), parsePublished(published));
  const documents = extractDocuments(ctx);
  const dates = extractDates(ctx);
  const periods = extractPeriods(ctx);
  const statistics = addStatisticFields(ctx, extractStatistics(ctx, periods), periods, [documents, dates, periods]);
  const officials = extractOfficials(ctx);
  return {
    ...emptyExtraction(), // kinds without Vietnamese rules
    officials,
    documents,
    dates: distinctBy(dates, (d) => d.value),
    periods: distinctBy(periods, (p) => p.value),
    statistics,
  };
}

/** Keep the first of each value: the body names a day or a span once in the output however often it repeats it. */
function distinctBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

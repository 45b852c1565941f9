// Query-string validation. Every route reads its parameters through one zod schema, so a
// malformed value (a page that is not a number, a date that is not a date, an unknown or
// repeated parameter, broken percent-encoding) becomes a 400 with a message that names the
// parameter and says what was expected.
import { z } from 'zod';

export class BadRequest extends Error {
  override name = 'BadRequest';
}

/** The query string as one value per name; empty values (blank form fields) count as absent. */
export function readQuery(url: string): Record<string, string> {
  const question = url.indexOf('?');
  const search = question < 0 ? '' : url.slice(question + 1).replace(/#.*$/, '');
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      value = decodeURIComponent((eq < 0 ? '' : part.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      throw new BadRequest(`malformed query string: ${JSON.stringify(part.slice(0, 80))} is not valid percent-encoded UTF-8`);
    }
    if (seen.has(name)) throw new BadRequest(`parameter "${name}" is given more than once`);
    seen.add(name);
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value)) {
      throw new BadRequest(`parameter "${name}" contains control characters`);
    }
    value = value.normalize('NFC').trim();
    if (value !== '') out[name] = value;
  }
  return out;
}

/** Parses `query` with `schema`, turning zod's issues into one readable sentence. */
export function parseParams<T extends z.ZodType>(schema: T, query: Record<string, string>): z.infer<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    const name = issue.path.join('.');
    const given = typeof name === 'string' && name in query ? ` (got ${JSON.stringify(query[name]!.slice(0, 60))})` : '';
    return `parameter "${name}": ${issue.message}${given}`;
  });
  throw new BadRequest(messages.join('; '));
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: 'not a real calendar date' });

const page = z.string().regex(/^\d{1,4}$/, { error: 'expected a whole number from 1 to 500' })
  .transform(Number).refine((n) => n >= 1 && n <= 500, { error: 'expected a whole number from 1 to 500' });

const text = (max: number) => z.string().max(max, { error: `at most ${max} characters` });
const id = z.string().regex(/^\d{1,12}$/, { error: 'expected a positive whole number' }).transform(Number);

/** Interface language; every route accepts it. */
export const langParam = z.enum(['vi', 'en'], { error: 'expected "vi" or "en"' }).optional();

export const formatParam = z.enum(['csv', 'jsonl', 'json'], { error: 'expected "csv", "jsonl" or "json"' }).default('csv');
export const excelParam = z.enum(['0', '1'], { error: 'expected 0 or 1' }).optional().transform((v) => v === '1');

const dateRange = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

function checkRange<T extends { from?: string | undefined; to?: string | undefined }>(value: T, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `"to" (${value.to}) is before "from" (${value.from})` });
  }
}

const searchFields = {
  lang: langParam,
  q: text(200).optional(),
  source: text(100).optional(),
  section: text(200).optional(),
  language: z.enum(['vi', 'en'], { error: 'expected "vi" or "en"' }).optional(),
  ...dateRange,
};

export const searchSchema = z.strictObject({ ...searchFields, page: page.default(1) }).superRefine(checkRange);
export const searchExportSchema = z.strictObject({ ...searchFields, format: formatParam, excel: excelParam }).superRefine(checkRange);

const statisticsFields = {
  lang: langParam,
  unit: text(100).optional(),
  indicator: text(200).optional(),
  sentence: text(200).optional(),
  source: text(100).optional(),
  place: text(100).optional(),
  official: text(200).optional(),
  ...dateRange,
  by: z.enum(['published', 'period'], { error: 'expected "published" or "period"' }).default('published'),
};
export const statisticsSchema = z.strictObject({ ...statisticsFields, page: page.default(1) }).superRefine(checkRange);
export const statisticsChartSchema = z.strictObject(statisticsFields).superRefine(checkRange);
export const statisticsExportSchema = z.strictObject({ ...statisticsFields, format: formatParam, excel: excelParam }).superRefine(checkRange);

export const officialsSchema = z.strictObject({ lang: langParam, q: text(200).optional(), page: page.default(1) });
export const officialsExportSchema = z.strictObject({ lang: langParam, q: text(200).optional(), format: formatParam, excel: excelParam });
export const documentsSchema = z.strictObject({ lang: langParam, q: text(200).optional(), page: page.default(1) });
export const documentsExportSchema = z.strictObject({ lang: langParam, q: text(200).optional(), format: formatParam, excel: excelParam });

/** Pages of one thing (an article, an official, a document) take only the language. */
export const itemSchema = z.strictObject({ lang: langParam });
export const itemExportSchema = z.strictObject({ lang: langParam, format: formatParam, excel: excelParam });

export function parseId(value: string | undefined): number {
  const parsed = id.safeParse(value ?? '');
  if (!parsed.success) throw new BadRequest(`${JSON.stringify(value)} is not an id: expected a positive whole number`);
  return parsed.data;
}

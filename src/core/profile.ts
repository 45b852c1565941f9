// A site profile (a `Source`) as plain data: the JSON/YAML profile format a user writes outside the
// repository, and the form in which the store keeps the profile a source's pages were cleaned with
// (so that `reextract` uses it again). Plain data is a Source with its article pattern as a string.
import { z } from 'zod';
import type { Source } from './types.ts';

const selectorsSchema = z.strictObject({
  title: z.string().min(1).optional(),
  body: z.string().min(1).optional(),
  lead: z.string().min(1).optional(),
  furniture: z.array(z.string().min(1)).optional(),
  author: z.string().min(1).optional(),
  published: z.string().min(1).optional(),
  section: z.string().min(1).optional(),
  dateFormat: z.string().optional(),
});

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, { message: 'expected an http(s) URL' });

const pattern = z.string().min(1).refine((value) => {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}, { message: 'expected a regular expression (JavaScript syntax, without slashes)' });

/** One site profile as plain data; unknown fields are refused (a misspelt field must not be ignored). */
export const profileSchema = z.strictObject({
  // The source's key in the database and on the command line: no spaces, slashes or quotes.
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'expected letters, digits, ., - and _' }),
  name: z.string().min(1),
  baseUrl: httpUrl,
  hosts: z.array(z.string().min(1)).optional(),
  language: z.enum(['vi', 'en']),
  feeds: z.array(httpUrl).optional(),
  sitemaps: z.array(httpUrl).optional(),
  listings: z.array(z.strictObject({ url: httpUrl, maxPages: z.number().int().positive().optional() })).optional(),
  articleUrlPattern: pattern.optional(),
  /** Flags of the pattern (`i` for a case-blind one). */
  articleUrlFlags: z.string().regex(/^[imsu]*$/, { message: 'expected regular-expression flags among i, m, s, u' }).optional(),
  selectors: selectorsSchema.optional(),
  rateLimit: z.strictObject({
    minDelayMs: z.number().nonnegative().optional(),
    concurrency: z.number().int().positive().optional(),
    maxArticlesPerRun: z.number().int().positive().optional(),
  }).optional(),
  examples: z.strictObject({ article: z.array(z.string()), notArticle: z.array(z.string()) }).optional(),
});

export type ProfileData = z.infer<typeof profileSchema>;

/** A profile in a file or database failed validation; the message names where and which field. */
export class ProfileError extends Error {
  override name = 'ProfileError';
}

/**
 * The Source a plain profile describes. `origin` names where it came from (a file, a database row)
 * for the error: `profiles/site.yaml: selectors.body: expected string, received number`.
 */
export function sourceFromProfile(data: unknown, origin: string): Source {
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(profile)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    throw new ProfileError(`${origin}: ${field}: ${issue.message}${more}`);
  }
  const { articleUrlPattern, articleUrlFlags, ...rest } = parsed.data;
  const source = { ...rest } as Source;
  if (articleUrlPattern !== undefined) source.articleUrlPattern = new RegExp(articleUrlPattern, articleUrlFlags ?? '');
  return source;
}

/** A Source as plain data (what `sourceFromProfile` reads back). */
export function profileOf(source: Source): ProfileData {
  const { articleUrlPattern, examples: _examples, ...rest } = source;
  const data: ProfileData = { ...rest } as ProfileData;
  if (articleUrlPattern instanceof RegExp) {
    data.articleUrlPattern = articleUrlPattern.source;
    // g and y make test() stateful; no URL pattern needs them.
    const flags = articleUrlPattern.flags.replace(/[gyd]/g, '');
    if (flags) data.articleUrlFlags = flags;
  } else if (articleUrlPattern !== undefined) {
    // A code profile from outside the repository may give its pattern as a string, as a data profile
    // does; anything else is left for the schema to name.
    (data as Record<string, unknown>)['articleUrlPattern'] = articleUrlPattern;
  }
  return data;
}

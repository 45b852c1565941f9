// clean → extract for one page or text: pure, shared by `extract`, `ingest`, `crawl` and `reextract`,
// within a per-page budget of size and time.
import vm from 'node:vm';
import { cleanHtml, cleanText, MAX_HTML_CHARS } from '../clean/index.ts';
import type { CleanOptions } from '../clean/index.ts';
import { extract } from '../extract/index.ts';
import type { Article, Extraction, InputKind } from '../core/types.ts';
import { emptyExtraction } from '../core/entities.ts';

export type { InputKind };

export interface Processed {
  article: Article;
  extraction: Extraction;
}

/** What one page may cost clean + extract. */
export interface PageBudget {
  /** Longest input, in characters (the fetcher's body cap is 8 MiB). */
  maxChars: number;
  /** Longest clean + extract may run, wall-clock ms; the page is abandoned when it is reached. */
  maxMs: number;
}

/**
 * An article page takes 2–5 ms; the largest pages the fetcher accepts (8 MiB) under a minute.
 * 30 s stops a pathological page (before the parser's depth cap, 200,000 nested elements took
 * 26–44 s) without failing a big honest page on a loaded machine.
 */
export const DEFAULT_PAGE_BUDGET: PageBudget = { maxChars: MAX_HTML_CHARS, maxMs: 30_000 };

export type PageBudgetReason = 'page-too-large' | 'page-too-slow';

/** A page over its budget: the runners record it as failed with `reason` and go on. */
export class PageOverBudget extends Error {
  override name = 'PageOverBudget';
  constructor(readonly reason: PageBudgetReason, message: string) {
    super(message);
  }
}

// clean + extract are synchronous: the only way to stop them mid-page is V8's own interrupt, which
// vm's `timeout` arms (a watchdog thread per call; it also stops a regular expression that
// backtracks without end). It costs ≈0.09 ms of CPU per page, measured against a bare call
// (~3 % of clean + extract). The context is made once; the page's work runs in this realm.
const budgetContext = vm.createContext({ job: null as (() => Processed) | null });
const runJob = new vm.Script('job()', { filename: 'vnpress-page-budget' });

/** clean → extract within the budget; throws PageOverBudget when the page is too large or takes too long. */
export function processPage(content: string, kind: InputKind, options: CleanOptions = {}, budget: PageBudget = DEFAULT_PAGE_BUDGET): Processed {
  if (content.length > budget.maxChars) {
    throw new PageOverBudget('page-too-large', `page-too-large: ${content.length.toLocaleString('en')} characters, over the budget of ${budget.maxChars.toLocaleString('en')}`);
  }
  const started = performance.now();
  budgetContext.job = () => cleanAndExtract(content, kind, options);
  try {
    return runJob.runInContext(budgetContext, { timeout: Math.max(1, Math.ceil(budget.maxMs)) }) as Processed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      const ms = Math.round(performance.now() - started);
      throw new PageOverBudget('page-too-slow', `page-too-slow: clean and extract stopped after ${ms.toLocaleString('en')} ms, over the budget of ${budget.maxMs.toLocaleString('en')} ms`);
    }
    throw error;
  } finally {
    budgetContext.job = null;
  }
}

function cleanAndExtract(content: string, kind: InputKind, options: CleanOptions): Processed {
  const article = kind === 'html' ? cleanHtml(content, options) : cleanText(content, options);
  // An explicit publication time (CLI --published) wins over what the page says.
  if (options.published && kind === 'html' && article.published !== options.published) {
    article.published = options.published;
    article.publishedOrigin = 'given';
    article.publishedZone = 'stated';
  }
  const extraction = article.text
    ? extract({ text: article.text, title: article.title, published: article.published, language: article.language })
    : emptyExtraction();
  return { article, extraction };
}

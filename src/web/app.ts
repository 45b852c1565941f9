// The web application: routes, parameter validation, language choice, errors, static assets.
// It only reads: the database handle it is given is opened read-only by the server.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { readFileSync } from 'node:fs';
import { dependencyFile, packagePath } from '../core/package-root.ts';
import type { DB } from '../store/connection.ts';
import { StoreError } from '../store/connection.ts';
import { UserError } from '../core/errors.ts';
import { html, type Html } from './html.ts';
import { translator, type Lang } from './i18n.ts';
import { layout, type PageContext } from './layout.ts';
import { CHART_CAP, ReadModel, type StatisticsFilters } from '../store/read-model.ts';
import {
  BadRequest, documentsExportSchema, documentsSchema, itemExportSchema, itemSchema, officialsExportSchema, officialsSchema,
  parseId, parseParams, readQuery, searchExportSchema, searchSchema, statisticsChartSchema, statisticsExportSchema, statisticsSchema,
} from './params.ts';
import { downloadName, downloadResponse } from './download.ts';
import { searchPage } from './pages/search.ts';
import { articlePage } from './pages/article.ts';
import { statisticsPage } from './pages/statistics.ts';
import { officialPage, officialsPage } from './pages/officials.ts';
import { documentPage, documentsPage } from './pages/documents.ts';

class NotFound extends Error {
  override name = 'NotFound';
}

interface Asset {
  body: string;
  type: string;
}

/** Plot and d3 are served from node_modules by the app itself: no CDN, the machines have no internet. */
function loadAssets(): Map<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, Asset>([
    ['style.css', { body: readFileSync(packagePath('src/web/static/style.css'), 'utf8'), type: 'text/css; charset=utf-8' }],
    ['chart.js', { body: readFileSync(packagePath('src/web/static/chart.js'), 'utf8'), type: js }],
    ['plot.umd.min.js', { body: readFileSync(dependencyFile('@observablehq/plot', 'dist/plot.umd.min.js'), 'utf8'), type: js }],
    ['d3.min.js', { body: readFileSync(dependencyFile('d3', 'dist/d3.min.js'), 'utf8'), type: js }],
  ]);
}

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

export function createApp(db: DB): Hono {
  const data = new ReadModel(db);
  const assets = loadAssets();
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  });

  /** The interface language: `?lang=` (remembered in a cookie), else the cookie, else Vietnamese. */
  function language(c: Context, query: Record<string, string>): Lang {
    const asked = query.lang;
    if (asked === 'vi' || asked === 'en') {
      setCookie(c, 'lang', asked, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true });
      return asked;
    }
    const cookie = getCookie(c, 'lang');
    return cookie === 'en' ? 'en' : 'vi';
  }

  function context(c: Context, query: Record<string, string>, shown: Record<string, string | number | undefined> = {}): PageContext {
    const lang = language(c, query);
    return { lang, t: translator(lang), path: new URL(c.req.url).pathname, query: shown };
  }

  function errorPage(c: Context, status: 400 | 404 | 500, message: string, query: Record<string, string>): Response {
    const ctx = context(c, query);
    const heading = status === 400 ? ctx.t('badRequest') : status === 404 ? ctx.t('notFound') : ctx.t('serverError');
    return c.html(layout(ctx, heading, html`<p class="error" role="alert">${message}</p><p><a href="/search">${ctx.t('back')}</a></p>`).value, status);
  }

  /** Runs a handler; bad input becomes a 400 (HTML, or plain text for data routes), a missing row a 404. */
  function route(kind: 'page' | 'data', handler: (c: Context, query: Record<string, string>) => Response | Promise<Response>) {
    return async (c: Context) => {
      let query: Record<string, string> = {};
      try {
        query = readQuery(c.req.url);
        return await handler(c, query);
      } catch (error) {
        const lang = query.lang === 'en' ? 'en' : 'vi';
        if (error instanceof BadRequest || error instanceof UserError) {
          const message = error.message;
          return kind === 'page' ? errorPage(c, 400, message, { lang }) : c.text(`400 Bad Request: ${message}\n`, 400);
        }
        if (error instanceof NotFound) {
          return kind === 'page' ? errorPage(c, 404, error.message, { lang }) : c.text(`404 Not Found: ${error.message}\n`, 404);
        }
        // A database problem or a bug: log it, tell the reader without the details.
        process.stderr.write(`vnpress serve: ${c.req.method} ${c.req.url}: ${(error as Error).stack ?? error}\n`);
        const message = error instanceof StoreError ? error.message : 'internal error';
        return kind === 'page' ? errorPage(c, 500, message, { lang }) : c.text(`500 Internal Server Error: ${message}\n`, 500);
      }
    };
  }

  const send = (c: Context, page: Html) => c.html(page.value);

  // ---- .json, .jsonl and .csv variants of every listing and item page at the page's own URL
  // (`/statistics.csv?unit=xã`, `/search.json?q=thanh+uy`, `/articles/7.json`), Datasette-style:
  // the rows of the page's filters, all of them (no paging), as its download gives them. They are
  // answered by the download routes below, so they take the same filters and give the same rows.
  // Registered before the item pages, whose `:id` would take `7.json`.
  const asDownload = (c: Context, target: string, format: string) => {
    const url = new URL(c.req.url);
    url.pathname = target;
    url.searchParams.delete('page');
    url.searchParams.set('format', format);
    return app.fetch(new Request(url, c.req.raw));
  };
  app.get('/:list{(?:search|statistics|officials|documents)\\.(?:json|jsonl|csv)}', (c) => {
    const [list, format] = c.req.param('list').split('.') as [string, string];
    return asDownload(c, `/${list}/export`, format);
  });
  app.get('/:kind{articles|officials|documents}/:file{[0-9]+\\.(?:json|jsonl|csv)}', (c) => {
    const [id, format] = c.req.param('file').split('.') as [string, string];
    return asDownload(c, `/${c.req.param('kind')}/${id}/export`, format);
  });

  app.get('/', (c) => {
    const query = readQueryLenient(c.req.url);
    return c.redirect(query.lang ? `/search?lang=${query.lang === 'en' ? 'en' : 'vi'}` : '/search', 302);
  });

  // ---- search
  app.get('/search', route('page', (c, query) => {
    const { lang: _lang, page, ...filters } = parseParams(searchSchema, query);
    const ctx = context(c, query, { ...filters });
    const result = data.search(filters, page);
    return send(c, searchPage(ctx, filters, page, data.facets(), result));
  }));
  app.get('/search/export', route('data', (_c, query) => {
    const { format, excel, lang: _lang, ...filters } = parseParams(searchExportSchema, query);
    return downloadResponse(data.searchAll(filters), format, excel, downloadName('search', filters));
  }));

  // ---- articles
  app.get('/articles/:id', route('page', (c, query) => {
    parseParams(itemSchema, query);
    const id = parseId(c.req.param('id'));
    const record = data.article(id);
    const ctx = context(c, query);
    if (!record) throw new NotFound(ctx.t('articleNotFound'));
    return send(c, articlePage(ctx, record));
  }));
  app.get('/articles/:id/export', route('data', (c, query) => {
    const { format, excel } = parseParams(itemExportSchema, query);
    const id = parseId(c.req.param('id'));
    if (!data.article(id)) throw new NotFound(`article ${id}`);
    return downloadResponse(data.articleEntities(id), format, excel, `article-${id}-entities`);
  }));

  // ---- statistics
  function statisticsFilters(params: { unit?: string | undefined; indicator?: string | undefined; sentence?: string | undefined;
    source?: string | undefined; place?: string | undefined;
    official?: string | undefined; from?: string | undefined; to?: string | undefined; by: 'published' | 'period' }):
    { filters: StatisticsFilters; officialMissing: boolean } {
    const official = params.official ? data.officialByName(params.official) : null;
    return {
      filters: { unit: params.unit, indicator: params.indicator, sentence: params.sentence, place: params.place, source: params.source, officialId: official?.id, from: params.from, to: params.to, by: params.by },
      officialMissing: !!params.official && !official,
    };
  }

  app.get('/statistics', route('page', (c, query) => {
    const { lang: _lang, page, ...view } = parseParams(statisticsSchema, query);
    const ctx = context(c, query, { ...view, by: view.by === 'published' ? undefined : view.by });
    const { filters, officialMissing } = statisticsFilters(view);
    const rows = officialMissing ? [] : data.statistics(filters, page);
    const total = officialMissing ? { count: 0, capped: false } : data.countStatistics(filters);
    return send(c, statisticsPage(ctx, view, page, data.facets(), { rows, total, officialMissing }));
  }));
  app.get('/statistics/chart.json', route('data', (c, query) => {
    const view = parseParams(statisticsChartSchema, query);
    const { filters, officialMissing } = statisticsFilters(view);
    c.header('cache-control', 'no-store');
    if (officialMissing) return c.json({ unit: view.unit ?? null, by: view.by, count: 0, capped: false, points: [] });
    return c.body(data.statisticsChartBody(filters, view.unit ?? null), 200, { 'content-type': 'application/json; charset=UTF-8' });
  }));
  app.get('/statistics/export', route('data', (_c, query) => {
    const { format, excel, lang: _lang, ...view } = parseParams(statisticsExportSchema, query);
    const { filters, officialMissing } = statisticsFilters(view);
    if (officialMissing) throw new BadRequest(`no official is named ${JSON.stringify(view.official)}`);
    const { by, ...shown } = view;
    return downloadResponse(data.statisticsAll(filters), format, excel, downloadName('statistics', { ...shown, by: by === 'published' ? undefined : by }));
  }));

  // ---- officials
  app.get('/officials', route('page', (c, query) => {
    const { q, page } = parseParams(officialsSchema, query);
    const ctx = context(c, query, { q });
    return send(c, officialsPage(ctx, q, page, data.officials(q, page)));
  }));
  app.get('/officials/export', route('data', (_c, query) => {
    const { q, format, excel } = parseParams(officialsExportSchema, query);
    return downloadResponse(data.officialsAll(q), format, excel, downloadName('officials', { q }));
  }));
  app.get('/officials/:id', route('page', (c, query) => {
    parseParams(itemSchema, query);
    const id = parseId(c.req.param('id'));
    const ctx = context(c, query);
    const record = data.official(id);
    if (!record) throw new NotFound(ctx.t('officialNotFound'));
    return send(c, officialPage(ctx, record));
  }));
  app.get('/officials/:id/export', route('data', (c, query) => {
    const { format, excel } = parseParams(itemExportSchema, query);
    const id = parseId(c.req.param('id'));
    if (!data.official(id)) throw new NotFound(`official ${id}`);
    return downloadResponse(data.officialRows(id), format, excel, `official-${id}`);
  }));

  // ---- documents
  app.get('/documents', route('page', (c, query) => {
    const { q, page } = parseParams(documentsSchema, query);
    const ctx = context(c, query, { q });
    return send(c, documentsPage(ctx, q, page, data.documents(q, page)));
  }));
  app.get('/documents/export', route('data', (_c, query) => {
    const { q, format, excel } = parseParams(documentsExportSchema, query);
    return downloadResponse(data.documentsAll(q), format, excel, downloadName('documents', { q }));
  }));
  app.get('/documents/:id', route('page', (c, query) => {
    parseParams(itemSchema, query);
    const id = parseId(c.req.param('id'));
    const ctx = context(c, query);
    const record = data.document(id);
    if (!record) throw new NotFound(ctx.t('documentNotFound'));
    return send(c, documentPage(ctx, record));
  }));
  app.get('/documents/:id/export', route('data', (c, query) => {
    const { format, excel } = parseParams(itemExportSchema, query);
    const id = parseId(c.req.param('id'));
    if (!data.document(id)) throw new NotFound(`document ${id}`);
    return downloadResponse(data.documentRows(id), format, excel, `document-${id}`);
  }));

  // ---- static assets
  app.get('/static/:file', (c) => {
    const asset = assets.get(c.req.param('file'));
    if (!asset) return c.text('404 Not Found\n', 404);
    c.header('cache-control', 'public, max-age=3600');
    return c.body(asset.body, 200, { 'content-type': asset.type });
  });

  app.notFound((c) => errorPage(c, 404, `${new URL(c.req.url).pathname}`, readQueryLenient(c.req.url)));
  app.onError((error, c) => {
    process.stderr.write(`vnpress serve: ${c.req.method} ${c.req.url}: ${error.stack ?? error}\n`);
    return c.text('500 Internal Server Error\n', 500);
  });
  return app;
}

/** For pages that must answer even when the query string is broken (redirects, 404s). */
function readQueryLenient(url: string): Record<string, string> {
  try {
    return readQuery(url);
  } catch {
    return {};
  }
}

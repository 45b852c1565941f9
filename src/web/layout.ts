// The page shell and the small pieces every page shares (links, pager, download links, menus).
import { html, type Html, type HtmlValue } from './html.ts';
import { formatNumber, type Lang, type Translate } from './i18n.ts';
import type { Counted } from '../store/read-model.ts';

export interface PageContext {
  lang: Lang;
  t: Translate;
  /** Path of the current page, e.g. `/search`. */
  path: string;
  /** The validated query of the current page (without `lang`). */
  query: Record<string, string | number | undefined>;
}

/** `path?a=1&b=2`, leaving out empty values. */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const NAV: { path: string; key: 'navSearch' | 'navStatistics' | 'navOfficials' | 'navDocuments' }[] = [
  { path: '/search', key: 'navSearch' },
  { path: '/statistics', key: 'navStatistics' },
  { path: '/officials', key: 'navOfficials' },
  { path: '/documents', key: 'navDocuments' },
];

export function layout(ctx: PageContext, title: string, body: Html, options: { scripts?: string[] } = {}): Html {
  const { t, lang } = ctx;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const switchHref = href(ctx.path, { ...ctx.query, lang: other });
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('appName')}</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<a class="skip" href="#main">${t('skipToContent')}</a>
<header class="top">
  <a class="brand" href="/search">${t('appName')}</a>
  <nav aria-label="${t('appName')}">
    ${NAV.map((item) => html`<a href="${item.path}"${ctx.path.startsWith(item.path) ? html` aria-current="page"` : ''}>${t(item.key)}</a>`)}
  </nav>
  <a class="lang" href="${switchHref}" hreflang="${other}" lang="${other}">${t('switchLang')}</a>
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
<footer><small>${t('tagline')}</small></footer>
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`;
}

export function countText(ctx: PageContext, total: Counted): string {
  return `${total.capped ? `${ctx.t('moreThan')} ` : ''}${formatNumber(ctx.lang, total.count)} ${ctx.t('results')}`;
}

/** Previous/next links that keep the filters. */
export function pager(ctx: PageContext, page: number, pageSize: number, shown: number, total: Counted): Html {
  const hasNext = page * pageSize < total.count || (total.capped && shown === pageSize);
  if (page === 1 && !hasNext) return html``;
  const from = (page - 1) * pageSize + 1;
  return html`<nav class="pager" aria-label="${ctx.t('page')}">
  ${page > 1 ? html`<a rel="prev" href="${href(ctx.path, { ...ctx.query, page: page - 1 })}">${ctx.t('previous')}</a>` : ''}
  <span>${ctx.t('page')} ${page} · ${ctx.t('rowsShown', { from, to: from + shown - 1 })}</span>
  ${hasNext ? html`<a rel="next" href="${href(ctx.path, { ...ctx.query, page: page + 1 })}">${ctx.t('next')}</a>` : ''}
</nav>`;
}

/** CSV, CSV for Excel and JSON Lines links for the rows of this view (every row, not one page). */
export function downloads(ctx: PageContext, exportPath: string, params: Record<string, string | number | undefined>): Html {
  const base = { ...params, page: undefined };
  return html`<p class="downloads">${ctx.t('download')}:
  <a href="${href(exportPath, { ...base, format: 'csv' })}" download>${ctx.t('csv')}</a>
  · <a href="${href(exportPath, { ...base, format: 'csv', excel: 1 })}" download>${ctx.t('csvExcel')}</a>
  · <a href="${href(exportPath, { ...base, format: 'jsonl' })}" download>${ctx.t('jsonl')}</a></p>`;
}

export function options(items: { value: string; label: string }[], selected: string | undefined, anyLabel: string): Html {
  return html`<option value="">${anyLabel}</option>${items.map((item) =>
    html`<option value="${item.value}"${item.value === selected ? html` selected` : ''}>${item.label}</option>`)}`;
}

export function field(label: string, control: HtmlValue): Html {
  return html`<label class="field"><span>${label}</span>${control}</label>`;
}

// Search: full text with or without diacritics, filters, snippets with the matched words marked.
import { html, Html, escapeHtml } from '../html.ts';
import { makeSnippet } from '../../store/snippets.ts';
import { formatDate } from '../i18n.ts';
import { countText, downloads, field, layout, options, pager, type PageContext } from '../layout.ts';
import { SEARCH_PAGE_SIZE, type ArticleHit, type Counted, type Facets, type SearchFilters } from '../../store/read-model.ts';

const OPEN = '\u0002';
const CLOSE = '\u0003';

/** Escapes text that carries OPEN/CLOSE markers, then turns the markers into <mark>. */
function marksToHtml(marked: string): Html {
  return new Html(escapeHtml(marked).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>'));
}

export function markRanges(text: string, ranges: [number, number][]): Html {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    out += text.slice(at, s) + OPEN + text.slice(s, e) + CLOSE;
    at = e;
  }
  return marksToHtml(out + text.slice(at));
}

export function hitSnippet(hit: ArticleHit): Html {
  return marksToHtml(makeSnippet(hit.text, hit.textMatches, 260, [OPEN, CLOSE]));
}

export function searchForm(ctx: PageContext, filters: SearchFilters, facets: Facets): Html {
  const { t } = ctx;
  return html`<form class="filters" method="get" action="/search" role="search">
  <label class="field wide"><span>${t('searchTitle')}</span>
    <input type="search" name="q" value="${filters.q ?? ''}" placeholder="${t('searchPlaceholder')}" maxlength="200" autofocus></label>
  ${field(t('source'), html`<select name="source">${options(facets.sources.map((s) => ({ value: s.id, label: s.name })), filters.source, t('any'))}</select>`)}
  ${facets.sections.length ? field(t('section'), html`<select name="section">${options(facets.sections.map((s) => ({ value: s, label: s })), filters.section, t('any'))}</select>`) : ''}
  ${field(t('language'), html`<select name="language">${options([{ value: 'vi', label: t('language_vi') }, { value: 'en', label: t('language_en') }], filters.language, t('any'))}</select>`)}
  ${field(t('from'), html`<input type="date" name="from" value="${filters.from ?? ''}">`)}
  ${field(t('to'), html`<input type="date" name="to" value="${filters.to ?? ''}">`)}
  <input type="hidden" name="lang" value="${ctx.lang}">
  <button type="submit">${t('search')}</button>
</form>
<p class="help">${t('searchHelp')}</p>`;
}

export function searchPage(ctx: PageContext, filters: SearchFilters, page: number, facets: Facets,
  result: { hits: ArticleHit[]; total: Counted }): Html {
  const { t, lang } = ctx;
  const list = result.hits.length === 0
    ? html`<p class="empty">${t('noResults')}</p>`
    : html`<ol class="hits" start="${(page - 1) * SEARCH_PAGE_SIZE + 1}">${result.hits.map((hit) => html`
  <li class="hit">
    <h2><a href="/articles/${hit.id}">${hit.title ? markRanges(hit.title, hit.titleMatches) : t('untitled')}</a></h2>
    <p class="meta">${formatDate(lang, hit.published)}${hit.source_name || hit.source_id ? html` · ${hit.source_name ?? hit.source_id}` : ''}${hit.section ? html` · ${hit.section}` : ''}</p>
    <p class="snippet">${hitSnippet(hit)}</p>
  </li>`)}</ol>`;
  const body = html`${searchForm(ctx, filters, facets)}
<section aria-live="polite">
<p class="count"><strong>${countText(ctx, result.total)}</strong></p>
${downloads(ctx, '/search/export', { ...ctx.query })}
${list}
${pager(ctx, page, SEARCH_PAGE_SIZE, result.hits.length, result.total)}
</section>`;
  return layout(ctx, filters.q ? `${t('searchTitle')}: ${filters.q}` : t('searchTitle'), body);
}

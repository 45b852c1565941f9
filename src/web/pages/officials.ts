// Officials: a directory, and each person's titles over time with the articles that gave them.
import { html, type Html } from '../html.ts';
import { formatDate, formatNumber } from '../i18n.ts';
import { countText, downloads, href, layout, pager, type PageContext } from '../layout.ts';
import { TABLE_PAGE_SIZE, type Counted, type OfficialRecord, type OfficialRow } from '../../store/read-model.ts';

export function officialsPage(ctx: PageContext, q: string | undefined, page: number, result: { rows: OfficialRow[]; total: Counted }): Html {
  const { t, lang } = ctx;
  const form = html`<form class="filters" method="get" action="/officials">
  <label class="field wide"><span>${t('name')}</span><input type="search" name="q" value="${q ?? ''}" maxlength="200"></label>
  <input type="hidden" name="lang" value="${lang}">
  <button type="submit">${t('filter')}</button>
</form>`;
  const table = result.rows.length === 0 ? html`<p class="empty">${t('noResults')}</p>` : html`<div class="table-wrap"><table class="data">
<thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('titles')}</th><th scope="col">${t('articles')}</th>
<th scope="col">${t('firstSeen')}</th><th scope="col">${t('lastSeen')}</th></tr></thead>
<tbody>${result.rows.map((row) => html`<tr>
<td><a href="/officials/${row.id}">${row.name}</a></td><td>${row.titles ?? ''}</td><td class="num">${formatNumber(lang, row.articles)}</td>
<td>${formatDate(lang, row.first_seen)}</td><td>${formatDate(lang, row.last_seen)}</td></tr>`)}</tbody></table></div>`;
  return layout(ctx, t('officialsTitle'), html`${form}
<p class="count"><strong>${countText(ctx, result.total)}</strong></p>
${downloads(ctx, '/officials/export', { q })}
${table}
${pager(ctx, page, TABLE_PAGE_SIZE, result.rows.length, result.total)}`);
}

export function officialPage(ctx: PageContext, record: OfficialRecord): Html {
  const { t, lang } = ctx;
  const { official } = record;
  const body = html`<p><a href="${href('/statistics', { official: official.name })}">${t('statisticsInArticles')} ${official.name}</a></p>
${downloads(ctx, `/officials/${official.id}/export`, {})}
<h2>${t('titlesOverTime')}</h2>
<div class="table-wrap"><table class="data titles">
<thead><tr><th scope="col">${t('titles')}</th><th scope="col">${t('firstSeen')}</th><th scope="col">${t('lastSeen')}</th><th scope="col">${t('articles')}</th></tr></thead>
<tbody>${record.titles.map((row) => html`<tr><td>${row.title ?? t('noTitle')}</td><td>${formatDate(lang, row.first_seen)}</td>
<td>${formatDate(lang, row.last_seen)}</td><td class="num">${formatNumber(lang, row.articles)}</td></tr>`)}</tbody></table></div>
<h2>${t('articles')}</h2>
<div class="table-wrap"><table class="data">
<thead><tr><th scope="col">${t('published')}</th><th scope="col">${t('article')}</th><th scope="col">${t('titleUsed')}</th></tr></thead>
<tbody>${record.articles.map((row) => html`<tr><td>${formatDate(lang, row.published)}</td>
<td><a href="/articles/${row.id}">${row.title ?? t('untitled')}</a></td><td>${row.titles ?? t('noTitle')}</td></tr>`)}</tbody></table></div>`;
  return layout(ctx, official.name, body);
}

// Documents by code: every article that cites one, and how often it is cited month by month.
import { html, jsonForScript, type Html } from '../html.ts';
import { formatDate, formatNumber } from '../i18n.ts';
import { countText, downloads, layout, pager, type PageContext } from '../layout.ts';
import { TABLE_PAGE_SIZE, type Counted, type DocumentRecord, type DocumentRow } from '../../store/read-model.ts';

export function documentsPage(ctx: PageContext, q: string | undefined, page: number, result: { rows: DocumentRow[]; total: Counted }): Html {
  const { t, lang } = ctx;
  const form = html`<form class="filters" method="get" action="/documents">
  <label class="field wide"><span>${t('code')}</span><input type="search" name="q" value="${q ?? ''}" maxlength="200" placeholder="57-NQ/TW"></label>
  <input type="hidden" name="lang" value="${lang}">
  <button type="submit">${t('filter')}</button>
</form>`;
  const table = result.rows.length === 0 ? html`<p class="empty">${t('noResults')}</p>` : html`<div class="table-wrap"><table class="data">
<thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('kind')}</th><th scope="col">${t('issued')}</th><th scope="col">${t('issuer')}</th>
<th scope="col">${t('citations')}</th><th scope="col">${t('firstSeen')}</th><th scope="col">${t('lastSeen')}</th></tr></thead>
<tbody>${result.rows.map((row) => html`<tr>
<td><a href="/documents/${row.id}">${row.code ?? `${row.kind} ${row.number ?? ''}`}</a></td><td>${row.kind}</td><td>${formatDate(lang, row.issued)}</td>
<td>${row.issuer ?? ''}</td><td class="num">${formatNumber(lang, row.citations)}</td>
<td>${formatDate(lang, row.first_cited)}</td><td>${formatDate(lang, row.last_cited)}</td></tr>`)}</tbody></table></div>`;
  return layout(ctx, t('documentsTitle'), html`${form}
<p class="count"><strong>${countText(ctx, result.total)}</strong></p>
${downloads(ctx, '/documents/export', { q })}
${table}
${pager(ctx, page, TABLE_PAGE_SIZE, result.rows.length, result.total)}`);
}

export function documentPage(ctx: PageContext, record: DocumentRecord): Html {
  const { t, lang } = ctx;
  const d = record.document;
  const title = d.code ? `${d.kind} ${d.code}` : `${d.kind} ${d.number ?? ''}`.trim();
  const body = html`<dl class="meta-list">
  <dt>${t('kind')}</dt><dd>${d.kind}</dd>
  ${d.number ? html`<dt>${t('number')}</dt><dd>${d.number}</dd>` : ''}
  ${d.code ? html`<dt>${t('code')}</dt><dd>${d.code}</dd>` : ''}
  <dt>${t('issued')}</dt><dd>${formatDate(lang, d.issued) || '—'}</dd>
  <dt>${t('issuer')}</dt><dd>${d.issuer ?? '—'}</dd>
</dl>
${downloads(ctx, `/documents/${d.id}/export`, {})}
<h2>${t('citationsOverTime')}</h2>
<figure class="chart" id="chart" data-chart="months" data-label-month="${t('month')}" data-label-count="${t('count')}">
<script type="application/json" class="chart-data">${jsonForScript(record.months)}</script>
<noscript><p>${t('chartNeedsJs')}</p></noscript>
</figure>
<div class="table-wrap"><table class="data months">
<thead><tr><th scope="col">${t('month')}</th><th scope="col">${t('count')}</th></tr></thead>
<tbody>${record.months.map((m) => html`<tr><td>${m.month}</td><td class="num">${formatNumber(lang, m.count)}</td></tr>`)}</tbody></table></div>
<h2>${t('citingArticles')}</h2>
<div class="table-wrap"><table class="data">
<thead><tr><th scope="col">${t('published')}</th><th scope="col">${t('article')}</th><th scope="col">${t('sentence')}</th></tr></thead>
<tbody>${record.citations.map((c) => html`<tr><td>${formatDate(lang, c.published)}</td>
<td><a href="/articles/${c.article_id}">${c.title ?? t('untitled')}</a></td><td>${c.text}</td></tr>`)}</tbody></table></div>`;
  return layout(ctx, title, body, { scripts: ['/static/d3.min.js', '/static/plot.umd.min.js', '/static/chart.js'] });
}

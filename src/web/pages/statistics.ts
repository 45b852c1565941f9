// Statistics explorer: search an indicator (what the numbers measure, issue #20; diacritics ignored) or
// pick a unit, source, place or official; a table of values with their sentence and article, and a chart
// over time drawn in the browser from /statistics/chart.json (shares when the numbers have totals).
import { html, type Html } from '../html.ts';
import { findStanding } from '../highlight.ts';
import { formatDate, formatNumber } from '../i18n.ts';
import { countText, downloads, field, href, layout, options, pager, type PageContext } from '../layout.ts';
import { CHART_CAP, TABLE_PAGE_SIZE, type Counted, type Facets, type StatisticRow } from '../../store/read-model.ts';

export interface StatisticsView {
  unit?: string | undefined;
  indicator?: string | undefined;
  sentence?: string | undefined;
  source?: string | undefined;
  place?: string | undefined;
  official?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  by: 'published' | 'period';
}

/** The sentence with the number marked, when the number's text stands in it on its own (`5 xã`, not inside `15 xã`). */
function sentence(row: StatisticRow): Html {
  const context = row.context ?? row.text;
  const at = findStanding(context, row.text);
  if (at < 0) return html`${context}`;
  return html`${context.slice(0, at)}<mark class="ent ent-statistic">${row.text}</mark>${context.slice(at + row.text.length)}`;
}

export function statisticsPage(ctx: PageContext, view: StatisticsView, page: number, facets: Facets,
  result: { rows: StatisticRow[]; total: Counted; officialMissing: boolean }): Html {
  const { t, lang } = ctx;
  const units = facets.units.map((u) => ({ value: u.unit, label: `${u.unit} (${formatNumber(lang, u.n)})` }));
  if (view.unit && !units.some((u) => u.value === view.unit)) units.unshift({ value: view.unit, label: view.unit });
  const places = facets.places.map((p) => ({ value: p.place, label: p.place }));
  if (view.place && !places.some((p) => p.value === view.place)) places.unshift({ value: view.place, label: view.place });
  const form = html`<form class="filters" method="get" action="/statistics">
  ${field(t('indicator'), html`<input type="search" name="indicator" value="${view.indicator ?? ''}" maxlength="200" list="indicators"
    placeholder="${t('indicatorPlaceholder')}"><datalist id="indicators">${facets.indicators.map((i) => html`<option value="${i.indicator}">`)}</datalist>`)}
  ${field(t('sentenceFilter'), html`<input type="search" name="sentence" value="${view.sentence ?? ''}" maxlength="200">`)}
  ${field(t('unit'), html`<select name="unit">${options(units, view.unit, t('any'))}</select>`)}
  ${field(t('source'), html`<select name="source">${options(facets.sources.map((s) => ({ value: s.id, label: s.name })), view.source, t('any'))}</select>`)}
  ${field(t('place'), html`<select name="place">${options(places, view.place, t('any'))}</select>`)}
  ${field(t('official'), html`<input type="text" name="official" value="${view.official ?? ''}" maxlength="200">`)}
  ${field(t('from'), html`<input type="date" name="from" value="${view.from ?? ''}">`)}
  ${field(t('to'), html`<input type="date" name="to" value="${view.to ?? ''}">`)}
  ${field(t('chartBy'), html`<select name="by">
    <option value="published"${view.by === 'published' ? html` selected` : ''}>${t('byPublished')}</option>
    <option value="period"${view.by === 'period' ? html` selected` : ''}>${t('byPeriod')}</option></select>`)}
  <input type="hidden" name="lang" value="${lang}">
  <button type="submit">${t('show')}</button>
</form>`;
  const params = { indicator: view.indicator, sentence: view.sentence, unit: view.unit, source: view.source, place: view.place, official: view.official, from: view.from, to: view.to, by: view.by };
  const charted = view.indicator ?? view.unit;
  const chart = charted && !result.officialMissing
    ? html`<figure class="chart" id="chart" data-chart="statistics" data-src="${href('/statistics/chart.json', { ...params, lang })}"
  data-by="${view.by}" data-unit="${view.unit ?? ''}" data-indicator="${view.indicator ?? ''}" data-lang="${lang}" data-label-value="${t('value')}" data-label-share="${t('share')}"
  data-label-date="${view.by === 'period' ? t('period') : t('published')}" data-label-open="${t('chartOpenSentence')}"
  data-label-no-total="${t('chartNoTotal')}"
  data-label-points="${t('chartPoints')}" data-label-capped="${t('chartCapped', { n: formatNumber(lang, CHART_CAP) })}">
  <figcaption>${t('chart')}: ${[view.indicator, view.unit].filter(Boolean).join(', ')}, ${view.by === 'period' ? t('byPeriod') : t('byPublished')}${view.by === 'period' ? html` — ${t('chartNoPeriod')}` : ''}</figcaption>
  <noscript><p>${t('chartNeedsJs')}</p></noscript>
</figure>`
    : html`<p class="chart-hint">${t('chartNeedsUnitOrIndicator')}</p>
${facets.indicators.length ? html`<nav class="indicators" aria-label="${t('topIndicators')}"><h2>${t('topIndicators')}</h2><ul>${facets.indicators.slice(0, 20).map((i) =>
  html`<li><a href="${href('/statistics', { indicator: i.indicator, lang: lang === 'vi' ? undefined : lang })}">${i.indicator}</a> <small>${formatNumber(lang, i.n)}</small></li>`)}</ul></nav>` : ''}`;
  const table = result.rows.length === 0
    ? html`<p class="empty">${t('noResults')}</p>`
    : html`<div class="table-wrap"><table class="data">
<thead><tr><th scope="col">${t('value')}</th><th scope="col">${t('total')}</th><th scope="col">${t('share')}</th><th scope="col">${t('unit')}</th>
<th scope="col">${t('indicator')}</th>
<th scope="col">${t('sentence')}</th><th scope="col">${t('period')}</th><th scope="col">${t('place')}</th>
<th scope="col">${t('published')}</th><th scope="col">${t('article')}</th></tr></thead>
<tbody>${result.rows.map((row) => html`<tr data-statistic="${row.id}">
<td class="num">${formatNumber(lang, row.value)}${row.upper !== null ? html`–${formatNumber(lang, row.upper)}` : ''}</td>
<td class="num">${row.total !== null ? formatNumber(lang, row.total) : ''}</td><td class="num">${row.share !== null ? formatNumber(lang, row.share) : ''}</td>
<td>${row.unit}</td><td>${row.indicator ?? ''}${row.change ? html` <small>${row.change === 'up' ? '↑' : '↓'}${row.compared_to ? ` ${row.compared_to}` : ''}</small>` : ''}</td><td class="sentence">${sentence(row)}</td><td>${row.period ?? ''}</td><td>${row.place ?? ''}</td>
<td>${formatDate(lang, row.published)}</td>
<td><a href="/articles/${row.article_id}#statistic-${row.id}">${row.article_title ?? t('untitled')}</a>${row.source_name ? html`<br><small>${row.source_name}</small>` : ''}</td>
</tr>`)}</tbody></table></div>`;
  const body = html`${form}
${result.officialMissing ? html`<p class="error" role="alert">${t('noOfficialNamed')} “${view.official}”.</p>` : ''}
${chart}
<p class="count"><strong>${countText(ctx, result.total)}</strong></p>
${downloads(ctx, '/statistics/export', params)}
${table}
${pager(ctx, page, TABLE_PAGE_SIZE, result.rows.length, result.total)}`;
  return layout(ctx, t('statisticsTitle'), body, { scripts: charted ? ['/static/d3.min.js', '/static/plot.umd.min.js', '/static/chart.js'] : [] });
}

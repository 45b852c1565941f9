// One article: its cleaned text with every extracted entity marked in place, its metadata,
// a link to the source page, and the entities listed beside it with links to their pages.
import { html, type Html } from '../html.ts';
import { formatDate, formatNumber } from '../i18n.ts';
import { downloads, href, layout, type PageContext } from '../layout.ts';
import { findStanding, locate, markEntities, type EntityKind, type EntitySpan } from '../highlight.ts';
import type { ArticleRecord, EntityRow } from '../../store/read-model.ts';
import { ENTITY_KINDS } from '../../core/entities.ts';

/** Where a plain-row entity links to, by kind (the others have no page of their own). */
const ROW_LINKS: Partial<Record<EntityKind, (row: EntityRow) => string>> = {
  date: (d) => href('/search', { from: d.value, to: d.value }),
};

/** How many entities of each kind the article has. */
function countOf(record: ArticleRecord, info: (typeof ENTITY_KINDS)[number]): number {
  if (info.kind === 'officials' || info.kind === 'documents' || info.kind === 'statistics') return record[info.kind].length;
  return record.rows[info.kind]?.length ?? 0;
}

/** Only http(s) links are made clickable: a stored `javascript:` URL must never become one. */
export function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Every place an official's full name appears on its own (officials carry no span in the store): not `Nguyễn Văn A` in `Nguyễn Văn An`. */
function nameSpans(text: string, name: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = findStanding(text, name); at >= 0; at = findStanding(text, name, at + name.length)) spans.push([at, at + name.length]);
  return spans;
}

export function entitySpans(record: ArticleRecord, lang: 'vi' | 'en'): EntitySpan[] {
  const { text } = record.article;
  const spans: EntitySpan[] = [];
  const used = new Set<number>();
  const add = (kind: EntityKind, hitText: string, start: number | null, end: number | null, hrefTo: string | null, label: string | null,
    anchor: string | null = null) => {
    const at = locate(text, hitText, start, end, used);
    if (!at) return;
    used.add(at[0]);
    spans.push({ start: at[0], end: at[1], kind, href: hrefTo, label, anchor });
  };
  for (const o of record.officials) {
    for (const [s, e] of nameSpans(text, o.name)) spans.push({ start: s, end: e, kind: 'official', href: `/officials/${o.id}`, label: o.titles });
  }
  for (const d of record.documents) add('document', d.text, d.span_start, d.span_end, `/documents/${d.document_id}`, d.code ?? d.kind);
  for (const info of ENTITY_KINDS) {
    const link = ROW_LINKS[info.one];
    for (const r of record.rows[info.kind] ?? []) add(info.one, r.text, r.span_start, r.span_end, link ? link(r) : null, r.value);
  }
  for (const s of record.statistics) {
    add('statistic', s.text, s.span_start, s.span_end, href('/statistics', { unit: s.unit }),
      `${formatNumber(lang, s.value)}${s.total !== null ? ` / ${formatNumber(lang, s.total)}` : ''} ${s.unit}`, `statistic-${s.id}`);
  }
  return spans;
}

function legend(ctx: PageContext, record: ArticleRecord): Html {
  return html`<ul class="legend" aria-label="${ctx.t('legend')}">${ENTITY_KINDS.map((info) =>
    html`<li><mark class="ent ent-${info.one}">${info.label[ctx.lang]}</mark> ${countOf(record, info)}</li>`)}</ul>`;
}

function sideList(ctx: PageContext, record: ArticleRecord): Html {
  const { t, lang } = ctx;
  const section = (kind: EntityKind, items: Html[]) => html`<section class="side-${kind}">
  <h3><span class="swatch ent-${kind}"></span>${ENTITY_KINDS.find((k) => k.one === kind)!.label[lang]} (${items.length})</h3>
  ${items.length ? html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>` : html`<p class="empty">${t('none')}</p>`}
</section>`;
  return html`<aside class="entities" aria-label="${t('entities')}">
<h2>${t('entities')}</h2>
${section('official', record.officials.map((o) => html`<a href="/officials/${o.id}">${o.name}</a>${o.titles ? html`<br><small>${o.titles}</small>` : ''}`))}
${section('document', record.documents.map((d) => html`<a href="/documents/${d.document_id}">${d.code ?? d.text}</a><br><small>${d.text}</small>`))}
${ENTITY_KINDS.filter((info) => info.kind in record.rows).map((info) => section(info.one, (record.rows[info.kind] ?? []).map((r) => {
  const link = ROW_LINKS[info.one];
  return link ? html`<a href="${link(r)}">${r.text}</a> <small>${r.value}</small>` : html`${r.text} <small>${r.value}</small>`;
})))}
${section('statistic', record.statistics.map((s) => html`<a href="${href('/statistics', { unit: s.unit })}">${formatNumber(lang, s.value)}${s.total !== null ? html` / ${formatNumber(lang, s.total)}` : ''} ${s.unit}</a>${s.period ? html` <small>${s.period}</small>` : ''}`))}
</aside>`;
}

export function articlePage(ctx: PageContext, record: ArticleRecord): Html {
  const { t, lang } = ctx;
  const a = record.article;
  const link = safeUrl(a.url);
  const meta = html`<dl class="meta-list">
  <dt>${t('published')}</dt><dd>${a.published ? html`<time datetime="${a.published}">${formatDate(lang, a.published)}</time>` : '—'}</dd>
  <dt>${t('source')}</dt><dd>${a.source_name ?? a.source_id ?? '—'}</dd>
  ${a.section ? html`<dt>${t('section')}</dt><dd>${a.section}</dd>` : ''}
  ${a.author ? html`<dt>${t('author')}</dt><dd>${a.author}</dd>` : ''}
  <dt>${t('language')}</dt><dd>${a.language}</dd>
  <dt>${t('url')}</dt><dd class="url">${link ? html`<a href="${link}" rel="noopener noreferrer nofollow">${t('originalLink')}</a> <small>${a.url}</small>` : a.url}</dd>
</dl>`;
  const body = html`<div class="article-layout">
<article class="article-text">
${meta}
${legend(ctx, record)}
<div class="text" lang="${a.language}">${markEntities(a.text, entitySpans(record, lang))}</div>
${downloads(ctx, `/articles/${a.id}/export`, {})}
</article>
${sideList(ctx, record)}
</div>`;
  return layout(ctx, a.title ?? t('untitled'), body);
}

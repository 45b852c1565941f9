// The shortcuts taken for speed must not change what clean reads: the skipping tokenizer builds the
// same tree as htmlparser2's own, the linear furniture-heading pass cuts where the rescanning one did,
// stopword counting, <br> paragraph breaks, and a profile's furniture list queried in one go.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DomHandler, Parser } from 'htmlparser2';
import type { AnyNode } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { cleanHtml, cleanText } from '../../src/clean/index.ts';
import { parseHtml } from '../../src/clean/parse.ts';
import { finishParagraphs } from '../../src/clean/text.ts';
import type { Source } from '../../src/core/types.ts';

const STOCK_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true };
// With source offsets, as parseHtml builds it: the comparison covers every node's start and end too.
function stockParse(html: string): AnyNode {
  const handler = new DomHandler(undefined, { withStartIndices: true, withEndIndices: true });
  new Parser(handler, STOCK_OPTIONS).end(html);
  return handler.root;
}
/** The tree as plain data: names, attributes, text, nesting (no parent/sibling links). */
const shape = (node: AnyNode): string => JSON.stringify(node, (k, v) => (k === 'parent' || k === 'prev' || k === 'next' ? undefined : v));

describe('skipping tokenizer', () => {
  const pagesDir = join(import.meta.dirname, '../../fixtures/pages');
  const realPages = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(pagesDir, f), 'utf8'));

  it('builds the same tree as htmlparser2 on real pages', () => {
    expect(realPages.length).toBeGreaterThan(0);
    for (const html of realPages) expect(shape(parseHtml(html, true))).toBe(shape(stockParse(html)));
  });

  it('decodes entities in text and attributes exactly as htmlparser2 does', () => {
    const cases = [
      '<p>AT&T &amp; Co &copy2024 &notit; &#7897;i &#x1EA1; &nbsp;x&</p>',
      '<p title="a&amp;b &quot;q&quot; &copy=1" data-x=\'it&apos;s "fine"\' class=c&amp;d>t&lt;u</p>',
      '<a href="/x?a=1&b=2&amp;c=3&copy=4">link &raquo;</a><title>Tin &amp; b&agrave;i</title>',
      '<p>a < b and 3<4, x<y></p><div>unclosed "quote <span class="x',
      '<p>Thủ tướng Phạm Minh Chính chủ trì</p><p>ends with an entity &amp',
      '<textarea>&lt;b&gt;</textarea><script>if (a < b && c) {}</script><style>p>a{}</style>',
    ];
    for (const html of cases) expect(shape(parseHtml(html, true)), html).toBe(shape(stockParse(html)));
  });

  it('keeps the text of the attribute-trimming parser identical', () => {
    const textOf = (n: AnyNode): string => ('data' in n && n.type === 'text' ? n.data : 'children' in n ? n.children.map(textOf).join('|') : '');
    for (const html of realPages) expect(textOf(parseHtml(html, false))).toBe(textOf(stockParse(html)));
  });
});

describe('furniture headings in paragraph lists', () => {
  const prose = (n: number): string => `Paragraph ${n} tells the story at length, with enough words in it to read as prose to the cleaner, and ends like a sentence.`;

  it('cuts everything after a heading at the tail of the body', () => {
    const paras = [prose(1), prose(2), prose(3), 'Tin liên quan', 'Headline of another story here', prose(4)];
    expect(finishParagraphs(paras, [], false).paragraphs).toEqual([prose(1), prose(2), prose(3)]);
  });

  it('inside the body drops the heading and the headlines after it, and keeps the prose that resumes', () => {
    const paras = [prose(1), 'Read more:', 'Another Story About The Budget Vote', 'Second Story Headline With Words', prose(2), prose(3), prose(4)];
    expect(finishParagraphs(paras, [], false).paragraphs).toEqual([prose(1), prose(2), prose(3), prose(4)]);
  });

  it('cuts at a mid-body heading when teasers repeat after it or another heading follows', () => {
    const twice = 'A teaser headline printed twice';
    const repeated = [prose(1), prose(2), 'Xem thêm', prose(3), twice, twice, prose(4), prose(5), prose(6)];
    expect(finishParagraphs(repeated, [], false).paragraphs).toEqual([prose(1), prose(2)]);
    const another = [prose(1), prose(2), 'Đọc thêm', prose(3), prose(4), prose(5), 'Bình luận', prose(6)];
    expect(finishParagraphs(another, [], false).paragraphs).toEqual([prose(1), prose(2)]);
    // Without those signs and with enough prose after it, only the heading goes.
    const resumes = [prose(1), prose(2), 'Đọc thêm', prose(3), prose(4), prose(5)];
    expect(finishParagraphs(resumes, [], false).paragraphs).toEqual([prose(1), prose(2), prose(3), prose(4), prose(5)]);
  });
});

describe('language from stopwords', () => {
  const samples: [string, string][] = [
    ['en', 'The council said that the plan is ready, and the vote of the members is due next week (the 3rd time).'],
    ['de', 'Der Rat sagte, die Pläne seien fertig, und das ist nicht das Ende der Debatte über die Stadt.'],
    ['fr', 'Le conseil a dit que la réforme est prête et les élus des quartiers attendent le vote, est-ce la fin?'],
    ['pl', 'Rada powiedziała, że plan jest gotowy i w przyszłym tygodniu nie będzie głosowania na ten temat, się okaże.'],
  ];
  it('names the language of plain text by its stopwords, also next to punctuation and digits', () => {
    for (const [lang, text] of samples) expect(cleanText(`${text}\n\n${text}`).language, lang).toBe(lang);
  });
  it('does not count stopwords inside longer words', () => {
    expect(cleanText('Theater andere Ofen Tomate Island thatch, Lesezeichen Diesel Etage Nieder Nase.').language).toBe('und');
  });
});

describe('line breaks in blocks', () => {
  const sentence = (n: number): string => `Sentence ${n} of a long paragraph about the provincial budget, its revenues, its spending and the debate it raised.`;
  it('a blank line of <br>s (with spaces between) splits a paragraph; a single <br> does not', () => {
    const html = `<html><body><article><div>${sentence(1)}<br>${sentence(2)}<br> \u00a0 <br>${sentence(3)}<br>\n<br>${sentence(4)}</div></article></body></html>`;
    expect(cleanHtml(html).paragraphs).toEqual([`${sentence(1)} ${sentence(2)}`, sentence(3), sentence(4)]);
  });
});

describe('profile furniture selectors', () => {
  const source = (furniture: string[]): Source => ({
    id: 'test', name: 'Test', baseUrl: 'https://example.vn/', language: 'vi',
    selectors: { body: 'div.body', furniture },
  });
  const para = (n: number): string => `<p>Đoạn ${n} của bài viết nói về phiên họp của Hội đồng nhân dân thành phố, với số liệu cụ thể và ý kiến của đại biểu.</p>`;
  const html = `<html><body><div class="body">${para(1)}<div class="related"><p>Tin liên quan: một bài khác rất dài về chủ đề khác hẳn.</p></div>${para(2)}<p id="mail">Email: toasoan@example.vn, góp ý cho tòa soạn.</p>${para(3)}</div></body></html>`;

  it('drops what any selector of the list matches', () => {
    const art = cleanHtml(html, { source: source(['.related', '#mail']) });
    expect(art.paragraphs).toHaveLength(3);
    expect(art.text).not.toContain('Tin liên quan');
    expect(art.text).not.toContain('toasoan@');
    expect(art.warnings.filter((w) => w.startsWith('profile-'))).toEqual([]);
  });

  it('names an invalid selector and still applies the valid ones', () => {
    const art = cleanHtml(html, { source: source(['.related', 'div[[bad', '#mail']) });
    expect(art.warnings).toContain('profile-selector-invalid: div[[bad');
    expect(art.text).not.toContain('Tin liên quan');
    expect(art.text).not.toContain('toasoan@');
    expect(art.paragraphs).toHaveLength(3);
  });
});

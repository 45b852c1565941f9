// Profile selectors are answered by one shared cheerio instance with the page's document as context
// (a `cheerio.load` per page kept recent pages' DOMs alive through young-generation GCs). The answers
// must be those of a cheerio loaded on the page itself, and never reach into another page.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { firstMatcher, pageQuery } from '../../src/clean/metadata.ts';
import { parseHtml } from '../../src/clean/parse.ts';
import { isHeadlineLike } from '../../src/clean/text.ts';

const pagesDir = join(import.meta.dirname, '../../fixtures/pages');
const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(pagesDir, f), 'utf8'));

const SELECTORS = [
  'p', 'h1', 'title', 'meta[property="og:title"]', 'a[href]', 'div p', 'ul > li', 'li:first-child', 'p:eq(2)', 'div:first',
  'h1, h2, h3', '[class*="date"]', '[class*="content"] p', 'article', 'time[datetime]', 'html > head > meta', 'span:last',
  'section:nth-child(2)', 'div:not([class])', 'no-such-element',
];

const rootOf = (n: AnyNode): AnyNode => { let p = n; while (p.parent) p = p.parent; return p; };

describe('pageQuery', () => {
  it('matches what cheerio.load on the page matches, node for node, in order', () => {
    expect(pages.length).toBeGreaterThan(1);
    for (const html of pages) {
      const mine = pageQuery(parseHtml(html, true));
      const theirs = cheerio.load(parseHtml(html, true));
      for (const sel of SELECTORS) {
        const a = mine(sel).toArray().map((n) => shapeOf(n));
        const b = theirs(sel).toArray().map((n) => shapeOf(n));
        expect(a, sel).toEqual(b);
      }
      const h1 = mine('h1').first();
      if (h1.length) expect(mine(h1[0]!).text()).toBe(theirs('h1').first().text());
    }
  });

  it('stays within its own page when several pages are open', () => {
    const docs = pages.map((html) => parseHtml(html, true));
    const queries = docs.map((d) => pageQuery(d));
    queries.forEach((q, i) => {
      const found = q('p, div, a').toArray();
      expect(found.length).toBeGreaterThan(0);
      for (const n of found) expect(rootOf(n)).toBe(docs[i]);
      expect(q.root).toBe(docs[i]);
    });
  });

  it('answers a profile’s selectors from their union as each alone would', () => {
    const doc = parseHtml(pages[0]!, true);
    const q = pageQuery(doc);
    const wanted = ['h1', 'title', 'p', 'meta[name]', 'a'];
    const first = firstMatcher(q, wanted);
    for (const sel of wanted) expect(first(sel)).toBe(q(sel).first()[0] ?? null);
    expect(first('p:eq(1)')).toBe(q('p').eq(1)[0] ?? null);
    expect(first('div[')).toBeNull(); // malformed: no match, no throw
  });
});

describe('word counting by a shared global regex', () => {
  it('counts from the start of every line, however often it is called', () => {
    const lines: [string, boolean][] = [
      ['Thủ tướng thăm chính thức Lào', true],
      ['Ba từ thôi', false],
      ['Một hai ba bốn', true],
      [`Headline ${'word '.repeat(28).trim()}`, true], // 29 words
      [`Headline ${'word '.repeat(30).trim()}`, false], // 31 words
      ['Ends with a full stop here.', false],
    ];
    for (let round = 0; round < 3; round++) for (const [line, want] of lines) expect(isHeadlineLike(line), line).toBe(want);
  });
});

/** A node by its path from the root (identity across two parses of the same page). */
function shapeOf(n: AnyNode): string {
  const path: number[] = [];
  let c: AnyNode = n;
  while (c.parent) { path.push(c.parent.children.indexOf(c as never)); c = c.parent; }
  return path.reverse().join('/');
}

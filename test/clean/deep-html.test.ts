// Pathologically deep HTML: elements beyond MAX_DOM_DEPTH are flattened into their ancestor, so a
// page of 200,000 nested elements costs what 200,000 flat ones cost, and its text is kept.
import { describe, it, expect } from 'vitest';
import type { AnyNode, Element } from 'domhandler';
import { parseHtml, MAX_DOM_DEPTH, type ParseStats } from '../../src/clean/parse.ts';
import { processPage } from '../../src/run/process.ts';

function depthOf(node: AnyNode): number {
  // Iterative: the point is that the tree may not be deep, so the test must not rely on it.
  let deepest = 0;
  const stack: [AnyNode, number][] = [[node, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if ('children' in n) for (const c of n.children) stack.push([c, d + 1]);
  }
  return deepest;
}

function byId(node: AnyNode, id: string): Element | null {
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag' && (n as Element).attribs['id'] === id) return n as Element;
    if ('children' in n) stack.push(...n.children);
  }
  return null;
}

const parentOf = (el: Element): Element => el.parent as Element;

const textOf = (node: AnyNode): string => {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
};

const nest = (n: number, open: string, close: string, inner: string) => open.repeat(n) + inner + close.repeat(n);

describe('depth cap in the parser', () => {
  const deep = MAX_DOM_DEPTH + 500;
  // Each case: a page, and what must hold of its tree.
  const cases: [name: string, html: string, check: (root: AnyNode, stats: ParseStats) => void][] = [
    ['shallow pages are left alone', `<html><body>${nest(200, '<div>', '</div>', '<p id="in">x</p>')}<p id="after">y</p></body></html>`, (root, stats) => {
      expect(stats.flattened).toBe(0);
      expect(depthOf(root)).toBeGreaterThan(200);
      expect(parentOf(byId(root, 'after')!).name).toBe('body');
    }],
    ['a deep region is flattened and what follows it returns to its level', `<html><body><article id="a">${nest(deep, '<div>', '</div>', 'deep text')}<p id="after">after</p></article></body></html>`, (root, stats) => {
      expect(stats.flattened).toBeGreaterThan(0);
      expect(depthOf(root)).toBeLessThanOrEqual(MAX_DOM_DEPTH + 2);
      expect(textOf(root)).toContain('deep text');
      expect(parentOf(byId(root, 'after')!).attribs['id']).toBe('a');
    }],
    ['stray end tags inside the deep region do not close the tree', `<body><main id="m">${nest(deep, '<section>', '</section>', '</span></b></em>text')}<p id="after">z</p></main></body>`, (root) => {
      expect(parentOf(byId(root, 'after')!).attribs['id']).toBe('m');
      expect(textOf(root)).toContain('text');
    }],
    ['unclosed paragraphs and list items beyond the cap close their siblings', `<body><div id="d">${nest(deep, '<div>', '</div>', '<p>one<p>two<ul><li>a<li>b</ul>')}<p id="after">z</p></div></body>`, (root) => {
      expect(textOf(root)).toMatch(/one.*two.*a.*b/s);
      expect(parentOf(byId(root, 'after')!).attribs['id']).toBe('d');
    }],
    ['self-closing and void elements beyond the cap', `<body><div id="d">${nest(deep, '<div>', '</div>', 'a<br>b<img src=x><span/>c')}<p id="after">z</p></div></body>`, (root) => {
      expect(textOf(root)).toContain('abc');
      expect(parentOf(byId(root, 'after')!).attribs['id']).toBe('d');
    }],
    ['an end tag of an ancestor closes the flattened content inside it', `<body><div id="outer">${'<div>'.repeat(MAX_DOM_DEPTH)}${'<span>'.repeat(300)}x</div><p id="after">z</p></body>`, (root) => {
      // The first </div> closes the innermost div of the tree and every span in it.
      expect(textOf(root)).toContain('x');
      expect(depthOf(root)).toBeLessThanOrEqual(MAX_DOM_DEPTH + 2);
    }],
  ];
  it.each(cases)('%s', (_name, html, check) => {
    for (const all of [false, true]) {
      const stats: ParseStats = { flattened: 0 };
      check(parseHtml(html, all, stats), stats);
    }
  });
});

describe('a page of 200,000 nested elements', () => {
  const N = 200_000;
  const body = 'Chiều 15/7, Thủ tướng Chính phủ ký Quyết định số 290/QĐ-TTg về 356/382 xã đạt chuẩn nông thôn mới. ';
  const deepPage = `<html><head><title>Trang sâu</title></head><body><article>${'<div>x '.repeat(N)}<p>${body.repeat(3)}</p>${'</div>'.repeat(N)}</article></body></html>`;
  const flatPage = `<html><head><title>Trang phẳng</title></head><body><article>${'<div>x </div>'.repeat(N)}<p>${body.repeat(3)}</p></article></body></html>`;
  const cpuMs = (fn: () => void) => {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };

  it('keeps its text and costs about what 200,000 flat elements cost (same process, CPU time)', () => {
    // Warm both paths once on small pages so neither pays the JIT's first compile.
    processPage(deepPage.slice(0, 2000), 'html');
    processPage(flatPage.slice(0, 2000), 'html');
    let deep: ReturnType<typeof processPage> | undefined;
    const flatMs = cpuMs(() => processPage(flatPage, 'html'));
    const deepMs = cpuMs(() => { deep = processPage(deepPage, 'html'); });
    expect(deep!.article.text).toContain('Thủ tướng Chính phủ ký Quyết định số 290/QĐ-TTg');
    expect(deep!.extraction.documents.some((d) => d.code === '290/QĐ-TTg')).toBe(true);
    // Before the cap: 26–44 s for the parse alone against ~1.5 s for the flat page (quadratic in depth).
    expect(deepMs, `deep ${deepMs.toFixed(0)} ms of CPU against flat ${flatMs.toFixed(0)} ms`).toBeLessThan(3 * flatMs + 1000);
  }, 240_000);
});

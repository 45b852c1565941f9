// Removes inert markup before parsing: scripts, styles, inline SVG, <noscript> and comments make up
// about half the characters of a news page and never hold article text, and the parser spends its
// time building nodes for them. Kept: JSON-LD scripts (metadata reads them) and the HTML inside
// `<script type="text/template">` bodies (Blogger ships the post body that way), which is unwrapped.
// One left-to-right scan with indexOf/sticky searches: linear even on unclosed tags.

const OPEN = /<(script|style|svg|noscript)(?=[\s/>])([^>]*)>|<!--/gi;
// Elements the generic extractor drops whole (body.ts DROP_TAGS); removed before parsing on that path.
const DROPPED_WHOLE = ['nav', 'aside', 'select', 'template', 'iframe', 'button', 'dialog', 'menu', 'object', 'map', 'math', 'canvas', 'video', 'audio'];
const OPEN_WITH_NAVIGATION = new RegExp(`<(script|style|svg|noscript|${DROPPED_WHOLE.join('|')})(?=[\\s/>])([^>]*)>|<!--`, 'gi');
// An end tag is `</name` followed by a space, `/` or `>`; it runs to the next `>` (`</script\n  <!--…-->`).
const CLOSERS: Record<string, RegExp> = {
  script: /<\/script(?=[\s/>])/gi,
  style: /<\/style(?=[\s/>])/gi,
  svg: /<\/svg(?=[\s/>])/gi,
  noscript: /<\/noscript(?=[\s/>])/gi,
};

/**
 * `navigation` also removes `<nav>`, `<aside>` and the other elements the generic extractor drops
 * whole (menus, sidebars, selects, iframes: often a third of a page's elements); nested ones are
 * matched by depth, and one left unclosed is kept, as the parser would see it.
 */
export function stripInert(html: string, navigation = false): string {
  const parts: string[] = [];
  let last = 0;
  const OPEN_RE = navigation ? OPEN_WITH_NAVIGATION : OPEN;
  OPEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN_RE.exec(html))) {
    const start = m.index;
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', start + 2); // `<!-->` and `<!--->` close at once, as in browsers
      if (end < 0) break; // unclosed comment: leave the rest to the parser
      parts.push(html.slice(last, start), ' ');
      last = end + 3;
      OPEN_RE.lastIndex = last;
      continue;
    }
    const tag = m[1]!.toLowerCase();
    const attrs = m[2] ?? '';
    const openEnd = start + m[0].length;
    if (attrs.endsWith('/')) { // <svg … /> or <script … />: nothing inside
      parts.push(html.slice(last, start));
      last = openEnd;
      continue;
    }
    if (tag in NESTING) {
      const end = matchingEnd(html, tag, openEnd);
      if (end < 0) continue;
      parts.push(html.slice(last, start), ' ');
      last = end;
      OPEN_RE.lastIndex = end;
      continue;
    }
    const closer = CLOSERS[tag]!;
    closer.lastIndex = openEnd;
    const close = closer.exec(html);
    if (!close) break;
    const gt = html.indexOf('>', close.index);
    if (gt < 0) break;
    const closeEnd = gt + 1;
    if (tag === 'script') {
      const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase() ?? '';
      if (type === 'application/ld+json') { OPEN_RE.lastIndex = closeEnd; continue; }
      if (type === 'text/template' || type === 'text/html') {
        const inner = html.slice(openEnd, close.index);
        if (isArticleMarkup(inner)) {
          parts.push(html.slice(last, start), inner);
          last = closeEnd;
          OPEN_RE.lastIndex = closeEnd;
          continue;
        }
      }
    }
    parts.push(html.slice(last, start), ' ');
    last = closeEnd;
    OPEN_RE.lastIndex = closeEnd;
  }
  if (last === 0) return html;
  parts.push(html.slice(last));
  return parts.join('');
}

/** Template bodies that are real paragraphs, not UI templates with placeholders. */
function isArticleMarkup(inner: string): boolean {
  if (/\{\{|<%|\$\{/.test(inner)) return false;
  let n = 0;
  for (let i = inner.indexOf('<p'); i >= 0 && n < 3; i = inner.indexOf('<p', i + 2)) n++;
  return n >= 3;
}


const NESTING: Record<string, RegExp> = Object.fromEntries(DROPPED_WHOLE.map((t) => [t, new RegExp(`<(\\/?)${t}(?=[\\s/>])[^>]*>`, 'gi')]));

/** Index just past the end tag that closes the element opened before `from`, or -1. */
function matchingEnd(html: string, tag: string, from: number): number {
  const re = NESTING[tag]!;
  re.lastIndex = from;
  let depth = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[1] === '/') { if (--depth === 0) return m.index + m[0].length; }
    else if (!m[0].endsWith('/>')) depth++;
  }
  return -1;
}

// Currencies as the Vietnamese press writes them around an amount, with their ISO 4217 codes: after it (`300 nghìn
// đồng`, `hai mươi đô la`, `50 Euro`, `10$`, `5 triệu USD`) or before it (`$10`, `USD 5 triệu`, `€20`, `EUR29,99`).
import currencies from './lexicons/currencies.json' with { type: 'json' };
import { tokenize, type Token } from '../common/text.ts';
import { toneKey } from '../../core/fold.ts';
import { parseNumeral } from './numbers.ts';

interface Trie {
  next: Map<string, Trie>;
  code: string | null;
}

/** A phrase trie keyed by token fold keys: phrases are tokenised as the text is (`US$` is `US` + `$`). */
function trieOf(entries: Record<string, string>): Trie {
  const root: Trie = { next: new Map(), code: null };
  for (const [phrase, code] of Object.entries(entries)) {
    let node = root;
    for (const t of tokenize(phrase.normalize('NFC'))) {
      let child = node.next.get(t.key);
      if (!child) node.next.set(t.key, (child = { next: new Map(), code: null }));
      node = child;
    }
    node.code = code;
  }
  return root;
}

const AFTER = trieOf(currencies.after);
const BEFORE = trieOf(currencies.before);
const NOT_AFTER = new Map(Object.entries(currencies.notAfter).map(([word, next]) => [toneKey(word), new Set(next.map((w) => toneKey(w)))]));

/** A currency written in the text: its ISO code and where it stands (token indexes and character offsets). */
export interface CurrencyMatch {
  code: string;
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
}

function longest(tokens: readonly Token[], k: number, trie: Trie): CurrencyMatch | null {
  let node: Trie | undefined = trie;
  let found: CurrencyMatch | null = null;
  for (let i = k; i < tokens.length && i - k < 5; i++) {
    const t = tokens[i]!;
    if (i > k && t.newlineBefore) break;
    node = node.next.get(t.key);
    if (!node) break;
    if (node.code) found = { code: node.code, firstToken: k, endToken: i + 1, start: tokens[k]!.start, end: t.end };
  }
  return found;
}

/** The currency written at token k after an amount (`đồng`, `đô la Mỹ`, `USD`, `$`), or null; `đồng chí`, `đô thị` are not. */
export function currencyAfter(tokens: readonly Token[], k: number): CurrencyMatch | null {
  const found = longest(tokens, k, AFTER) ?? perUnit(tokens, k);
  if (!found) return null;
  if (found.endToken - found.firstToken === 1) {
    const blocked = NOT_AFTER.get(tokens[k]!.key);
    const next = tokens[found.endToken];
    if (blocked && next && !next.newlineBefore && blocked.has(next.key)) return null;
  }
  return found;
}

/** `đồng/kg`, `USD/người/năm`: a currency per unit is one word token to the tokenizer; the currency is its head. */
function perUnit(tokens: readonly Token[], k: number): CurrencyMatch | null {
  const t = tokens[k];
  if (!t || t.kind === 'num' || t.kind === 'punct') return null;
  const slash = t.text.indexOf('/');
  if (slash <= 0) return null;
  const code = AFTER.next.get(toneKey(t.text.slice(0, slash)))?.code;
  return code ? { code, firstToken: k, endToken: k + 1, start: t.start, end: t.start + slash } : null;
}

/** The currency symbol or code written at token k before an amount (`$`, `US$`, `USD`, `€`), or null. */
export function currencyBefore(tokens: readonly Token[], k: number): CurrencyMatch | null {
  return longest(tokens, k, BEFORE);
}

/** Fold keys of the first tokens of currencies written before an amount (`$`, `usd`, `us`, `€` …). */
export const CURRENCY_BEFORE_OPENERS: readonly string[] = [...BEFORE.next.keys()];

/** Could the token open a currency written before an amount? A cheap check before `currencyBefore`. */
export function opensCurrencyBefore(token: Token): boolean {
  return BEFORE.next.has(token.key);
}

/** A code glued to its amount (`USD1,23`, `EUR29,99`, `Rs20`): one word token to the tokenizer. */
const GLUED_CODE = /(USD|EUR|GBP|JPY|AUD|SGD|CAD|HKD|CNY|RMB|KRW|THB|VND|VNĐ|INR|CHF|Rs)(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\p{L}\p{N}]|[.,]\p{N})/uy;
const GLUED_CODE_FIRST = new Set(['U', 'E', 'G', 'J', 'A', 'S', 'C', 'H', 'R', 'K', 'T', 'V', 'I']);

/** `USD1,23` at offset `at`: the code, the amount and the end offset; null when the text there is not one. */
export function gluedAmount(text: string, at: number): { code: string; symbol: string; value: number; end: number } | null {
  if (!GLUED_CODE_FIRST.has(text[at] ?? '')) return null;
  GLUED_CODE.lastIndex = at;
  const m = GLUED_CODE.exec(text);
  if (!m) return null;
  const value = parseNumeral(m[2]!);
  if (value === null) return null;
  const entry = Object.hasOwn(currencies.before, m[1]!) ? currencies.before[m[1]! as keyof typeof currencies.before] : null;
  if (!entry) return null;
  return { code: entry, symbol: m[1]!, value, end: at + m[0].length };
}

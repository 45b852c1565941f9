// What a person types into the search box, turned into an FTS5 expression over the index.
// Search input is not FTS5 syntax: a stray bracket (`alert(1)`, `Hà Nội(2020)`) or a lone
// operator must search the words, never fail the whole search.
//
// The index holds the original text, tokenized by unicode61 with remove_diacritics 2: tone and
// vowel marks fold away on both sides (`thanh uy` finds `Thành ủy`), but đ is a letter of its own
// to SQLite and stays đ. So every d or đ a person types is both: each phrase is written once per
// way of spelling its d's (`dang vien` → `"dang vien" OR "đang vien"`), which keeps vnpress's
// diacritic-free search while the index stays what any SQLite tool (sqlite-utils, Datasette, an
// FTS5 `rebuild`) builds from the articles table.
import { UserError } from '../core/errors.ts';

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

type Token =
  | { kind: 'quoted'; words: string[]; prefix: boolean }
  | { kind: 'open'; grouping: boolean }
  | { kind: 'close'; grouping: boolean }
  | { kind: 'word'; word: string };

/**
 * Splits the input into quoted phrases, brackets and words. A bracket groups only when it stands
 * apart — `(` at the start or after a space, `)` at the end or before a space — and has its partner;
 * a bracket inside a word (`alert(1)`) or without a partner is punctuation.
 */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const openers: number[] = [];
  const pattern = /"([^"]*)"(\*)?|([()])|([^\s()"]+)/g;
  for (const m of input.matchAll(pattern)) {
    if (m[1] !== undefined) {
      tokens.push({ kind: 'quoted', words: m[1].split(/\s+/).filter(Boolean), prefix: !!m[2] });
    } else if (m[3] === '(') {
      const before = m.index === 0 ? ' ' : input[m.index - 1]!;
      const standsApart = /\s/.test(before) || (before === '(' && tokens.at(-1)?.kind === 'open');
      tokens.push({ kind: 'open', grouping: false });
      if (standsApart) openers.push(tokens.length - 1);
    } else if (m[3] === ')') {
      const after = input[m.index + 1] ?? ' ';
      const standsApart = /[\s)]/.test(after);
      const opener = standsApart ? openers.pop() : undefined;
      tokens.push({ kind: 'close', grouping: opener !== undefined });
      if (opener !== undefined) (tokens[opener] as { grouping: boolean }).grouping = true;
    } else if (m[4]) {
      tokens.push({ kind: 'word', word: m[4] });
    }
  }
  return tokens;
}

/**
 * A run of plain words is one phrase (a Vietnamese word is several syllables: `thanh uy` means
 * "Thành ủy", not "thanh" somewhere and "uy" elsewhere); `"…"` quotes a phrase explicitly; AND, OR,
 * NOT (in capitals) and brackets that stand apart combine phrases; a trailing `*` makes the last
 * syllable a prefix. Everything is quoted, so `57-NQ/TW` is the phrase 57 nq tw, never a column
 * filter or a NOT.
 */
export function buildFtsQuery(text: string): string {
  const out: string[] = [];
  let run: string[] = [];
  let prefix = false;
  const quote = (words: string[]) => `"${words.join(' ').replace(/"/g, '""')}"`;
  const flush = () => {
    if (run.length) out.push(quote(run) + (prefix ? '*' : ''));
    run = [];
    prefix = false;
  };
  for (const token of tokenize(text.normalize('NFC'))) {
    if (token.kind === 'quoted') {
      flush();
      if (token.words.length) out.push(quote(token.words) + (token.prefix ? '*' : ''));
    } else if (token.kind === 'open' || token.kind === 'close') {
      if (!token.grouping) continue; // punctuation inside a word: the run goes on
      flush();
      out.push(token.kind === 'open' ? '(' : ')');
    } else if (OPERATORS.has(token.word)) {
      flush();
      out.push(token.word);
    } else {
      if (prefix) flush();
      const bare = token.word.replace(/\*+$/, '');
      if (!/[\p{L}\p{N}]/u.test(bare)) continue; // punctuation alone has no tokens
      run.push(bare);
      prefix = bare !== token.word;
    }
  }
  flush();
  return expandStrokedD(tidy(out, text));
}

/**
 * A phrase varies over at most this many d's (2^3 = 8 spellings): a Vietnamese syllable starts
 * with at most one d or đ, and three in a row of typed words (`Đảng ủy đồng ý đề nghị`) is
 * already rare; a longer phrase is cut into parts of up to three d's each, all required
 * (adjacency is then checked within each part).
 */
const D_PER_PART = 3;
/** At most this many spellings in one expression; past it, a phrase's d's stay as typed. */
const SPELLINGS_PER_QUERY = 128;
const D_LETTER = /[dDđĐ]/g;

/** Every phrase of a tidied expression, written once per spelling of its d's (see the file's head). */
function expandStrokedD(parts: string[]): string {
  let budget = SPELLINGS_PER_QUERY;
  const out: string[] = [];
  for (const part of parts) {
    if (!part.startsWith('"')) {
      out.push(part);
      continue;
    }
    const prefix = part.endsWith('*') ? '*' : '';
    const words = part.slice(1, part.length - 1 - prefix.length).replace(/""/g, '"').split(' ');
    // Consecutive words with up to D_PER_PART d's between them form one part.
    const groups: string[][] = [];
    let current: string[] = [];
    let ds = 0;
    for (const word of words) {
      const n = word.match(D_LETTER)?.length ?? 0;
      if (current.length && ds + n > D_PER_PART) {
        groups.push(current);
        current = [];
        ds = 0;
      }
      current.push(word);
      ds += n;
    }
    groups.push(current);
    const written = groups.map((group, i) => {
      const phrase = group.join(' ');
      const last = i === groups.length - 1 ? prefix : '';
      const spellings = spellingsOfD(phrase, budget);
      budget -= spellings.length;
      const quoted = spellings.map((p) => `"${p.replace(/"/g, '""')}"${last}`);
      return quoted.length === 1 ? quoted[0]! : `( ${quoted.join(' OR ')} )`;
    });
    // FTS5 joins two bare phrases with an implicit AND, but not a bracketed group: write it.
    const previous = out[out.length - 1];
    if (previous !== undefined && (previous.endsWith('"') || previous.endsWith('*') || previous.endsWith(')'))) out.push('AND');
    out.push(written.length === 1 ? written[0]! : `( ${written.join(' AND ')} )`);
  }
  return out.join(' ');
}

/** `phrase` with each of its first D_PER_PART d's (either case, stroked or not) as d and as đ, within `budget` spellings. */
function spellingsOfD(phrase: string, budget: number): string[] {
  const at: number[] = [];
  for (const m of phrase.matchAll(D_LETTER)) at.push(m.index);
  let vary = Math.min(at.length, D_PER_PART);
  while (vary > 0 && 1 << vary > budget) vary--;
  const plain = phrase.replace(D_LETTER, (d) => (d === 'đ' ? 'd' : d === 'Đ' ? 'D' : d));
  const spellings: string[] = [];
  for (let mask = 0; mask < 1 << vary; mask++) {
    const units = plain.split(''); // d and đ are one code unit each; surrogate pairs are left as they are
    for (let bit = 0; bit < vary; bit++) {
      if (!(mask & (1 << bit))) continue;
      const i = at[bit]!;
      units[i] = plain[i] === 'D' ? 'Đ' : 'đ';
    }
    spellings.push(units.join(''));
  }
  return spellings;
}

/**
 * Drops what would dangle (operators at the ends or doubled, empty brackets) and writes the AND
 * that FTS5 needs next to a bracket (it joins bare phrases with an implicit AND, but not a group).
 */
function tidy(parts: string[], text: string): string[] {
  const cleaned: string[] = [];
  const isOperand = (p: string | undefined) => p !== undefined && (p.startsWith('"') || p === ')');
  for (const part of parts) {
    let prev = cleaned[cleaned.length - 1];
    if (OPERATORS.has(part) && (prev === undefined || OPERATORS.has(prev) || prev === '(')) continue;
    if (part === ')') {
      while (prev !== undefined && OPERATORS.has(prev)) {
        cleaned.pop();
        prev = cleaned[cleaned.length - 1];
      }
      if (prev === '(') {
        cleaned.pop(); // an empty group
        continue;
      }
    }
    if ((part === '(' && isOperand(prev)) || (prev === ')' && (part === '(' || part.startsWith('"')))) cleaned.push('AND');
    cleaned.push(part);
  }
  while (cleaned.length && OPERATORS.has(cleaned[cleaned.length - 1]!)) cleaned.pop();
  if (!cleaned.some((p) => p.startsWith('"'))) throw new UserError(`search ${JSON.stringify(text)}: nothing to search for`);
  return cleaned;
}

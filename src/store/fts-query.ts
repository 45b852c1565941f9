// What a person types into the search box, turned into an FTS5 expression over the folded index.
// Search input is not FTS5 syntax: a stray bracket (`alert(1)`, `Hà Nội(2020)`) or a lone
// operator must search the words, never fail the whole search.
import { UserError } from '../core/errors.ts';
import { foldStrokedD } from './fts-fold.ts';

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
  for (const token of tokenize(foldStrokedD(text.normalize('NFC')))) {
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
  return tidy(out, text);
}

/**
 * Drops what would dangle (operators at the ends or doubled, empty brackets) and writes the AND
 * that FTS5 needs next to a bracket (it joins bare phrases with an implicit AND, but not a group).
 */
function tidy(parts: string[], text: string): string {
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
  return cleaned.join(' ');
}

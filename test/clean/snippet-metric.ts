// The trafilatura evaluation metric, shared by scripts/eval-clean.ts and the gate test.
/** `body`, when present, is the whole article text (pages built for the project); `with`/`without` are snippets. */
export interface GoldEntry { url: string; source_file?: string; with: string[]; without: string[]; body?: string }
export interface SnippetScore { tp: number; fn: number; fp: number; tn: number }

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function scoreSnippets(extracted: string, gold: GoldEntry): SnippetScore {
  const text = collapse(extracted);
  const score: SnippetScore = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const w of gold.with) if (text.includes(collapse(w))) score.tp++; else score.fn++;
  for (const w of gold.without) if (text.includes(collapse(w))) score.fp++; else score.tn++;
  return score;
}

export function f1Of(s: SnippetScore): { precision: number; recall: number; f1: number } {
  const precision = s.tp / (s.tp + s.fp || 1);
  const recall = s.tp / (s.tp + s.fn || 1);
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

// Word 4-gram F1, the metric of the article-extraction benchmarks (the body as a multiset of
// shingles of four consecutive words): for pages whose gold is the whole article text.
const WORD = /[\p{L}\p{N}_]+/gu;
function shingles(text: string): Map<string, number> {
  const words = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  if (words.length && words.length < 4) { out.set(words.join(' '), 1); return out; }
  for (let i = 0; i + 4 <= words.length; i++) {
    const k = `${words[i]} ${words[i + 1]} ${words[i + 2]} ${words[i + 3]}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export function ngramF1(extracted: string, expected: string): { precision: number; recall: number; f1: number } {
  const got = shingles(extracted);
  const want = shingles(expected);
  if (!got.size && !want.size) return { precision: 1, recall: 1, f1: 1 };
  let tp = 0, nGot = 0, nWant = 0;
  for (const [k, n] of got) { nGot += n; tp += Math.min(n, want.get(k) ?? 0); }
  for (const n of want.values()) nWant += n;
  const precision = nGot ? tp / nGot : 0;
  const recall = nWant ? tp / nWant : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

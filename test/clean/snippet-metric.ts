// The trafilatura evaluation metric, shared by scripts/eval-clean.ts and the gate test.
export interface GoldEntry { url: string; source_file?: string; with: string[]; without: string[] }
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

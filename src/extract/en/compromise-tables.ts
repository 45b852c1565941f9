// The part of compromise the English rules read: its lexicon (word → tags, 24,612 words with their
// inflections) and its organisation and place words. From src/ (tsx, vitest) they are read from
// compromise itself; the build (scripts/build.mjs) replaces this module with the same tables taken
// from compromise at build time, because unpacking compromise costs ~250 ms of CPU on the first
// English page of a process (measured on `require('dist/extract-en.cjs')`) and reading the tables ~6 ms.
import nlp from 'compromise';

export interface CompromiseTables {
  /** Lower-case word → its tags (`Noun`, `Plural`, `FirstName` …). */
  lexicon: ReadonlyMap<string, readonly string[]>;
  orgWords: readonly string[];
  placeWords: readonly string[];
}

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords?: Record<string, unknown>; placeWords?: Record<string, unknown> };
}

/** The tables as compromise builds them (scripts/build.mjs calls this too, to write them into the bundle). */
export function compromiseTables(): CompromiseTables {
  const model = (nlp as unknown as { model(): CompromiseModel }).model();
  const lexicon = new Map<string, readonly string[]>();
  for (const [word, tags] of Object.entries(model.one.lexicon)) lexicon.set(word, typeof tags === 'string' ? [tags] : tags);
  return { lexicon, orgWords: Object.keys(model.two.orgWords ?? {}), placeWords: Object.keys(model.two.placeWords ?? {}) };
}

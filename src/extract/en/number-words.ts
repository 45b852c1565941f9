// English cardinals written in words (`twenty-five`, `two hundred and fifty`, `three million five hundred
// thousand`, `two dozen`) read to their value, the way compromise's number parser reads them (the test
// compares the two over every combination of up to four number words). Read here rather than by
// compromise: loading compromise to read one number cost ~250 ms of CPU on the first English page.

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/**
 * The value of the first number in number words joined by spaces, hyphens or `and`; null when a word is
 * not a number word. A word that cannot continue the number before it starts another one, which is
 * not read (`one two`, `twenty thirty`, `five hundred two hundred`: compromise reads two numbers there too).
 */
export function numberFromWords(phrase: string): number | null {
  const words = phrase.toLowerCase().split(/\s+and\s+|[\s-]+/).filter(Boolean);
  if (words.length === 0) return null;
  let total = 0; // the part closed by a scale word (`three million` of `three million five hundred`)
  let group = 0; // the part below the next scale word
  let grouped = false; // a word of the group was read (`zero thousand` is 0, `thousand` 1,000)
  let last: 'none' | 'unit' | 'tens' | 'hundred' | 'dozen' | 'scale' = 'none';
  let lastScale = Infinity;
  for (const word of words) {
    if (!(word in UNITS || word in TENS || word === 'hundred' || word === 'dozen' || word in SCALES)) return null;
    if (word in UNITS) {
      const value = UNITS[word]!;
      // After `twenty` only 1–9; after a unit or teen nothing but a multiplier.
      if (last === 'unit' || last === 'dozen' || (last === 'tens' && (value === 0 || value > 9))) break;
      group += value;
      grouped = true;
      last = 'unit';
    } else if (word in TENS) {
      if (last === 'unit' || last === 'tens' || last === 'dozen') break;
      group += TENS[word]!;
      grouped = true;
      last = 'tens';
    } else if (word === 'hundred') {
      if (last === 'hundred' || last === 'tens' || last === 'dozen' || group >= 100) break;
      group = (grouped ? group : 1) * 100;
      grouped = true;
      last = 'hundred';
    } else if (word === 'dozen') {
      if (last === 'dozen' || last === 'hundred' || last === 'tens') break;
      group = (grouped ? group : 1) * 12;
      grouped = true;
      last = 'dozen';
    } else {
      const scale = SCALES[word]!;
      if (scale >= lastScale) break;
      total += (grouped ? group : 1) * scale;
      group = 0;
      grouped = false;
      lastScale = scale;
      last = 'scale';
    }
  }
  return total + group;
}

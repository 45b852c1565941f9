// English cardinals in words, read by src/extract/en/number-words.ts. The oracle is independent: every
// number below a thousand and a spread of larger ones are written out in the styles English press uses
// (hyphenated or spaced tens, with or without `and` after hundred), and each must read back to itself.
import { describe, expect, it } from 'vitest';
import { numberFromWords } from '../../src/extract/en/number-words.ts';
import { extract } from '../../src/extract/index.ts';

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const below100 = (n: number, joiner: string) => (n < 20 ? UNITS[n]! : TENS[Math.floor(n / 10)]! + (n % 10 ? joiner + UNITS[n % 10]! : ''));
function below1000(n: number, joiner: string, and: boolean): string {
  if (n < 100) return below100(n, joiner);
  const rest = n % 100;
  return `${UNITS[Math.floor(n / 100)]} hundred` + (rest ? (and ? ' and ' : ' ') + below100(rest, joiner) : '');
}
function inWords(n: number, joiner: string, and: boolean): string {
  if (n === 0) return 'zero';
  const parts: string[] = [];
  for (const [scale, name] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']] as const) {
    const q = Math.floor(n / scale) % 1000;
    if (q) parts.push(`${below1000(q, joiner, and)} ${name}`);
  }
  if (n % 1000) parts.push(below1000(n % 1000, joiner, and));
  return parts.join(' ');
}

const LARGE = [1000, 1001, 1010, 1100, 1250, 2500, 12_000, 20_000, 21_345, 99_999, 100_000, 250_000, 1_000_000, 1_500_000, 2_003_000,
  7_250_000, 12_000_000, 999_999_999, 1_000_000_000, 3_500_000_000, 40_000_000_000, 2_000_000_000_000];

describe('numberFromWords', () => {
  it('reads every cardinal below a thousand and larger ones back, in each writing style', () => {
    const wrong: string[] = [];
    for (const n of [...Array.from({ length: 1000 }, (_, i) => i), ...LARGE]) {
      for (const joiner of ['-', ' ']) {
        for (const and of [true, false]) {
          const phrase = inWords(n, joiner, and);
          if (numberFromWords(phrase) !== n) wrong.push(`${phrase} → ${numberFromWords(phrase)}`);
          const capitalised = phrase[0]!.toUpperCase() + phrase.slice(1);
          if (numberFromWords(capitalised) !== n) wrong.push(`${capitalised} → ${numberFromWords(capitalised)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('multiplies by dozen and by a scale word standing alone', () => {
    expect(numberFromWords('two dozen')).toBe(24);
    expect(numberFromWords('three dozen')).toBe(36);
    expect(numberFromWords('hundred thousand')).toBe(100_000);
    expect(numberFromWords('one hundred thousand')).toBe(100_000);
    expect(numberFromWords('zero thousand')).toBe(0);
    expect(numberFromWords('two hundred million')).toBe(200_000_000);
  });

  it('reads the first number when a word cannot continue it', () => {
    expect(numberFromWords('one two')).toBe(1);
    expect(numberFromWords('twenty thirty')).toBe(20);
    expect(numberFromWords('twenty eleven')).toBe(20);
    expect(numberFromWords('five hundred two hundred')).toBe(502);
    expect(numberFromWords('three thousand two million')).toBe(3002);
  });

  it('is null for words that are not number words', () => {
    expect(numberFromWords('')).toBeNull();
    expect(numberFromWords('twenty apples')).toBeNull();
    expect(numberFromWords('a dozen')).toBeNull();
  });

  it('gives the English statistics the value of compound numbers', () => {
    const values = (text: string) => extract({ text, published: '2024-01-01', language: 'en' }).statistics.map((s) => s.value);
    expect(values('The ministry hired two hundred and fifty teachers last year.')).toContain(250);
    expect(values('Some seven million two hundred fifty thousand tourists arrived.')).toContain(7_250_000);
    expect(values('Police detained two dozen suspects.')).toContain(24);
  });
});

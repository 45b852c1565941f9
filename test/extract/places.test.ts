// findPlace looks names up by hash at each word start; a regular expression of every form (the
// way it was first written, kept here as the reference) must give the same place for any text.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPlace, placeForms, tagPlaces } from '../../src/extract/common/places.ts';
import { cleanHtml } from '../../src/clean/index.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const reference = new RegExp(`(?<![\\p{L}\\p{N}_])(?<!Thai\\s+)(${[...placeForms.keys()].sort((a, b) => b.length - a.length)
  .map((form) => escape(form).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_])(?!\\s+Duong)`, 'u');
function referencePlace(text: string): string | null {
  const folded = text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const match = reference.exec(folded);
  return match?.[1] ? placeForms.get(match[1].replace(/\s+/g, ' ')) ?? null : null;
}

const FIXTURES = join(import.meta.dirname, '../../fixtures');

describe('findPlace against the reference expression', () => {
  it('agrees on every sentence of the seeds and the demo sites\' articles', () => {
    const texts = [
      ...readdirSync(join(FIXTURES, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(FIXTURES, 'seeds', f), 'utf8')),
      ...readdirSync(join(FIXTURES, 'sites'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.html?$/.test(f))
        .map((f) => { const a = cleanHtml(readFileSync(join(FIXTURES, 'sites', f), 'utf8')); return `${a.title ?? ''}\n${a.text}`; }),
    ];
    const sentences = texts.flatMap((t) => t.split(/(?<=[.!?;:])\s+|\n+/)).filter((s) => s.trim());
    expect(sentences.length).toBeGreaterThan(300);
    let named = 0;
    for (const sentence of sentences) {
      const place = findPlace(sentence);
      expect(place, sentence).toBe(referencePlace(sentence));
      if (place) named++;
    }
    expect(named).toBeGreaterThan(20);
  });

  it('agrees on every form of every place, in every context that decides a match', () => {
    const befores = ['', 'tại ', 'Tỉnh ', '(', '“', 'x', '9', '_', 'Thái ', 'Thái  ', 'Thai\u00a0', 'ở\t', 'Ông ', '𝒳', '中', 'TP. ', '-'];
    const afters = ['', ' có 82 xã', ',', ')', 'x', '9', '_', ' Dương', '  Dương rộng', ' Duongx', '.', '𝒳', ' mới', '-Vũng Tàu'];
    const names = [...placeForms.values()];
    const forms = [...new Set([...names, ...placeForms.keys(), 'TP.HCM', 'TP. Hồ Chí Minh', 'Bà Rịa – Vũng Tàu', 'Thừa Thiên - Huế'])];
    let checked = 0;
    for (const form of forms) {
      // Every context for the form as written; the spacing, decomposed and case variants in a few.
      const variants = [form, form.replace(/ /g, '  '), form.replace(/ /g, '\u00a0'), form.normalize('NFD'), form.toLowerCase(), form.toUpperCase()];
      for (const variant of variants) {
        for (const before of variant === form ? befores : befores.slice(0, 9)) {
          for (const after of variant === form ? afters : afters.slice(0, 8)) {
            const text = `${before}${variant}${after}`;
            expect(findPlace(text), text).toBe(referencePlace(text));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it.each([
    ['Đến nay Hà Nội có 356/382 xã đạt chuẩn', 'Hà Nội'],
    ['Thái Bình Dương rộng 165 triệu km2', null],
    ['tỉnh Bình Dương thu hút 2 tỷ USD', 'Bình Dương'],
    ['Thái Bình có 260 xã', 'Thái Bình'],
    ['Hà Nội2020', null],
    ['Vũng Tàu và Hà Nội', 'Bà Rịa - Vũng Tàu'],
    ['Tại Bà  Rịa\u00a0-  Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['𝒳Hà Nội', null],
    ['', null],
  ])('%j → %s', (text, place) => expect(findPlace(text)).toBe(place));
});

describe('tagPlaces', () => {
  const stat = (context: string | undefined, place?: string) => ({ text: '5 xã', value: 5, unit: 'xã', context, ...(place ? { place } : {}) });
  it('gives a number the province its sentence names, else its title\'s, and keeps a place already given', () => {
    const stats = [
      stat('Tỉnh Nghệ An có 5 xã đạt chuẩn.'),
      stat('Toàn tỉnh có 5 xã đạt chuẩn.'),
      stat(undefined),
      stat('Hà Nội có 5 xã.', 'Đà Nẵng'),
    ];
    tagPlaces(stats, 'Thanh Hoá: nông thôn mới');
    expect(stats.map((s) => s.place)).toEqual(['Nghệ An', 'Thanh Hóa', 'Thanh Hóa', 'Đà Nẵng']);
  });
  it('leaves the place empty when neither the sentence nor the title names one', () => {
    const stats = [stat('Toàn tỉnh có 5 xã đạt chuẩn.')];
    tagPlaces(stats, 'Nông thôn mới');
    tagPlaces([], null);
    expect(stats[0]!.place).toBeNull();
  });
});

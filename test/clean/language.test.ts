// The article's language: declared by the page (html lang, JSON-LD, og:locale) or its source,
// unless the text plainly says otherwise. It picks the extraction rules, and templates declare
// lang="en" over pages in any language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanHtml, cleanText } from '../../src/clean/index.ts';
import { decodeHtmlBytes } from '../../src/fetch/charset.ts';
import { extract } from '../../src/extract/index.ts';
import type { Source } from '../../src/core/types.ts';

const page = (lang: string | null, paragraphs: string[]) =>
  `<html${lang === null ? '' : ` lang="${lang}"`}><head><title>T</title></head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

const VI = [
  'Sáng 8/6, Ban Dân vận Thành ủy Hà Nội tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ công tác 6 tháng cuối năm 2020.',
  'Đến nay toàn thành phố có 356/382 xã đạt chuẩn nông thôn mới, tỷ lệ hộ gia đình văn hóa đạt 93,2%.',
];
const EN = [
  'The provincial council said that the budget of the city is ready, and that the vote of the members is due next week.',
  'The plan is the first of its kind to be put to the council, and the mayor said that it is the result of two years of work on the roads and the schools.',
];
const DE = [
  'Der Rat der Stadt sagte, die Pläne für das neue Jahr seien fertig, und das ist nicht das Ende der Debatte über die Schulen.',
  'Die Mitglieder des Rates wollen in der nächsten Woche über die Straßen und die Brücken abstimmen, und die Bürger sind nicht alle einverstanden.',
];
const FR = [
  'Le conseil de la ville a dit que la réforme des écoles est prête et les élus des quartiers attendent le vote des habitants.',
  'La maire a présenté les comptes de la commune et les projets des associations, et le débat est prévu pour la fin du mois.',
];

describe('the article language', () => {
  it.each([
    ['Vietnamese text on a page that declares English', 'en', VI, 'vi'],
    ['German text on a page that declares English', 'en', DE, 'de'],
    ['French text on a page that declares English', 'en', FR, 'fr'],
    ['English text on a page that declares German', 'de', EN, 'en'],
    ['English text on a page that declares Vietnamese', 'vi', EN, 'en'],
    ['English text as declared', 'en', EN, 'en'],
    ['Vietnamese text as declared', 'vi', VI, 'vi'],
    ['a language the stopword vote does not know (Spanish, close to French) stays as declared', 'es',
      ['El consejo de la ciudad dijo que la reforma de las escuelas está lista y los vecinos esperan la votación de la semana.',
        'La alcaldesa presentó las cuentas de la ciudad y los proyectos de las asociaciones, y el debate está previsto para el mes.'], 'es'],
    ['a short text (few stopwords) stays as declared', 'de', ['The vote is next week.'], 'de'],
    ['no declaration: guessed from the text', null, DE, 'de'],
  ])('%s', (_what, lang, paragraphs, expected) => {
    const text = [...paragraphs, ...paragraphs, ...paragraphs];
    expect(cleanHtml(page(lang, text)).language).toBe(expected);
  });

  it('counts a stopword only as a whole word, letters beyond ASCII and beyond the BMP included', () => {
    // Each "stopword" here is glued to a letter (ä, ß, 𝒳 — a letter outside the BMP), so none counts.
    const glued = Array.from({ length: 12 }, () => 'theä andß 𝒳the ofä thatß').join(' ');
    expect(cleanText(glued).language).toBe('und');
    // Next to an emoji or a digit a stopword stands alone, and counts.
    const apart = Array.from({ length: 12 }, () => 'the😀 and2 😀of that').join(' ');
    expect(cleanText(apart).language).toBe('en');
  });

  it('overrides a source profile\'s language only on plain evidence (cleanText)', () => {
    const source: Source = { id: 'x', name: 'X', baseUrl: 'https://x.vn/', language: 'vi' };
    expect(cleanText([...EN, ...EN, ...EN].join('\n\n'), { source }).language).toBe('en');
    expect(cleanText(VI.join('\n\n'), { source }).language).toBe('vi');
    expect(cleanText('Hội nghị sơ kết. The end.', { source }).language).toBe('vi');
  });

  it('labels the real pages whose templates declare another language by their text', () => {
    const dir = join(import.meta.dirname, '../../fixtures/clean/trafeval/html');
    const read = (id: string) => cleanHtml(decodeHtmlBytes(readFileSync(join(dir, `${id}.html`))).text);
    // <html lang="en"> over a German article; <html lang='fr'> over an English one.
    const german = read('2bdfef412e4f');
    expect(german.language).toBe('de');
    expect(read('3d91fed95723').language).toBe('en');
    // German text is no longer handed to the English rules (no rules for German: no entities).
    expect(extract({ text: german.text, language: german.language, published: german.published })).toEqual(
      { officials: [], documents: [], dates: [], periods: [], statistics: [] });
  });
});

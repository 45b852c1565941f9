// Table-driven date-stamp parsing: visible stamps, machine dates, URL timestamps, and the fetch-time bound.
import { describe, expect, it } from 'vitest';
import { notAfter, parseMachineDate, parseUrlTimestamp, parseVisibleStamp } from '../../src/clean/dates.ts';
import { cleanHtml, cleanText } from '../../src/clean/index.ts';

describe('visible stamps', () => {
  const cases: [string, string | null][] = [
    ['(11:51 27/03/2020)', '2020-03-27T11:51:00+07:00'],
    ['Chủ nhật, 13/2/2022, 16:08 (GMT+7)', '2022-02-13T16:08:00+07:00'],
    ['Thứ hai, 14/02/2022 - 10:30', '2022-02-14T10:30:00+07:00'],
    ['16:08 - 13/02/2022', '2022-02-13T16:08:00+07:00'],
    ['Cập nhật: 09:05:33 01-08-2023', '2023-08-01T09:05:33+07:00'],
    ['5/9/2026 1:30 PM', '2026-09-05T13:30:00+07:00'],
    ['Thứ Ba, 05.03.2024 08:00 GMT+0', '2024-03-05T08:00:00+00:00'],
    ['Ngày 30/6/2020', '2020-06-30T00:00:00+07:00'],
    ['31/02/2020 10:00', null],
    ['25:61 12/12/2020', '2020-12-12T00:00:00+07:00'],
    ['số 290-QĐ/TW', null],
  ];
  for (const [input, expected] of cases) it(input, () => expect(parseVisibleStamp(input)).toBe(expected));
});

describe('machine dates', () => {
  const cases: [string, string | null][] = [
    ['2022-02-13T16:08:35+07:00', '2022-02-13T16:08:35+07:00'],
    ['2026-10-07 07:49 + 07:00', '2026-10-07T07:49:00+07:00'],
    ['2020-07-15', '2020-07-15T00:00:00+07:00'],
    ['2020-07-15T10:00:00.000Z', '2020-07-15T10:00:00+00:00'],
    ['2020-07-15T10:00:00+0700', '2020-07-15T10:00:00+07:00'],
    ['Sun, 13 Feb 2022 09:08:00 GMT', '2022-02-13T16:08:00+07:00'],
    ['not a date', null],
  ];
  for (const [input, expected] of cases) it(input, () => expect(parseMachineDate(input)).toBe(expected));
});

describe('URL timestamps', () => {
  const cases: [string, string | null][] = [
    ['https://baochinhphu.vn/thu-tuong-chu-tri-hop-102260905122709839.htm', '2026-09-05T12:27:09+07:00'],
    ['https://tuoitre.vn/mo-lai-duong-bay-20220213160812345.htm', '2022-02-13T16:08:12+07:00'],
    ['https://example.com/2020/07/15/story-slug/', '2020-07-15T00:00:00+07:00'],
    ['https://vnexpress.net/viet-nam-du-kien-mo-lai-4426992.html', null],
    ['https://baochinhphu.vn/bad-102261399999999999.htm', null],
  ];
  for (const [input, expected] of cases) it(input, () => expect(parseUrlTimestamp(input)).toBe(expected));
});

describe('never a time after the fetch', () => {
  it('compares across offsets', () => {
    expect(notAfter('2020-01-01T08:00:00+07:00', '2020-01-01T01:00:00+00:00')).toBe(true);
    expect(notAfter('2020-01-01T08:00:01+07:00', '2020-01-01T01:00:00+00:00')).toBe(false);
  });

  it('skips a future machine date and takes the next trusted source', () => {
    const html = `<html><head><meta property="article:published_time" content="2031-01-01T00:00:00+07:00">
      <meta itemprop="datePublished" content="2020-05-04T10:00:00+07:00"></head><body><article><p>${'Nội dung bài viết. '.repeat(30)}</p></article></body></html>`;
    const art = cleanHtml(html, { fetchedAt: '2024-01-01T00:00:00+07:00' });
    expect(art.published).toBe('2020-05-04T10:00:00+07:00');
    expect(art.publishedOrigin).toBe('itemprop');
  });

  it('drops a stamp in text that is after the fetch and uses the given time instead', () => {
    const text = `Tiêu đề bài viết về hội nghị (11:51 27/03/2030)\n\n${'Nội dung bài viết dài. '.repeat(20)}\n\n${'Đoạn thứ hai của bài. '.repeat(20)}`;
    const art = cleanText(text, { fetchedAt: '2024-01-01T00:00:00+07:00', published: '2023-12-31' });
    expect(art.published).toBe('2023-12-31T00:00:00+07:00');
    expect(art.publishedOrigin).toBe('given');
  });

  it('prefers JSON-LD over meta over visible text, and keeps modified apart', () => {
    const html = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Tiêu đề","datePublished":"2021-03-02T09:00:00+07:00","dateModified":"2021-03-03T10:00:00+07:00","author":[{"@type":"Person","name":"Lan Anh"}]}]}</script>
      <meta property="article:published_time" content="2021-03-01T00:00:00+07:00"></head><body><span class="date">(08:00 01/03/2021)</span><article><p>${'Nội dung bài viết. '.repeat(30)}</p></article></body></html>`;
    const art = cleanHtml(html);
    expect([art.published, art.publishedOrigin, art.modified, art.modifiedOrigin, art.author]).toEqual(['2021-03-02T09:00:00+07:00', 'json-ld', '2021-03-03T10:00:00+07:00', 'json-ld', 'Lan Anh']);
    const visibleOnly = cleanHtml(html.replace(/<script[\s\S]*?<\/script>/, '').replace(/<meta property[^>]*>/, ''));
    expect([visibleOnly.published, visibleOnly.publishedOrigin]).toEqual(['2021-03-01T08:00:00+07:00', 'visible-text']);
  });
});

// Table-driven date-stamp parsing: visible stamps, machine dates, URL timestamps, and the fetch-time bound.
// Every time is parsed twice: in a Vietnamese source profile's zone (+07:00), and with no zone known
// (a page without a profile): a time the text states no offset for then keeps none.
import { describe, expect, it } from 'vitest';
import { notAfter, parseMachineDate, parseUrlTimestamp, parseVisibleStamp, VN_OFFSET } from '../../src/clean/dates.ts';
import { cleanHtml, cleanText } from '../../src/clean/index.ts';
import { findSource } from '../../pipelines/index.ts';

type Case = [input: string, inProfileZone: string | null, zoneUnknown: string | null];

describe('visible stamps', () => {
  const cases: Case[] = [
    ['(11:51 27/03/2020)', '2020-03-27T11:51:00+07:00', '2020-03-27T11:51:00'],
    ['Chủ nhật, 13/2/2022, 16:08 (GMT+7)', '2022-02-13T16:08:00+07:00', '2022-02-13T16:08:00+07:00'],
    ['Thứ hai, 14/02/2022 - 10:30', '2022-02-14T10:30:00+07:00', '2022-02-14T10:30:00'],
    ['16:08 - 13/02/2022', '2022-02-13T16:08:00+07:00', '2022-02-13T16:08:00'],
    ['Cập nhật: 09:05:33 01-08-2023', '2023-08-01T09:05:33+07:00', '2023-08-01T09:05:33'],
    ['5/9/2026 1:30 PM', '2026-09-05T13:30:00+07:00', '2026-09-05T13:30:00'],
    ['Thứ Ba, 05.03.2024 08:00 GMT+0', '2024-03-05T08:00:00+00:00', '2024-03-05T08:00:00+00:00'],
    ['Ngày 30/6/2020', '2020-06-30T00:00:00+07:00', '2020-06-30T00:00:00'],
    ['31/02/2020 10:00', null, null],
    ['25:61 12/12/2020', '2020-12-12T00:00:00+07:00', '2020-12-12T00:00:00'],
    ['số 290-QĐ/TW', null, null],
  ];
  for (const [input, vn, unknown] of cases) {
    it(input, () => {
      expect(parseVisibleStamp(input, VN_OFFSET)).toBe(vn);
      expect(parseVisibleStamp(input)).toBe(unknown);
    });
  }
});

describe('machine dates', () => {
  const cases: Case[] = [
    ['2022-02-13T16:08:35+07:00', '2022-02-13T16:08:35+07:00', '2022-02-13T16:08:35+07:00'],
    ['2026-10-07 07:49 + 07:00', '2026-10-07T07:49:00+07:00', '2026-10-07T07:49:00+07:00'],
    ['2020-07-15', '2020-07-15T00:00:00+07:00', '2020-07-15T00:00:00'],
    ['2020-07-15T10:00:00.000Z', '2020-07-15T10:00:00+00:00', '2020-07-15T10:00:00+00:00'],
    ['2020-07-15T10:00:00+0700', '2020-07-15T10:00:00+07:00', '2020-07-15T10:00:00+07:00'],
    ['2020-07-15T10:00:00-05:00', '2020-07-15T10:00:00-05:00', '2020-07-15T10:00:00-05:00'],
    ['2020-07-15T10:00:00', '2020-07-15T10:00:00+07:00', '2020-07-15T10:00:00'],
    // RFC 2822 states its zone: the same instant, shown in the profile's zone or in UTC.
    ['Sun, 13 Feb 2022 09:08:00 GMT', '2022-02-13T16:08:00+07:00', '2022-02-13T09:08:00+00:00'],
    ['not a date', null, null],
  ];
  for (const [input, vn, unknown] of cases) {
    it(input, () => {
      expect(parseMachineDate(input, VN_OFFSET)).toBe(vn);
      expect(parseMachineDate(input)).toBe(unknown);
    });
  }
});

describe('URL timestamps', () => {
  const cases: Case[] = [
    ['https://baochinhphu.vn/thu-tuong-chu-tri-hop-102260905122709839.htm', '2026-09-05T12:27:09+07:00', '2026-09-05T12:27:09'],
    ['https://tuoitre.vn/mo-lai-duong-bay-20220213160812345.htm', '2022-02-13T16:08:12+07:00', '2022-02-13T16:08:12'],
    ['https://example.com/2020/07/15/story-slug/', '2020-07-15T00:00:00+07:00', '2020-07-15T00:00:00'],
    ['https://vnexpress.net/viet-nam-du-kien-mo-lai-4426992.html', null, null],
    ['https://baochinhphu.vn/bad-102261399999999999.htm', null, null],
  ];
  for (const [input, vn, unknown] of cases) {
    it(input, () => {
      expect(parseUrlTimestamp(input, VN_OFFSET)).toBe(vn);
      expect(parseUrlTimestamp(input)).toBe(unknown);
    });
  }
});

describe('a zone is never guessed', () => {
  const body = `<article><p>${'The council met on Tuesday evening and voted on the budget for next year. '.repeat(8)}</p></article>`;
  const page = (head: string): string => `<html lang="en"><head>${head}</head><body>${body}</body></html>`;
  const vn = findSource('vnexpress')!;

  it('keeps a time the page states without an offset as local time, zone unknown, unless a VN profile applies', () => {
    for (const head of [
      '<meta property="article:published_time" content="2024-03-14T16:20:00">',
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-14 16:20"}</script>',
      '<meta name="date" content="2024-03-14T16:20">',
    ]) {
      const generic = cleanHtml(page(head), { url: 'https://www.example-newspaper.com/news/council-budget' });
      expect([generic.published, generic.publishedZone], head).toEqual(['2024-03-14T16:20:00', 'unknown']);
      const profiled = cleanHtml(page(head), { url: 'https://vnexpress.net/hop-hdnd-4414370.html', source: vn });
      expect([profiled.published, profiled.publishedZone], head).toEqual(['2024-03-14T16:20:00+07:00', 'profile']);
    }
  });

  it('keeps the offset a page states, with or without a profile', () => {
    const head = '<meta property="article:published_time" content="2024-03-14T16:20:00-04:00">';
    for (const source of [null, vn]) {
      const art = cleanHtml(page(head), { url: 'https://vnexpress.net/x-1.html', source });
      expect([art.published, art.publishedZone]).toEqual(['2024-03-14T16:20:00-04:00', 'stated']);
    }
  });

  it('a date in a US newspaper\'s URL stays a date with no zone', () => {
    const art = cleanHtml(page(''), { url: 'https://www.example-gazette.com/2020/07/15/city-news/' });
    expect([art.published, art.publishedOrigin, art.publishedZone]).toEqual(['2020-07-15T00:00:00', 'url', 'unknown']);
  });

  it('sorts and filters by day like zoned times (string order, day prefix)', () => {
    const times = ['2024-03-14T23:00:00+07:00', '2024-03-14T16:20:00', '2024-03-15T01:00:00-05:00', '2024-03-13T09:00:00'];
    expect([...times].sort()).toEqual(['2024-03-13T09:00:00', '2024-03-14T16:20:00', '2024-03-14T23:00:00+07:00', '2024-03-15T01:00:00-05:00']);
    expect(times.filter((t) => t >= '2024-03-14' && t < '2024-03-15')).toHaveLength(2);
  });
});

describe('never a time after the fetch', () => {
  it('compares across offsets', () => {
    expect(notAfter('2020-01-01T08:00:00+07:00', '2020-01-01T01:00:00+00:00')).toBe(true);
    expect(notAfter('2020-01-01T08:00:01+07:00', '2020-01-01T01:00:00+00:00')).toBe(false);
  });

  it('takes a time without an offset as after the fetch only when it is so in every zone', () => {
    expect(notAfter('2020-01-01T14:00:00', '2020-01-01T01:00:00+00:00')).toBe(true); // UTC+14 reading: 00:00Z
    expect(notAfter('2020-01-01T15:00:01', '2020-01-01T01:00:00+00:00')).toBe(false);
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
    const art = cleanText(text, { fetchedAt: '2024-01-01T00:00:00+07:00', published: '2023-12-31', source: findSource('dangcongsan') });
    expect(art.published).toBe('2023-12-31T00:00:00+07:00');
    expect(art.publishedOrigin).toBe('given');
  });

  it('prefers JSON-LD over meta over visible text, and keeps modified apart', () => {
    const html = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Tiêu đề","datePublished":"2021-03-02T09:00:00+07:00","dateModified":"2021-03-03T10:00:00+07:00","author":[{"@type":"Person","name":"Lan Anh"}]}]}</script>
      <meta property="article:published_time" content="2021-03-01T00:00:00+07:00"></head><body><span class="date">(08:00 01/03/2021)</span><article><p>${'Nội dung bài viết. '.repeat(30)}</p></article></body></html>`;
    const art = cleanHtml(html);
    expect([art.published, art.publishedOrigin, art.modified, art.modifiedOrigin, art.author]).toEqual(['2021-03-02T09:00:00+07:00', 'json-ld', '2021-03-03T10:00:00+07:00', 'json-ld', 'Lan Anh']);
    const visibleOnly = html.replace(/<script[\s\S]*?<\/script>/, '').replace(/<meta property[^>]*>/, '');
    expect([cleanHtml(visibleOnly).published, cleanHtml(visibleOnly).publishedOrigin]).toEqual(['2021-03-01T08:00:00', 'visible-text']);
    expect(cleanHtml(visibleOnly, { source: findSource('hanoimoi') }).published).toBe('2021-03-01T08:00:00+07:00');
  });
});

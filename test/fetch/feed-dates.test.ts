import { describe, it, expect } from 'vitest';
import { toIsoDate } from '../../src/fetch/discover.ts';

describe('toIsoDate: dates as feeds and sitemaps write them', () => {
  it.each([
    ['2020-07-15', '2020-07-15'],
    ['15/07/2020 08:30', '2020-07-15T01:30:00.000Z'],
    ['8/6/2020', '2020-06-07T17:00:00.000Z'],
    // Sapo-CMS RSS (baochinhphu, tuoitre): US month/day with AM/PM
    ['9/5/2026 1:30:00 PM', '2026-09-05T06:30:00.000Z'],
    ['12/24/2020 10:15:00 AM', '2020-12-24T03:15:00.000Z'],
    ['10/11/2021 8:30:12 PM', '2021-10-11T13:30:12.000Z'],
    ['1/2/2021 12:05:00 AM', '2021-01-01T17:05:00.000Z'],
    ['Wed, 15 Jul 2020 18:40:00 +0700', '2020-07-15T11:40:00.000Z'],
    ['2022-02-13T16:08:35+07:00', '2022-02-13T09:08:35.000Z'],
  ])('%s → %s', (input, expected) => expect(toIsoDate(input)).toBe(expected));

  it.each(['31/2/2020', '13/13/2020', '25/12/2020 13:00 PM', 'hôm qua', ''])('%j is not a date', (input) => {
    expect(toIsoDate(input)).toBeUndefined();
  });
});

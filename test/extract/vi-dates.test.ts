// Vietnamese days, months, periods and lunar days, table-driven from fixtures/extract/vi-dates.json: the day forms are
// crossed with every year form, weekday or part-of-day prefix and sentence frame, so each form is tried in each context.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.ts';
import { lunarMonthLength, lunarToSolar } from '../../src/extract/common/lunar.ts';
import { isoWeekday } from '../../src/extract/common/calendar.ts';
import { toContract } from '../../src/core/contract.ts';
import type { Article, DateRef, PeriodRef } from '../../src/core/types.ts';

interface Day {
  d: number;
  m: number;
  dayWord: string;
  monthWord: string;
}
interface Fixture {
  families: {
    published: string;
    earlyDays: Day[];
    laterDays: Day[];
    forms: string[];
    earlyForms: string[];
    laterForms: string[];
    years: string[];
    yearsFor: Record<string, string[]>;
    prefixes: string[];
    frames: string[];
  };
  monthWords: Array<[string, number]>;
  monthFrames: string[];
  quarters: Array<[number, string, string]>;
  quarterForms: Array<[string, 'written' | number]>;
  quarterFrames: string[];
  cases: Array<{ text: string; published: string; dates: string[]; periods: string[] }>;
  lunar: Array<{ text: string; published: string; date: string; lunar: string; leapMonth?: boolean; chinese?: string }>;
  lunarMonths: Array<{ text: string; published: string; period: string; lunar: string }>;
  noSuchLunarDay: Array<{ text: string; published: string; why: string }>;
  negatives: Array<{ text: string; dates?: boolean; periods?: boolean }>;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/extract/vi-dates.json', import.meta.url), 'utf8')) as Fixture;
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthSpan = (y: number, from: number, to: number) => `${iso(y, from, 1)}/${iso(y, to, new Date(Date.UTC(y, to, 0)).getUTCDate())}`;
const run = (text: string, published: string) => extract({ text, published, language: 'vi' });
const values = (items: Array<DateRef | PeriodRef>) => items.map((x) => x.value).sort();
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every day form × year × prefix (each in one of the frames, in turn), with the day it names. */
function dayFamily(): Array<{ text: string; want: string }> {
  const f = fixture.families;
  const out: Array<{ text: string; want: string }> = [];
  const groups: Array<[Day[], string[]]> = [
    [f.earlyDays, [...f.forms, ...f.earlyForms]],
    [f.laterDays, [...f.forms, ...f.laterForms]],
  ];
  for (const [days, forms] of groups) {
    for (const day of days) {
      for (const form of forms) {
        for (const year of f.years) {
          const allowed = f.yearsFor[year];
          if (allowed && !allowed.includes(form)) continue;
          const date =
            form
              .replace('{dd}', String(day.d).padStart(2, '0'))
              .replace('{mm}', String(day.m).padStart(2, '0'))
              .replace('{dw}', day.dayWord)
              .replace('{mw}', day.monthWord)
              .replace('{d}', String(day.d))
              .replace('{m}', String(day.m)) + year;
          const want = iso(year ? 2019 : 2024, day.m, day.d);
          // Each prefix once, in a frame taken in turn: every prefix meets every frame across the forms.
          f.prefixes.forEach((prefix, i) => {
            const frame = f.frames[(i + out.length) % f.frames.length]!;
            const phrase = prefix + date;
            const text = frame.startsWith('{date}') ? frame.replace('{date}', capitalise(phrase)) : frame.replace('{date}', phrase);
            out.push({ text, want });
          });
        }
      }
    }
  }
  return out;
}

describe('days in every written form (digits, words, mồng/mùng, month names) × year × prefix × frame', () => {
  const family = dayFamily();
  it(`reads each of the ${family.length} phrasings as its one day, and no period`, () => {
    const wrong: string[] = [];
    for (const { text, want } of family) {
      const got = run(text, fixture.families.published);
      const dates = values(got.dates);
      if (dates.length !== 1 || dates[0] !== want || got.periods.length > 0) wrong.push(`${text} → ${JSON.stringify(dates)} ${JSON.stringify(values(got.periods))} (want ${want})`);
    }
    expect(wrong.slice(0, 20), `${wrong.length} of ${family.length} wrong`).toEqual([]);
  });
});

describe('months in words as periods', () => {
  it.each(fixture.monthWords.flatMap(([word, month]) => fixture.monthFrames.map((frame) => [frame.replace('{mw}', word).replace('{y}', '2018'), month] as const)))(
    '%s',
    (text, month) => {
      const got = run(text, '2024-05-15');
      expect(values(got.periods)).toEqual([monthSpan(2018, month, month)]);
      expect(got.dates).toEqual([]);
    },
  );

  it.each(fixture.monthWords.map(([word, month]) => [`Trong tháng ${word}, tỉnh đón 2.000 lượt khách.`, month] as const))('%s (year of publication)', (text, month) => {
    expect(values(run(text, '2024-05-15').periods)).toEqual([monthSpan(2024, month, month)]);
  });
});

describe('quarters in every form', () => {
  const rows = fixture.quarters.flatMap(([q, roman, word]) =>
    fixture.quarterForms.flatMap(([form, year]) =>
      fixture.quarterFrames.map((frame) => {
        const phrase = form.replace('{roman}', roman).replace('{digit}', String(q)).replace('{word}', word).replace('{y}', '2020');
        return [frame.replace('{q}', phrase), monthSpan(year === 'written' ? 2020 : year, q * 3 - 2, q * 3)] as const;
      }),
    ),
  );
  it.each(rows)('%s', (text, want) => {
    expect(values(run(text, '2024-05-15').periods)).toEqual([want]);
  });
});

describe('periods, relative spans, relative days, weekdays, day lists', () => {
  it.each(fixture.cases.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    const got = run(c.text, c.published);
    expect(values(got.dates)).toEqual([...c.dates].sort());
    expect(values(got.periods)).toEqual([...c.periods].sort());
  });
});

describe('lunar days', () => {
  it.each(fixture.lunar.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    const lunar = run(c.text, c.published).dates.filter((d) => d.calendar === 'lunar');
    expect(lunar).toHaveLength(1);
    expect(lunar[0]).toMatchObject({ value: c.date, calendar: 'lunar', lunar: c.lunar });
    expect(lunar[0]!.leapMonth ?? false).toBe(c.leapMonth ?? false);
    // Where the Chinese calendar (UTC+8) puts Tết elsewhere, the Vietnamese day is the one given.
    if (c.chinese) expect(lunar[0]!.value).not.toBe(c.chinese);
  });

  it.each(fixture.lunarMonths.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    const periods = run(c.text, c.published).periods;
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ value: c.period, calendar: 'lunar', lunar: c.lunar });
  });

  it.each(fixture.noSuchLunarDay.map((c) => [c.text, c] as const))('%s gives no day', (_text, c) => {
    expect(run(c.text, c.published).dates, c.why).toEqual([]);
  });

  it('the output contract carries the lunar fields on lunar hits only', () => {
    const text = 'Mồng 1 Tết, người dân đi lễ chùa; ngày 15/2, các trường học trở lại. Tháng Chạp, chợ hoa mở sớm.';
    const article: Article = {
      url: null, canonicalUrl: null, sourceId: null, title: null, published: '2025-01-20', author: null, language: 'vi',
      paragraphs: [text], text, contentHash: '', warnings: [],
    };
    const record = toContract('tet.txt', article, run(text, '2025-01-20'));
    expect(record.dates).toEqual([
      { text: 'Mồng 1 Tết', value: '2025-01-29', calendar: 'lunar', lunar: '2025-01-01' },
      { text: 'ngày 15/2', value: '2025-02-15' },
    ]);
    expect(record.periods).toEqual([{ text: 'Tháng Chạp', value: '2024-12-31/2025-01-28', calendar: 'lunar', lunar: '2024-12' }]);
  });

  it('converts through the library only days it confirms', () => {
    // Tết in the years where the Vietnamese and Chinese calendars part (the meridian of UTC+7 against UTC+8).
    expect(lunarToSolar(1968, 1, 1)).toEqual({ year: 1968, month: 1, day: 29 });
    expect(lunarToSolar(1985, 1, 1)).toEqual({ year: 1985, month: 1, day: 21 });
    expect(lunarToSolar(2007, 1, 1)).toEqual({ year: 2007, month: 2, day: 17 });
    expect(lunarToSolar(2030, 1, 1)).toEqual({ year: 2030, month: 2, day: 2 });
    // Days that do not exist: the 30th of a 29-day month, a leap month the year has not, a 31st, a year outside the tables.
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(lunarToSolar(2024, 12, 30)).toBeNull();
    expect(lunarToSolar(2023, 3, 1, true)).toBeNull();
    expect(lunarToSolar(2023, 2, 1, true)).toEqual({ year: 2023, month: 3, day: 22 });
    expect(lunarToSolar(2024, 1, 31)).toBeNull();
    expect(lunarToSolar(1100, 1, 1)).toBeNull();
    // Every Tết of the tables' modern range is a day in late January or February, and every lunar month has 29 or 30 days.
    for (let year = 1900; year <= 2100; year++) {
      const tet = lunarToSolar(year, 1, 1)!;
      expect(tet.year).toBe(year);
      expect(tet.month === 1 ? tet.day >= 20 : tet.month === 2 && tet.day <= 20, `Tết ${year}: ${JSON.stringify(tet)}`).toBe(true);
      for (let month = 1; month <= 12; month++) expect([29, 30]).toContain(lunarMonthLength(year, month));
    }
  });
});

describe('numbers that are not days or periods', () => {
  it.each(fixture.negatives.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    const got = run(c.text, '2024-05-15');
    if (c.dates) expect(got.dates, JSON.stringify(got.dates)).toEqual([]);
    if (c.periods) expect(got.periods, JSON.stringify(got.periods)).toEqual([]);
  });
});

describe('weekdays resolve to the right day of the week', () => {
  const names: Array<[string, number]> = [['thứ Hai', 1], ['thứ Ba', 2], ['thứ Tư', 3], ['thứ Năm', 4], ['thứ Sáu', 5], ['thứ Bảy', 6], ['Chủ nhật', 7]];
  const rels: Array<[string, (w: number) => string]> = [
    // Publication on Wednesday 2024-05-15: the week runs from Monday 13 to Sunday 19.
    ['tuần này', (w) => iso(2024, 5, 12 + w)],
    ['tuần trước', (w) => iso(2024, 5, 5 + w)],
    ['tuần sau', (w) => iso(2024, 5, 19 + w)],
  ];
  it.each(names.flatMap(([name, w]) => rels.map(([rel, want]) => [`Sáng ${name} ${rel}, đoàn làm việc tại tỉnh.`, want(w), w] as const)))('%s', (text, want, weekday) => {
    const dates = run(text, '2024-05-15').dates;
    expect(values(dates)).toEqual([want]);
    const [y, m, d] = want.split('-').map(Number) as [number, number, number];
    expect(isoWeekday(y, m, d)).toBe(weekday);
  });
});

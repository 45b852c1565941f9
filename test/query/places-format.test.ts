import { describe, it, expect } from 'vitest';
import { findPlace, placeNames } from '../../src/extract/common/places.ts';
import { displayWidth, formatTable, formatVertical, terminalWidth, truncate } from '../../src/cli/format.ts';

describe('findPlace', () => {
  it('knows the 63 provinces and centrally-run cities', () => expect(placeNames).toHaveLength(63));
  it.each([
    ['Đến nay Hà Nội có 356/382 xã đạt chuẩn', 'Hà Nội'],
    ['Quý I, TP.HCM tăng trưởng 8,2%', 'Thành phố Hồ Chí Minh'],
    ['kinh tế TP. Hồ Chí Minh tăng 6%', 'Thành phố Hồ Chí Minh'],
    ['tỉnh Thanh Hoá thu 28.000 tỷ đồng', 'Thanh Hóa'],
    ['THANH HÓA: thu ngân sách', null],
    ['Tỉnh Bà Rịa – Vũng Tàu có 82 xã', 'Bà Rịa - Vũng Tàu'],
    ['du khách đến Vũng Tàu tăng 20%', 'Bà Rịa - Vũng Tàu'],
    ['tại Thừa Thiên - Huế, 95% hộ dân', 'Thừa Thiên Huế'],
    ['Đắc Lắc có 120 nghìn ha cà phê', 'Đắk Lắk'],
    ['Hoà Bình có 151 xã', 'Hòa Bình'],
    ['vì hòa bình và hữu nghị, 3 nước ký kết', null],
    ['tư tưởng Hồ Chí Minh được 90% đảng viên học tập', null],
    ['Thái Bình Dương rộng 165 triệu km2', null],
    ['Đà Nẵng và Quảng Nam góp 12%', 'Đà Nẵng'],
    ['Long Anh đạt 5 huy chương', null],
  ])('%s → %s', (text, place) => expect(findPlace(text)).toBe(place));
});

describe('formatTable', () => {
  it('counts Vietnamese letters as one cell each, precomposed or not, and wide letters as two', () => {
    expect(displayWidth('Thành ủy')).toBe(8);
    expect(displayWidth('Thành ủy'.normalize('NFD'))).toBe(8);
    expect(displayWidth('中文')).toBe(4);
    expect(displayWidth('\x1b[1mĐảng\x1b[22m')).toBe(4);
  });

  it('truncates by cells with an ellipsis, closing colour codes', () => {
    expect(truncate('Phó Bí thư Thường trực Thành ủy', 10)).toBe('Phó Bí th…');
    expect(displayWidth(truncate('Phó Bí thư Thường trực'.normalize('NFD'), 10))).toBe(10);
    expect(truncate('\x1b[1mĐảng bộ thành phố\x1b[22m', 6)).toBe('\x1b[1mĐảng \u2026\x1b[0m');
  });

  it('aligns columns by display width, numbers to the right', () => {
    const table = formatTable([
      { name: 'Vương Đình Huệ', articles: 12, title: 'Bí thư Thành ủy Hà Nội' },
      { name: 'Tô Lâm', articles: 3, title: null },
    ], { maxWidth: 200 });
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^name\s+articles\s+title$/);
    const col = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    expect(col(lines[2]!, '12') + 2).toBe(col(lines[3]!, '3') + 1);
    expect(col(lines[2]!, 'Bí thư')).toBe(col(lines[0]!, 'title'));
    expect(lines.map((l) => displayWidth(l)).every((w) => w <= 200)).toBe(true);
  });

  it('fits the given width by narrowing the widest column', () => {
    const long = 'Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng ban Dân vận Trung ương';
    const table = formatTable([{ id: 1, title: long, text: long }], { maxWidth: 60 });
    for (const line of table.trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(table).toContain('…');
  });
});

describe('tables that fit the terminal', () => {
  const long = 'Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng ban Dân vận Trung ương, phụ trách công tác';
  const rows = [
    { id: 123456, published: '2024-11-20', source: 'nhandan', value: 1234567.5, title: long, snippet: `${long} ${long}`, article_url: 'https://nhandan.vn/a-very-long-article-path-that-goes-on-and-on.html' },
    { id: 7, published: '2024-11-21', source: 'hanoimoi', value: 2, title: 'Ngắn', snippet: 'Ngắn', article_url: 'https://hanoimoi.vn/x.html' },
  ];

  it.each([80, 100, 140])('at %i cells: every line fits, numbers whole, short columns whole, long ones share the rest', (width) => {
    const table = formatTable(rows, { maxWidth: width });
    const lines = table.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    expect(lines[2]).toContain('123456');
    expect(lines[2]).toContain('1234567.5');
    expect(lines[2]).toContain('2024-11-20');
    expect(lines[2]).toContain('nhandan');
    // The long columns are cut, but none to a stub.
    const header = lines[0]!;
    const rule = lines[1]!.split('  ');
    expect(rule.every((r) => displayWidth(r) >= Math.min(8, displayWidth(header.split(/\s+/)[rule.indexOf(r)] ?? '')))).toBe(true);
  });

  it('at 100 cells the long text columns keep more than 5 cells each (the old narrowing cut all to ~5)', () => {
    const rule = formatTable(rows, { maxWidth: 100 }).split('\n')[1]!.split('  ').map(displayWidth);
    // id, published, source, value, title, snippet, article_url
    expect(rule.slice(0, 4)).toEqual([6, 10, 8, 9]);
    for (const w of rule.slice(4)) expect(w).toBeGreaterThanOrEqual(12);
  });

  it('takes the width from the terminal, else COLUMNS, else 100', () => {
    expect(terminalWidth({ isTTY: true, columns: 77 }, {})).toBe(77);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: '132' })).toBe(132);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(100);
    expect(terminalWidth({}, {})).toBe(100);
  });

  it('--vertical shows each value whole, wrapped under its column name', () => {
    const text = formatVertical(rows, { maxWidth: 60 });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/^─\[ 1 \]─+$/);
    expect(lines[1]).toMatch(/^id {10}│ 123456$/);
    const joined = lines.filter((l) => l.includes('│')).map((l) => l.split('│ ')[1] ?? '').join(' ');
    expect(joined.replace(/\s+/g, ' ')).toContain(`${long} ${long}`);
    expect(text).toContain('https://nhandan.vn/a-very-long-article-path-that-goes-on-and-on.html'.slice(0, 40));
    expect(lines.filter((l) => /^─\[ \d \]/.test(l))).toHaveLength(2);
  });
});

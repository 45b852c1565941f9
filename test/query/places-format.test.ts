import { describe, it, expect } from 'vitest';
import { findPlace, placeNames } from '../../src/extract/common/places.ts';
import { displayWidth, formatTable, truncate } from '../../src/cli/format.ts';

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

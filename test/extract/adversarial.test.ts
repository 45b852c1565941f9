// Bad input: huge unpunctuated paragraphs, long runs of digits, dots and capitalised words, text with no
// Vietnamese, legacy-decoded text. Extraction must finish fast (no catastrophic backtracking) and invent nothing.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.ts';

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const MB = 1024 * 1024;

describe('adversarial input', () => {
  const cases: Array<[string, string]> = [
    ['5 MB of one Vietnamese paragraph', repeatTo('Ban Dân vận Thành ủy tổ chức hội nghị với 27.739 cuộc giám sát và Bí thư Thành ủy Hà Nội Vương Đình Huệ phát biểu ngày 8/6 năm 2020 ', 5 * MB)],
    ['digits only', repeatTo('1234567890', MB / 2)],
    ['dots and digits', repeatTo('1.2.3.4.', MB / 2)],
    ['slashes and dashes', repeatTo('12/34-56/78-', MB / 2)],
    ['capitalised words', repeatTo('Nguyễn Văn Hùng Bí Thư Ủy Viên Hà Nội ', MB / 2)],
    ['title heads without end', repeatTo('Phó Bí thư Thường trực Thành ủy Ban Dân vận ', MB / 2)],
    ['document-like codes', repeatTo('Nghị quyết số 1-NQ/TW-TW/TW-', MB / 4)],
    ['number words', repeatTo('hai mươi ba trăm ', MB / 4)],
    ['named laws without a number', repeatTo('Luật Đất Đai Nhà Ở Kinh Doanh Bất Động Sản số ', MB / 8)],
    ['lists of names after a colon', repeatTo('các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long, ', MB / 4)],
    ['month ranges and lower-case committee names', repeatTo('từ tháng 4 đến tháng 7/2024 Trưởng ban Chỉ đạo phòng chống thiên tai và ', MB / 4)],
    ['issuers before ban hành', repeatTo('Ngày 30/7, Thủ tướng Chính phủ đã ban hành Chỉ thị số 24/CT-TTg ', MB / 4)],
  ];

  it.each(cases)('%s finishes within the time budget', (_name, text) => {
    const started = performance.now();
    const got = extract({ text, published: '2020-06-08', language: 'vi' });
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(20);
    expect(Array.isArray(got.statistics)).toBe(true);
  });

  it('invents no entity on text with no Vietnamese', () => {
    const text = repeatTo('Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. ', 200_000) + ' 1.2.3.4 31/2 ';
    const got = extract({ text, published: '2020-01-01', language: 'vi' });
    expect(got).toEqual({ officials: [], documents: [], dates: [], periods: [], statistics: [] });
  });

  it('survives legacy-decoded text and replacement characters without inventing entities', () => {
    const mojibake = 'Ä\u0090áº£ng bá»™ ThÃ nh á»§y L?y l?i m\uFFFD b?o m?t 31/2 1.2.3.4 ';
    const got = extract({ text: repeatTo(mojibake, 100_000), published: null, language: 'vi' });
    expect(got.officials).toEqual([]);
    expect(got.dates).toEqual([]);
    expect(got.documents).toEqual([]);
  });

  it('accepts empty text and a missing publication date', () => {
    expect(extract({ text: '', published: null, language: 'vi' })).toEqual({ officials: [], documents: [], dates: [], periods: [], statistics: [] });
    // Days without a year cannot be resolved without a publication date: they are left out, not guessed.
    expect(extract({ text: 'Sáng 8/6, hội nghị khai mạc.', published: null, language: 'vi' }).dates).toEqual([]);
  });
});

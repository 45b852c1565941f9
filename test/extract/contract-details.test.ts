// Details of the output contract: document numbers as written; no rules run on languages we have none for.
import { describe, it, expect } from 'vitest';
import { extract } from '../../src/extract/index.ts';

describe('document numbers as written', () => {
  it.each([
    ['Ban Dân vận triển khai Chương trình hành động số 03-CTr/BDVTU ngày 22/7/2016 của Ban Dân vận Thành ủy.', '03', '03-CTr/BDVTU'],
    ['Hội nghị quán triệt Nghị quyết số 09 của Bộ Chính trị về xây dựng đội ngũ doanh nhân.', '09', null],
    ['Thực hiện Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII.', '05', '05-CT/TW'],
    ['Nghị định 100/2019/NĐ-CP quy định xử phạt vi phạm hành chính.', '100', '100/2019/NĐ-CP'],
  ])('%s', (text, number, code) => {
    const [doc] = extract({ text, published: '2024-01-01', language: 'vi' }).documents;
    expect(doc).toMatchObject({ number, code });
  });
});

describe('languages without rules', () => {
  it('a German or French page yields no entities instead of Vietnamese false hits', () => {
    const text = 'Der Bundestag hat am 15/3 beschlossen, 27.739 Euro für 356/382 Gemeinden bereitzustellen (93,2%).';
    expect(extract({ text, published: '2024-01-01', language: 'de' })).toEqual({ officials: [], documents: [], dates: [], periods: [], statistics: [] });
    expect(extract({ text, published: '2024-01-01', language: 'vi' }).statistics.length).toBeGreaterThan(0);
  });
});

// The five seed texts: furniture named in the gold is gone, repeated lines appear once, and the
// byline/credit/title/stamp come out as metadata. Then the same rules on phrasings the seeds lack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/clean/index.ts';
import { findSource } from '../../pipelines/index.ts';

const root = join(import.meta.dirname, '../../fixtures');
interface GoldArticle { id: string; input: string; absent?: string[]; duplicate_lines?: string[] }
const gold = JSON.parse(readFileSync(join(root, 'gold/seeds.gold.json'), 'utf8')) as { articles: GoldArticle[] };
const count = (text: string, s: string): number => text.split(s).length - 1;

describe('seed texts', () => {
  for (const a of gold.articles) {
    it(`${a.id}: absent strings gone, duplicate lines once`, () => {
      const art = cleanText(readFileSync(join(root, a.input), 'utf8'));
      expect(art.paragraphs.length).toBeGreaterThan(4);
      for (const s of a.absent ?? []) expect(art.text, s).not.toContain(s);
      for (const s of a.duplicate_lines ?? []) expect(count(art.text, s), s).toBe(1);
      expect(art.text).not.toMatch(/\n{3,}|[ \t]{2,}/);
      expect(art.text).toBe(art.paragraphs.join('\n\n'));
      expect(art.language).toBe('vi');
    });
  }

  it('finds bylines, credits, titles and the title stamp', () => {
    const read = (id: string) => cleanText(readFileSync(join(root, `seeds/${id}.txt`), 'utf8'), { fetchedAt: '2025-04-01T00:00:00+07:00' });
    expect(read('000_35b82072ec745c98').credit).toBe('Theo Tuổi trẻ Thủ đô');
    expect(read('000_35b82072ec745c98').text).not.toContain('Theo Tuổi trẻ Thủ đô');
    expect(read('002_9467f64f0288784b').author).toBe('Hoàng Phúc');
    expect(read('003_14bd3381d91fb0a5').author).toBe('Trần Long');
    expect(read('003_14bd3381d91fb0a5').title).toBe('Nâng cao hoạt động của công tác dân vận trong tình hình mới');
    const s4 = read('004_bcade3544433e313');
    expect(s4.author).toBe('Nhóm PV');
    // The stamp states no zone: kept as local time without a profile, Vietnam time with the outlet's.
    expect([s4.published, s4.publishedOrigin, s4.publishedZone]).toEqual(['2020-03-27T11:51:00', 'visible-text', 'unknown']);
    const s4vn = cleanText(readFileSync(join(root, 'seeds/004_bcade3544433e313.txt'), 'utf8'), { source: findSource('dangcongsan') });
    expect([s4vn.published, s4vn.publishedZone]).toEqual(['2020-03-27T11:51:00+07:00', 'profile']);
    expect(s4.title).toBe('Công tác dân vận là mục tiêu, giải pháp thúc đẩy việc thực hiện các nhiệm vụ chính trị');
    expect(s4.warnings.some((w) => w.startsWith('mojibake'))).toBe(true);
    // Body prose with names stays.
    expect(read('002_9467f64f0288784b').text).toContain('356/382 xã (tỷ lệ 93,2%)');
  });
});

const prose = (n: number): string => `Đoạn văn số ${n} của bài viết nói về công tác dân vận của thành phố, với nhiều chi tiết cụ thể, số liệu rõ ràng và lời phát biểu của lãnh đạo các cấp tại hội nghị tổng kết năm.`;

describe('furniture rules beyond the seeds', () => {
  it('cuts a tail that opens with any related-list heading', () => {
    for (const heading of ['Tin liên quan', 'TIN CÙNG CHUYÊN MỤC', 'Bài viết liên quan:', 'Các tin khác', 'Đừng bỏ lỡ', 'Tin mới nhất »']) {
      const text = [prose(1), prose(2), prose(3), heading, 'Hà Nội khánh thành cầu mới bắc qua sông Hồng', 'Thủ tướng làm việc với tỉnh Quảng Ninh về quy hoạch'].join('\n\n');
      const art = cleanText(text);
      expect(art.paragraphs, heading).toEqual([prose(1), prose(2), prose(3)]);
    }
  });

  it('drops an inline related box but keeps the prose after it', () => {
    const text = [prose(1), prose(2), 'Xem thêm:', 'Hà Nội khánh thành cầu mới bắc qua sông Hồng', 'Thủ tướng làm việc với tỉnh Quảng Ninh về quy hoạch', prose(3), prose(4), prose(5), prose(6)].join('\n\n');
    expect(cleanText(text).paragraphs).toEqual([prose(1), prose(2), prose(3), prose(4), prose(5), prose(6)]);
  });

  it('drops related headlines pasted under a paragraph, login/share lines, image ids and gallery labels', () => {
    const text = [
      'Đăng nhập để bình luận', 'Facebook | Zalo | Twitter', '',
      `${prose(1)}\nQuốc hội thông qua luật đất đai sửa đổi năm nay\nBộ Tài chính đề xuất giảm thuế giá trị gia tăng`,
      '', '12 9f8e7d6c5b4a39281726', 'Ảnh 3/10', '', prose(2), '', '1 image gallery 2', 'Đại biểu biểu quyết thông qua nghị quyết tại phiên họp.', '', 'Đại biểu biểu quyết thông qua nghị quyết tại phiên họp.', '', prose(3), '', '© Bản quyền thuộc về báo điện tử', '',
    ].join('\n');
    const art = cleanText(text);
    expect(art.paragraphs).toEqual([prose(1), prose(2), 'Đại biểu biểu quyết thông qua nghị quyết tại phiên họp.', prose(3)]);
  });

  it('takes other bylines and credits from the tail', () => {
    const base = [prose(1), prose(2)];
    expect(cleanText([...base, 'Minh Anh - Quang Huy'].join('\n\n')).author).toBe('Minh Anh - Quang Huy');
    expect(cleanText([...base, 'Nguyễn Văn Bình (TTXVN)'].join('\n\n')).author).toBe('Nguyễn Văn Bình (TTXVN)');
    expect(cleanText([...base, '(Theo VnExpress)'].join('\n\n')).credit).toBe('Theo VnExpress');
    expect(cleanText([...base, 'Nguồn: Báo Nhân Dân'].join('\n\n')).credit).toBe('Theo Báo Nhân Dân');
    // A closing sentence is not a byline.
    const last = 'Hội nghị kết thúc tốt đẹp.';
    expect(cleanText([...base, last].join('\n\n')).paragraphs.at(-1)).toBe(last);
  });

  it('keeps body sub-headings and normalises text', () => {
    const art = cleanText(`${prose(1)}\n\nGóp phần củng cố lòng tin của Nhân dân\n\n${prose(2)}   với   khoảng trắng\u00a0thừa`.normalize('NFD'));
    expect(art.paragraphs[1]).toBe('Góp phần củng cố lòng tin của Nhân dân');
    expect(art.text).toBe(art.text.normalize('NFC'));
    expect(art.paragraphs[2]).toContain('với khoảng trắng thừa');
  });
});

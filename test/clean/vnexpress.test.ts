// The saved VnExpress article: generic and profile extraction, related list inside the body, metadata.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanHtml } from '../../src/clean/index.ts';
import vnexpress from '../../pipelines/vnexpress.ts';

const html = readFileSync(join(import.meta.dirname, '../../fixtures/pages/vnexpress.article.2022-02-13.html'), 'utf8');
const url = 'https://vnexpress.net/viet-nam-du-kien-mo-lai-toan-bo-duong-bay-quoc-te-tu-15-2-4426992.html';
// Headlines of the Box-Related list that sits inside article.fck_detail.
const related = ['Khách quốc tế đến Việt Nam không phải xét nghiệm nhanh', 'Tăng tần suất nhiều chuyến bay quốc tế', 'Hàng không mở lại 8 đường bay quốc tế'];

describe.each([
  ['generic', null],
  ['profile', vnexpress],
] as const)('VnExpress article (%s)', (_mode, source) => {
  const art = cleanHtml(html, { url, source, fetchedAt: '2022-02-14T00:00:00+07:00' });

  it('keeps the body and drops the in-body related list, byline line and share bar', () => {
    expect(art.text).toContain('Ông Đinh Việt Sơn, Phó cục trưởng Hàng không Việt Nam');
    expect(art.text).toContain('đón đầu nhu cầu đi lại khi đại dịch đang từng bước được kiểm soát.');
    for (const r of related) expect(art.text).not.toContain(r);
    expect(art.paragraphs).not.toContain('Đoàn Loan');
    expect(art.text).not.toMatch(/Chia sẻ|Trở lại Thời sự|Ý kiến/);
    expect(art.paragraphs.length).toBeGreaterThanOrEqual(7);
    expect(art.warnings.filter((w) => w.startsWith('profile-fallback'))).toEqual([]);
  });

  it('reads the metadata', () => {
    expect(art.title).toBe('Việt Nam dự kiến mở lại toàn bộ đường bay quốc tế từ 15/2');
    expect(art.published).toBe('2022-02-13T16:08:35+07:00');
    expect(art.publishedOrigin).toBe('json-ld');
    expect(art.modified).toBe('2022-02-13T16:19:37+07:00');
    expect(art.author).toBe('Đoàn Loan');
    expect(art.section).toBe('Giao thông');
    expect(art.language).toBe('vi');
    expect(art.canonicalUrl).toBe(url);
    expect(art.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts with the lead (sapo) and keeps the caption once', () => {
    expect(art.paragraphs[0]).toMatch(/^Cục Hàng không Việt Nam đã thông báo/);
    expect(art.text.split('Máy bay tại Tân Sơn Nhất.').length - 1).toBeLessThanOrEqual(1);
  });
});

describe('VnExpress metadata without JSON-LD or meta', () => {
  it('falls back to the visible stamp "Chủ nhật, 13/2/2022, 16:08 (GMT+7)"', () => {
    const stripped = html.replace(/<script[^>]*ld\+json[^>]*>[\s\S]*?<\/script>/g, '').replace(/<meta[^>]*(datePublished|pubdate|published_time)[^>]*>/g, '');
    const art = cleanHtml(stripped, { source: vnexpress });
    expect(art.published).toBe('2022-02-13T16:08:00+07:00');
    expect(art.publishedOrigin).toBe('profile');
    const generic = cleanHtml(stripped);
    expect([generic.published, generic.publishedOrigin]).toEqual(['2022-02-13T16:08:00+07:00', 'visible-text']);
  });
});

describe('a profile whose body selector no longer matches', () => {
  it('falls back to the generic extractor and says so', () => {
    const stale = { ...vnexpress, selectors: { ...vnexpress.selectors, body: 'div.old-template-body' } };
    const art = cleanHtml(html, { url, source: stale });
    expect(art.warnings.some((w) => w.startsWith('profile-fallback:'))).toBe(true);
    expect(art.text).toContain('Ông Đinh Việt Sơn');
    for (const r of related) expect(art.text).not.toContain(r);
  });
});

// The twelve site profiles: well-formed, findable, and their article patterns accept article URLs only.
import { describe, expect, it } from 'vitest';
import { allSources, findSource, findSourceForUrl } from '../../pipelines/index.ts';

const articleUrls: Record<string, [string, string]> = {
  vnexpress: ['https://vnexpress.net/viet-nam-du-kien-mo-lai-toan-bo-duong-bay-quoc-te-tu-15-2-4426992.html', 'https://vnexpress.net/thoi-su'],
  baochinhphu: ['https://baochinhphu.vn/thu-tuong-chu-tri-hop-102260905122709839.htm', 'https://baochinhphu.vn/thoi-su.htm'],
  nhandan: ['https://nhandan.vn/tong-bi-thu-tiep-doan-dai-bieu-post812345.html', 'https://nhandan.vn/chinhtri/'],
  vietnamplus: ['https://www.vietnamplus.vn/thu-tuong-lam-viec-post998877.vnp', 'https://www.vietnamplus.vn/chinhtri/'],
  tuoitre: ['https://tuoitre.vn/mo-lai-duong-bay-20220213160812345.htm', 'https://tuoitre.vn/thoi-su.htm'],
  hanoimoi: ['https://hanoimoi.vn/ha-noi-khanh-thanh-cau-moi-654321.html', 'https://hanoimoi.vn/dai-hoi-dang-event12345.html'],
};

describe('site profiles', () => {
  it('cover the twelve outlets with complete, distinct profiles', () => {
    expect(allSources.map((s) => s.id).sort()).toEqual(['baochinhphu', 'baophapluat', 'dangcongsan', 'dantri', 'hanoimoi', 'nhandan', 'qdnd', 'thanhnien', 'tuoitre', 'tuoitrethudo', 'vietnamplus', 'vnexpress']);
    for (const s of allSources) {
      expect(new URL(s.baseUrl).protocol).toBe('https:');
      expect(s.language).toBe('vi');
      expect((s.feeds?.length ?? 0) + (s.sitemaps?.length ?? 0)).toBeGreaterThan(0);
      expect(s.articleUrlPattern).toBeInstanceOf(RegExp);
      expect(s.selectors?.dateFormat).toBeTruthy();
      for (const u of [...(s.feeds ?? []), ...(s.sitemaps ?? [])]) expect(new URL(u).hostname.replace(/^www\./, '')).toBe(new URL(s.baseUrl).hostname.replace(/^www\./, ''));
    }
  });

  it('article URL patterns accept articles and refuse section/aggregate pages', () => {
    for (const [id, [article, other]] of Object.entries(articleUrls)) {
      const s = findSource(id)!;
      expect(s.articleUrlPattern!.test(article), article).toBe(true);
      expect(s.articleUrlPattern!.test(other), other).toBe(false);
    }
  });

  it('finds profiles by id and by URL', () => {
    expect(findSource('dantri')?.name).toBe('Dân trí');
    expect(findSource('nope')).toBeUndefined();
    expect(findSourceForUrl('https://www.vnexpress.net/abc-123456.html')?.id).toBe('vnexpress');
    expect(findSourceForUrl('not a url')).toBeUndefined();
  });
});

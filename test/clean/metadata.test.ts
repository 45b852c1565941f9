// Page titles without the site's name, found by structure (the names the page gives itself, its host,
// its h1), across separators and languages; headlines that merely hold a dash or a colon stay whole.
import { describe, expect, it } from 'vitest';
import { cleanHtml } from '../../src/clean/index.ts';
import { withoutSiteName } from '../../src/clean/metadata.ts';

const body = `<article><p>${'Đoạn văn của bài báo, với nhiều chi tiết cụ thể và số liệu rõ ràng về sự kiện. '.repeat(6)}</p></article>`;
const page = (head: string, h1 = ''): string => `<html><head>${head}</head><body>${h1 ? `<h1>${h1}</h1>` : ''}${body}</body></html>`;

describe('title without the site name', () => {
  const cases: [head: string, url: string, h1: string, want: string][] = [
    ['<title>Việt Nam dự kiến mở lại toàn bộ đường bay quốc tế từ 15/2 - VnExpress</title>', 'https://vnexpress.net/a-4426992.html', '', 'Việt Nam dự kiến mở lại toàn bộ đường bay quốc tế từ 15/2'],
    ['<meta property="og:title" content="Hà Nội đẩy nhanh tiến độ tuyến Nhổn - ga Hà Nội | Tuổi Trẻ Online">', 'https://tuoitre.vn/a-20240312174512345.htm', '', 'Hà Nội đẩy nhanh tiến độ tuyến Nhổn - ga Hà Nội'],
    ['<meta property="og:title" content="Quốc hội thảo luận Luật Đất đai | Báo Dân trí"><meta property="og:site_name" content="Báo điện tử Dân Trí">', 'https://dantri.com.vn/a.htm', '', 'Quốc hội thảo luận Luật Đất đai'],
    ['<meta property="og:title" content="Nhân Dân điện tử - Tổng Bí thư tiếp đoàn đại biểu">', 'https://nhandan.vn/a-post812345.html', '', 'Tổng Bí thư tiếp đoàn đại biểu'],
    ['<title>Valley Weekly: The last ferry leaves Millbrook</title><meta property="og:site_name" content="Valley Weekly">', 'https://example.org/a', '', 'The last ferry leaves Millbrook'],
    ['<title>Council approves transit plan :: The Riverside Ledger</title><meta name="application-name" content="The Riverside Ledger">', 'https://example.org/b', '', 'Council approves transit plan'],
    ['<meta property="og:title" content="Stadtrat beschließt Radwegenetz – Rheintaler Zeitung">', 'https://www.rheintaler-zeitung.de/lokales/a', '', 'Stadtrat beschließt Radwegenetz'],
    ['<script type="application/ld+json">{"@type":"NewsArticle","headline":"Smoke travels farther than predicted | Northern Science","publisher":{"@type":"Organization","name":"Northern Science"}}</script>', 'https://example.com/c', '', 'Smoke travels farther than predicted'],
    // Section and site after the headline: both go when the page names them.
    ['<meta property="og:title" content="Crash on I-95 - WSVN 7News | Miami News, Weather | Fort Lauderdale"><meta property="og:site_name" content="WSVN 7News | Miami News, Weather | Fort Lauderdale">', 'https://wsvn.com/news/local/crash/', '', 'Crash on I-95'],
    // No name known, but the h1 is exactly the headline side.
    ['<meta property="og:title" content="Brexit vote delayed again | Example Politics Desk">', 'https://example.net/d', 'Brexit vote delayed again', 'Brexit vote delayed again'],
  ];
  for (const [head, url, h1, want] of cases) it(want, () => expect(cleanHtml(page(head, h1), { url }).title).toBe(want));

  it('keeps headlines whose dash, colon or bar is part of the headline', () => {
    const keep: [title: string, ctx: Parameters<typeof withoutSiteName>[1]][] = [
      ['Hà Nội đẩy nhanh tiến độ tuyến Nhổn - ga Hà Nội', { names: ['Tuổi Trẻ Online'], url: 'https://tuoitre.vn/a.htm', h1: null }],
      ['Olympia 2022: Zweiter Coronafall im deutschen Team', { names: ['Eurosport'], url: 'https://www.eurosport.de/a', h1: null }],
      ['Nghị quyết 15-NQ/TW: Hà Nội phải là trung tâm văn hóa - giáo dục', { names: ['Hànộimới'], url: 'https://hanoimoi.vn/a.html', h1: null }],
      ['Win or lose | The night the county changed its mind', { names: [], url: null, h1: null }],
      ['Review: The best phones of the year', { names: ['Tech Daily'], url: 'https://techdaily.example/r', h1: null }],
    ];
    for (const [title, ctx] of keep) expect(withoutSiteName(title, ctx), title).toBe(title);
  });
});

// Bad input never hangs or throws: empty body with a reason.
import { describe, expect, it } from 'vitest';
import { cleanHtml, cleanInput, cleanText } from '../../src/clean/index.ts';

const para = '<p>Ban Dân vận Thành ủy tổ chức hội nghị tổng kết công tác dân vận năm 2020, triển khai nhiệm vụ năm 2021, biểu dương điển hình.</p>';

describe('bad input', () => {
  it('empty and whitespace', () => {
    for (const input of ['', '   \n\t ']) {
      for (const art of [cleanHtml(input), cleanText(input)]) {
        expect(art.text).toBe('');
        expect(art.warnings[0]).toMatch(/^empty-input/);
      }
    }
  });

  it('binary', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const art = cleanInput(bytes, { kind: 'html' });
    expect(art.text).toBe('');
    expect(art.warnings.join(' ')).toMatch(/binary-input|not-html/);
    expect(cleanHtml('\u0000\u0001\u0002PNG\u0000\u0000'.repeat(100)).warnings[0]).toMatch(/^binary-input/);
  });

  it('not a string', () => {
    expect(cleanHtml(null as unknown as string).warnings[0]).toMatch(/^bad-input/);
  });

  it('non-HTML', () => {
    const art = cleanHtml('{"json": true, "items": [1, 2, 3]}');
    expect(art.text).toBe('');
    expect(art.warnings[0]).toMatch(/^not-html/);
  });

  it('truncated HTML still yields what is there', () => {
    const page = `<html><body><article>${para.repeat(6)}<p>Đoạn cuối bị cắt giữa chừng khi tải trang về`;
    const art = cleanHtml(page);
    expect(art.paragraphs.length).toBeGreaterThanOrEqual(1);
    expect(art.text).toContain('Ban Dân vận Thành ủy');
  });

  it('deeply nested markup', () => {
    const depth = 20_000;
    const page = `<html><body>${'<div>'.repeat(depth)}${para}${'</div>'.repeat(depth)}<article>${para.repeat(5)}</article></body></html>`;
    const started = Date.now();
    const art = cleanHtml(page);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(art.text).toContain('Ban Dân vận Thành ủy');
  });

  it('a 50 MB page is cut, read, and flagged', () => {
    const filler = `<div class="item"><a href="/x">Liên kết</a> ${'chữ '.repeat(40)}</div>`;
    const page = `<html><body><article>${para.repeat(8)}</article>${filler.repeat(Math.ceil(50_000_000 / filler.length))}</body></html>`;
    expect(page.length).toBeGreaterThan(50_000_000);
    const started = Date.now();
    const art = cleanHtml(page);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(art.warnings.some((w) => w.startsWith('truncated'))).toBe(true);
  }, 60_000);

  it('mojibake is flagged, not passed silently', () => {
    const broken = `<html><body><article>${'<p>CÃ´ng tÃ¡c dÃ¢n váº­n lÃ  má»¥c tiÃªu, giáº£i phÃ¡p thÃºc Ä‘áº©y viá»‡c thá»±c hiá»‡n cÃ¡c nhiá»‡m vá»¥ chÃ­nh trá»‹.</p>'.repeat(4)}</article></body></html>`;
    expect(cleanHtml(broken).warnings.some((w) => w.startsWith('mojibake'))).toBe(true);
    expect(cleanText('Phát biểu tại hội nghị, đồng chí Nguyễn Văn A nhấn mạnh vai trò của công tác dân vận trong tình hình mới.\n\nL?y l?i m\uFFFD b?o m?t').warnings.some((w) => w.startsWith('mojibake'))).toBe(true);
    expect(cleanText('Phát biểu tại hội nghị, đồng chí Nguyễn Văn A nhấn mạnh vai trò của công tác dân vận.').warnings).toEqual([]);
  });
});

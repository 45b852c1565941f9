// Issue #20's acceptance, as an analyst runs it: `vnpress demo` builds the demo database (the bundled sites served on
// 127.0.0.1, crawled, cleaned, extracted and stored by the real binary), then `vnpress query indicator-trend --param
// "indicator=nong thon moi" --json` answers "how did the share of xã reaching the new-rural standard change?".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.ts';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnpress-indicator-'));
  db = join(dir, 'demo.db');
  const demo = runCli(['demo', '--db', db], { timeoutMs: 150_000 });
  if (demo.code !== 0) throw new Error(`vnpress demo failed (${demo.code}): ${demo.stderr}`);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const query = (...args: string[]) => {
  const r = runCli(['query', ...args, '--db', db, '--json'], { timeoutMs: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Array<Record<string, unknown>>;
};

describe('indicator-trend on the demo database', () => {
  it('returns the 356/382 and 377/382 xã with their shares, oldest first, each with its sentence and article', () => {
    const rows = query('indicator-trend', '--param', 'indicator=nong thon moi');
    const xa = rows.filter((r) => r.unit === 'xã' && r.total === 382);
    expect(xa.map((r) => [r.text, r.value, r.total, r.share, r.place])).toEqual([
      ['356/382 xã', 356, 382, 93.2, 'Hà Nội'],
      ['377/382 xã', 377, 382, 98.7, 'Hà Nội'],
    ]);
    for (const r of xa) {
      expect(String(r.sentence)).toContain(String(r.text));
      expect(String(r.article_url)).toMatch(/^https?:\/\/.+\.html$/);
      expect(r.source_id).toBe('hanoimoi');
      expect(String(r.time) < '2023').toBe(true);
    }
    expect(String(xa[0]!.time) < String(xa[1]!.time)).toBe(true);
    // The percentage that restates 356/382 (`tỷ lệ 93,2%`) is that figure again, not a second row.
    expect(rows.some((r) => r.text === '93,2%')).toBe(false);
    // Every row is about the new-rural standard, whatever the diacritics of the words asked.
    for (const r of rows) expect(String(r.indicator).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toContain('nong thon moi');
    expect(query('indicator-trend', '--param', 'indicator=NÔNG THÔN MỚI').map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('narrows by time and place, and the sentence filter ignores diacritics', () => {
    expect(query('indicator-trend', '--param', 'indicator=nong thon moi', '--param', 'from=2022').filter((r) => r.total === 382)
      .map((r) => r.share)).toEqual([98.7]);
    expect(query('indicator-trend', '--param', 'indicator=nong thon moi', '--param', 'place=Đà Nẵng')).toEqual([]);
    const withSentence = query('indicator-trend', '--param', 'indicator=nong thon moi', '--param', 'sentence=toan thanh pho');
    expect(withSentence.map((r) => r.text)).toEqual(['377/382 xã']);
  });

  it('top-indicators counts the new-rural figures under one key', () => {
    const top = query('top-indicators', '--param', 'limit=200');
    const xa = top.find((r) => r.indicator_key === 'xa dat chuan nong thon moi');
    expect(xa).toMatchObject({ statistics: 2, articles: 2, units: 'xã' });
  });
});

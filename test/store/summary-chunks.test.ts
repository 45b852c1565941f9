// A batch touches more statistics_summary buckets than one upsert statement takes (SUMMARY_ROWS in
// src/store/db.ts): the summary must still equal a GROUP BY rebuild, after inserts and after a
// batch that changes and removes numbers across many buckets.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Store } from '../../src/store/db.ts';
import { rebuildStatisticsSummary } from '../../src/store/summary.ts';
import type { DB } from '../../src/store/connection.ts';
import type { Article, Extraction } from '../../src/core/types.ts';

const UNITS = ['%', 'tỷ đồng', 'người', 'xã', 'hộ', 'doanh nghiệp', 'ha', 'km', 'tấn'];

function item(i: number, edition: number): { article: Article; extraction: Extraction } {
  const text = `Bài ${i}, bản ${edition}.`;
  const url = `http://127.0.0.1/bai-${i}`;
  // Months and years spread over 2015–2024, some numbers undated (no period, no publication date).
  const published = i % 11 === 0 ? null : `20${15 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}-05T08:00:00+07:00`;
  const statistics = Array.from({ length: 1 + ((i + edition) % 4) }, (_, k) => {
    const unit = UNITS[(i * 3 + k + edition) % UNITS.length]!;
    const value = ((i * 7 + k * 13 + edition * 5) % 97) - 10 + 0.25 * k;
    return { text: `${value} ${unit}`, value, unit, period: k === 1 ? `20${16 + (i % 7)}` : null };
  });
  return {
    article: { url, canonicalUrl: url, sourceId: 'demo', title: 'Báo cáo', published, author: null, language: 'vi', paragraphs: [text], text,
      contentHash: createHash('sha256').update(text).digest('hex'), warnings: [] },
    extraction: { officials: [], documents: [], dates: [], periods: [], statistics },
  };
}

type Row = { unit_folded: string; grain: string; time: string; statistics: number; articles: number; value_sum: number; least: number; greatest: number };
const summary = (db: DB) => db.prepare(`SELECT * FROM statistics_summary ORDER BY unit_folded, grain, time`).all() as Row[];

function expectEqualsRebuild(db: DB): number {
  const kept = summary(db);
  rebuildStatisticsSummary(db);
  const rebuilt = summary(db);
  expect(kept.map(({ value_sum: _v, ...r }) => r)).toEqual(rebuilt.map(({ value_sum: _v, ...r }) => r));
  kept.forEach((r, i) => expect(r.value_sum).toBeCloseTo(rebuilt[i]!.value_sum, 6));
  return kept.length;
}

describe('statistics_summary over batches wider than one upsert', () => {
  let dir: string | undefined;
  afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('equals a rebuild after a wide insert batch and a wide update batch', () => {
    dir = mkdtempSync(join(tmpdir(), 'vnpress-chunks-'));
    const store = new Store(join(dir, 'test.db'));
    store.upsertSource({ id: 'demo', name: 'Demo', baseUrl: 'http://127.0.0.1/', language: 'vi' });
    const results = store.saveArticles(Array.from({ length: 300 }, (_, i) => item(i, 0)));
    expect(results.every((r) => r.status === 'inserted')).toBe(true);
    // Several statements' worth of buckets in one batch, and a remainder.
    expect(expectEqualsRebuild(store.db)).toBeGreaterThan(3 * 64);
    // New text for every other article: its numbers leave some buckets (some empty out) and enter others.
    const updated = store.saveArticles(Array.from({ length: 150 }, (_, j) => item(j * 2, 1)));
    expect(updated.every((r) => r.status === 'updated')).toBe(true);
    expectEqualsRebuild(store.db);
    store.close();
  });
});

// The analyst fields of statistics in the store (issue #20, migration 2): written from a real extraction, the
// sentence folded for diacritic-blind filters, and a database made before the migration gains the columns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { extract } from '../../src/extract/index.ts';
import type { Article } from '../../src/core/types.ts';

const TEXT = 'Đến hết năm 2022, toàn tỉnh có 377/382 xã (tỷ lệ 98,7%) đạt chuẩn nông thôn mới. '
  + 'Tỷ lệ hộ cận nghèo còn 3,4%, giảm 1,1% so với năm trước. Tuyển sinh từ 300 đến 350 học viên; Đảng bộ kết nạp gần 900 Đảng viên mới.';

function article(url: string, text: string): Article {
  return {
    url, canonicalUrl: url, sourceId: 'demo', title: 'Nông thôn mới', published: '2023-01-10T08:00:00+07:00',
    author: null, language: 'vi', paragraphs: [text], text,
    contentHash: createHash('sha256').update(text).digest('hex'), warnings: [],
  };
}

const COLUMNS = 'text, value, total, indicator, indicator_key, qualifier, upper, change, compared_to, share, restates';

describe('statistics store their analyst fields', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vnpress-statfields-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each field the extraction gives, NULL for the others, and the folded sentence', () => {
    const store = new Store(join(dir, 'a.db'));
    store.upsertSource({ id: 'demo', name: 'Demo', baseUrl: 'http://127.0.0.1/', language: 'vi' });
    try {
      const a = article('http://x/a', TEXT);
      store.saveArticle(a, extract({ text: TEXT, published: a.published, language: 'vi' }));
      const rows = store.db.prepare(`SELECT ${COLUMNS} FROM statistics ORDER BY span_start`).all() as Array<Record<string, unknown>>;
      const byText = new Map(rows.map((r) => [r.text, r]));
      expect(byText.get('377/382 xã')).toMatchObject({ total: 382, indicator_key: 'xa dat chuan nong thon moi', share: 98.7, restates: null });
      expect(byText.get('98,7%')).toMatchObject({ restates: '377/382 xã', share: null });
      expect(byText.get('1,1%')).toMatchObject({ change: 'down', compared_to: 'năm trước' });
      expect([...byText.values()].find((r) => r.upper === 350)).toMatchObject({ value: 300 });
      expect([...byText.values()].find((r) => r.value === 900)).toMatchObject({ qualifier: 'under' });
      // The text filter's column: `dang vien` finds `Đảng viên`, `nong thon moi` the first sentence.
      const folded = store.db.prepare(`SELECT text FROM statistics WHERE context_folded LIKE '%' || ? || '%' ORDER BY span_start`).pluck();
      expect(folded.all('dang vien')).toEqual(['900 Đảng viên']);
      expect(folded.all('nong thon moi')).toEqual(['377/382 xã', '98,7%']);
      // The view carries the fields for exports.
      expect(store.db.prepare(`SELECT share FROM statistics_view WHERE text = '377/382 xã'`).pluck().get()).toBe(98.7);
    } finally {
      store.close();
    }
  });

  it('adds the columns to a database made before them; re-extraction fills them', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    // The schema as it was just before the migration that adds the fields (whatever its number after other branches').
    const ours = migrations.find((m) => m.sql.includes('ADD COLUMN indicator_key'))!;
    for (const m of migrations.filter((m) => m.version < ours.version)) old.exec(m.sql);
    old.pragma(`user_version = ${ours.version - 1}`);
    old.exec(`INSERT INTO articles (url, title, text, content_hash, language, first_stored_at, updated_at)
      VALUES ('http://x/old', 't', 'x', 'h', 'vi', '2023-01-10', '2023-01-10')`);
    old.exec(`INSERT INTO statistics (article_id, text, value, total, unit, unit_folded) VALUES (1, '356/382 xã', 356, 382, 'xã', 'xa')`);
    old.close();
    const store = new Store(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(migrations[migrations.length - 1]!.version);
      expect(store.db.prepare(`SELECT ${COLUMNS} FROM statistics`).get()).toMatchObject({ text: '356/382 xã', indicator: null, share: null });
      store.replaceExtraction(1, extract({ text: TEXT, published: '2023-01-10', language: 'vi' }));
      expect(store.db.prepare(`SELECT share FROM statistics WHERE text = '377/382 xã'`).pluck().get()).toBe(98.7);
      const indexes = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'statistics_indicator%'`).pluck().all();
      expect(indexes.sort()).toEqual(['statistics_indicator', 'statistics_indicator_period', 'statistics_indicator_place']);
    } finally {
      store.close();
    }
  });
});

// foldForIndex folds, before SQLite's tokenizer, what the tokenizer folds itself (and đ, which it
// does not): the index must hold the very words it held when only đ was folded, and highlight()
// must still find them at the same token positions of the original text.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { foldDiacritics, plainKey } from '../../src/core/fold.ts';
import { foldForIndex } from '../../src/store/fts-fold.ts';
import { cleanHtml } from '../../src/clean/index.ts';

const SITES = join(import.meta.dirname, '../../fixtures/sites');

describe('foldForIndex', () => {
  it.each([
    ['Thành ủy Hà Nội', 'Thanh uy Ha Noi'],
    ['Đảng bộ đồng chí Ngô Thị Thanh Hằng', 'Dang bo dong chi Ngo Thi Thanh Hang'],
    ['NGHỊ QUYẾT SỐ 57-NQ/TW', 'NGHI QUYET SO 57-NQ/TW'],
    ['“Tin liên quan” – đọc thêm…', ' Tin lien quan    doc them '],
    ['27.739 cuộc giám sát, 93,2%', '27.739 cuoc giam sat, 93,2%'],
    ['giá 25.000₫/kg', 'gia 25.000 /kg'],
    ['no\u00a0break\u2009thin', 'no break thin'],
    ['Ưu tiên Ơn Ỷ Ỹ Ỵ ỳ', 'Uu tien On Y Y Y y'],
    ['Ça déjà vu, São Paulo, Müller', 'Ca deja vu, Sao Paulo, Muller'],
    ['plain ascii stays', 'plain ascii stays'],
    ['', ''],
  ])('%j → %j', (text, folded) => {
    expect(foldForIndex(text)).toBe(folded);
  });

  it.each([
    ['Москва и Đà Nẵng', 'Москва и Da Nang'],
    ['北京 Hà Nội 東京', '北京 Ha Noi 東京'],
    ['Ελλάδα – Việt Nam', 'Ελλάδα   Viet Nam'],
    ['emoji 😀 Đảng 𠀀 chữ Nôm', 'emoji 😀 Dang 𠀀 chu Nom'],
  ])('keeps letters beyond Latin (and characters of two units) as they are: %j', (text, folded) => {
    expect(foldForIndex(text)).toBe(folded);
  });

  it('keeps the length of every text (one code unit for one), decomposed input included', () => {
    const texts = ['Thành ủy', 'Tha\u0300nh u\u0309y', 'x😀y', 'Москва “x”', 'a\ud800b', 'đ'.repeat(40_000)];
    for (const text of texts) expect(foldForIndex(text)).toHaveLength(text.length);
  });

  it('gives the same text for the same input across calls of any size (its buffer is reused)', () => {
    const long = 'Đồng chí Tổng Bí thư '.repeat(5000);
    const short = 'Đà Nẵng';
    expect(foldForIndex(long)).toBe('Dong chi Tong Bi thu '.repeat(5000));
    expect(foldForIndex(short)).toBe('Da Nang');
    expect(foldForIndex(long).slice(0, 8)).toBe('Dong chi');
  });

  it('changes no token SQLite makes of any character it folds, but đ → d', () => {
    // Every BMP character foldForIndex changes, between two letters, tokenized by SQLite as it is
    // and as folded: the tokens must be the same words (a letter folded alike, a separator a separator).
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
    const changed: string[] = [];
    db.transaction(() => {
      for (let unit = 0x80; unit < 0x10000; unit++) {
        if (unit >= 0xd800 && unit <= 0xdfff) continue;
        const char = String.fromCharCode(unit);
        const folded = foldForIndex(char);
        if (folded === char) continue;
        changed.push(char);
        insert.run(unit * 2, `a${char}b`);
        insert.run(unit * 2 + 1, `a${folded}b`);
      }
    })();
    const tokens = new Map<number, string>();
    for (const row of db.prepare(`SELECT doc, group_concat(term, ' ') AS terms FROM (SELECT doc, term FROM v ORDER BY doc, offset) GROUP BY doc`)
      .all() as Array<{ doc: number; terms: string }>) tokens.set(row.doc, row.terms);
    const differing = changed.filter((char) => {
      const unit = char.charCodeAt(0);
      return tokens.get(unit * 2) !== tokens.get(unit * 2 + 1);
    });
    expect(differing).toEqual(['Đ', 'đ']);
    // The table covers Vietnamese: every letter of the alphabet with its tones, both cases.
    const vietnamese = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
    for (const char of vietnamese + vietnamese.toUpperCase()) expect(changed).toContain(char);
    expect(changed.length).toBeGreaterThan(1000);
    db.close();
  });

  it('gives SQLite the same words, at the same positions, as the text with only đ folded: real articles and odd input', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
    const words = db.prepare(`SELECT term || '@' || offset FROM v WHERE doc = ? ORDER BY offset`).pluck();
    const onlyStrokedD = (s: string) => s.replace(/đ/g, 'd').replace(/Đ/g, 'D');
    const texts = [
      ...readdirSync(SITES, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.html?$/.test(f) && !f.endsWith('index.html'))
        .map((f) => cleanHtml(readFileSync(join(SITES, f), 'utf8')).text),
      'Tha\u0300nh u\u0309y (decomposed), ệ\u0301 (a mark after a folded letter), “Đảng”—2020…₫/kg, 27.739 cuộc',
      'x😀y Москва 北京 Ελλάδα a\u00adb c\u200bd ½ ² ª º µ ß æ ø',
    ];
    expect(texts.filter((t) => t.length > 1000).length).toBeGreaterThanOrEqual(5);
    texts.forEach((text, i) => {
      insert.run(2 * i + 1, onlyStrokedD(text));
      insert.run(2 * i + 2, foldForIndex(text));
      expect(words.all(2 * i + 2), text.slice(0, 60)).toEqual(words.all(2 * i + 1));
    });
    db.close();
  });

  it('folds to what plainKey reads for a name, case aside', () => {
    for (const name of ['Nguyễn Phú Trọng', 'Võ Văn Thưởng', 'Đắk Lắk', 'Thừa Thiên Huế']) {
      expect(foldForIndex(name).toLowerCase()).toBe(plainKey(name));
    }
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['Thanh Hoá', 'Thanh Hoa'],
    ['Đắk Lắk – Đắc Lắc', 'Dak Lak – Dac Lac'],
    ['TP. Hồ Chí Minh', 'TP. Ho Chi Minh'],
    ['Tha\u0300nh u\u0309y', 'Thanh uy'],
    ['ASCII, 27.739 cuộc', 'ASCII, 27.739 cuoc'],
    ['Москва “Hà Nội” 😀', 'Москва “Ha Noi” 😀'],
    ['', ''],
  ])('%j → %j', (text, folded) => expect(foldDiacritics(text)).toBe(folded));

  it('removes from Latin letters what NFD and dropping the marks removes, keeping case', () => {
    const nfd = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    const vietnamese = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
    for (const text of [vietnamese, vietnamese.toUpperCase(), 'Ça déjà vu, São Paulo, Müller, Łódź', 'Nguyễn Phú Trọng'.normalize('NFD')]) {
      expect(foldDiacritics(text)).toBe(nfd(text));
    }
  });
});

// The fast paths of the Vietnamese extractor against plain reference implementations: the character scanner against
// the TOKEN_RE grammar, window tokens taken from the text's tokens against tokenising the window, the phrase trie
// against a scan of the phrase list, and the `digitWithin` candidate filter against the patterns it skips.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATE_RULES, DAY_LIST, DAY_LIST_TRIGGERS } from '../../src/extract/vi/dates.ts';
import { DOCUMENT_RULES } from '../../src/extract/vi/documents.ts';
import { isNfcInert, nfc, type Token, TOKEN_RE, tokenize } from '../../src/extract/common/text.ts';
import { toneKey } from '../../src/core/fold.ts';
import { daysInMonth } from '../../src/extract/common/calendar.ts';
import { type Hit, longestSpanWins, makeContext, type Rule, tokensBetween } from '../../src/extract/common/rules.ts';
import { matchPhrase, phraseIndex } from '../../src/extract/vi/organisations.ts';
import { PERIOD_RULES } from '../../src/extract/vi/periods.ts';
import titles from '../../src/extract/vi/lexicons/titles.json' with { type: 'json' };
import { placePhrases as places } from '../../src/extract/common/places.ts';

const fixtures = new URL('../../fixtures/', import.meta.url);

function fixtureTexts(): string[] {
  const texts: string[] = [];
  for (const f of readdirSync(new URL('seeds/', fixtures)).filter((f) => f.endsWith('.txt'))) texts.push(readFileSync(new URL(`seeds/${f}`, fixtures), 'utf8'));
  for (const set of ['heldout-style', 'heldout-blind']) {
    const dir = new URL(`extract/${set}/`, fixtures);
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) texts.push(readFileSync(new URL(f, dir), 'utf8'));
  }
  for (const f of ['vi-cases.json', 'vi-negative.json']) {
    const cases = JSON.parse(readFileSync(new URL(`extract/${f}`, fixtures), 'utf8')) as { cases: Array<{ text: string }> };
    texts.push(...cases.cases.map((c) => c.text));
  }
  return texts.map((t) => t.normalize('NFC'));
}

/** Deterministic pseudo-random strings over characters that exercise every branch of the grammar. */
function randomTexts(count: number, seed: number): string[] {
  const alphabet = ['a', 'B', 'đ', 'Ư', 'ệ', '\u0301', '1', '9', '٣', '½', '.', ',', '-', '/', '&', ':', ';', ' ', '\n', '\t', '\u00a0', '“', '"', '(', '…', '%', '\u{1D400}', '\u{1D7CE}', '😀', '\ud800', '\udc00', '_'];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

/** A token is punctuation when its first UTF-16 unit is neither a letter nor a digit (as `classify` reads it). */
const isPunct = (word: string) => !/\p{N}/u.test(word[0]!) && !/\p{L}/u.test(word[0]!);

/** The tokenizer as the grammar states it: TOKEN_RE matches, with the line-break and sentence-start flags. */
function referenceTokens(text: string): Array<Pick<Token, 'text' | 'start' | 'end' | 'newlineBefore' | 'sentenceStart'>> {
  const out: Array<Pick<Token, 'text' | 'start' | 'end' | 'newlineBefore' | 'sentenceStart'>> = [];
  let previousEnd = 0;
  let sentenceStart = true;
  for (const m of text.matchAll(new RegExp(TOKEN_RE.source, TOKEN_RE.flags))) {
    const newlineBefore = text.slice(previousEnd, m.index).includes('\n');
    if (newlineBefore) sentenceStart = true;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, newlineBefore, sentenceStart });
    if (isPunct(m[0])) {
      sentenceStart = ['.', '!', '?', ':', ';', '…'].includes(m[0]);
      if (['"', '“', '”', '«', '»'].includes(m[0]) && out.length > 1) sentenceStart = isPunct(out[out.length - 2]!.text);
    } else sentenceStart = false;
    previousEnd = m.index + m[0].length;
  }
  return out;
}

describe('tokenize (character scanner)', () => {
  it('gives the tokens of the TOKEN_RE grammar on fixture texts and on random strings', () => {
    const texts = [...fixtureTexts(), ...randomTexts(1500, 42), 'UBND TP.HCM ngày 25/02/2010, 27.739 cuộc; "Sáng" – 15/10/1930-15/10/2020\n\nA&B'];
    for (const text of texts) {
      const got = tokenize(text);
      const want = referenceTokens(text);
      expect(got.map((t) => [t.text, t.start, t.end, t.newlineBefore, t.sentenceStart])).toEqual(want.map((t) => [t.text, t.start, t.end, t.newlineBefore, t.sentenceStart]));
      for (const t of got) expect(t.key).toBe(toneKey(t.text));
    }
  });

  it('keeps words, numbers with separators, and astral characters whole', () => {
    expect(tokenize('Nghị định 100/2019/NĐ-CP').map((t) => t.text)).toEqual(['Nghị', 'định', '100/2019', '/', 'NĐ-CP']);
    expect(tokenize('1.234,5 tỷ; x\u{1D400}y 😀').map((t) => t.text)).toEqual(['1.234,5', 'tỷ', ';', 'x\u{1D400}y', '😀']);
    expect(tokenize('a.\nb').map((t) => [t.text, t.newlineBefore, t.sentenceStart])).toEqual([['a', false, true], ['.', false, false], ['b', true, true]]);
  });
});

describe('tokensBetween (window of the text tokens)', () => {
  it('equals tokenising the window, with cut words at either end and line breaks before the first token', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const text of [...fixtureTexts().slice(0, 30), ...randomTexts(500, 3)]) {
      const ctx = makeContext(text, null);
      for (let r = 0; r < 12; r++) {
        const from = Math.floor(next() * text.length);
        const to = from + Math.floor(next() * 200);
        const want = tokenize(text.slice(from, to)).map((t) => ({ ...t, start: t.start + from, end: t.end + from }));
        expect(tokensBetween(ctx, from, to)).toEqual(want);
      }
    }
  });
});

describe('matchPhrase (phrase trie)', () => {
  it('finds the longest lexicon phrase at each token, never across a line break, as a scan of the list does', () => {
    const phrases = [...titles.heads, ...places];
    const lists = phrases.map((p) => toneKey(p).split(' '));
    const index = phraseIndex(phrases);
    const longestByScan = (tokens: Token[], i: number) => {
      let best = 0;
      for (const keys of lists) {
        if (keys.length > best && keys.every((k, j) => tokens[i + j]?.key === k && (j === 0 || !tokens[i + j]!.newlineBefore))) best = keys.length;
      }
      return best;
    };
    const texts = [...fixtureTexts(), 'Phó Chủ tịch\nỦy ban nhân dân Thành phố Hồ Chí Minh', 'Bí thư Thành ủy Hà Nội, Chủ tịch nước'];
    let found = 0;
    for (const text of texts) {
      const tokens = tokenize(text);
      for (let i = 0; i < tokens.length; i++) {
        const want = longestByScan(tokens, i);
        expect(matchPhrase(tokens, i, index)).toBe(want);
        if (want > 1) found++;
      }
    }
    expect(found).toBeGreaterThan(50);
  });
});

describe('digitWithin (candidate filter)', () => {
  // Phrasings at the far end of each pattern's reach, besides the fixtures.
  const stretched = [
    'Rạng sáng hôm qua, chủ nhật, các ngày 24, 26 và 27/3, mưa lớn.',
    'Rạng sáng hôm qua, chủ nhật, các ngày 8/6/2020; rạng sáng hôm nay (chủ nhật (hai ngày 15/7; tối hôm qua, thứ bảy, ngày 15 tháng 3 năm 1975.',
    'Sáng hôm nay (thứ hai) ngày 8/6/2020 và tối qua, thứ 7, hai ngày 3-4/6 đều có họp; rạng sáng hôm nay (chủ nhật) ngày 15 tháng 3 năm 1975.',
    'Kể từ năm 2012 đến nay; từ tháng 4 đến tháng 7/2023; giai đoạn 2016 - 2020; năm học 2025-2026; tháng 10 năm 2023.',
    'Luật Đất đai, Nhà ở, Kinh doanh, Xây dựng, Đầu tư, Quy hoạch, Thuế, Phí (sửa đổi, bổ sung, thay thế, lần) số 45/2013/QH13.',
    'Chương trình hành động số: 03-CTr/BDVTU; Thông báo kết luận số.5; Nghị quyết liên tịch số 09/2013/NQLT.',
  ];
  const rules = [...DATE_RULES, ...PERIOD_RULES, ...DOCUMENT_RULES] as Array<Rule<unknown>>;
  const dayList = { id: 'date.list', pattern: DAY_LIST, triggers: DAY_LIST_TRIGGERS } as unknown as Rule<unknown>;
  const filtered = [...rules, dayList].filter((r) => r.triggers?.digitWithin !== undefined);

  it('only skips trigger words where the pattern cannot match', () => {
    expect(filtered.length).toBeGreaterThanOrEqual(8);
    let checked = 0;
    for (const text of [...fixtureTexts(), ...stretched]) {
      const tokens = tokenize(text);
      const digitAt = tokens.map((t) => /[0-9]/.test(t.text));
      for (const rule of filtered) {
        const words = new Set((rule.triggers!.words ?? []).map(toneKey));
        const sticky = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'y');
        tokens.forEach((t, i) => {
          if (!words.has(t.key)) return;
          sticky.lastIndex = t.start;
          if (!sticky.exec(text)) return;
          checked++;
          // The pattern matched at this trigger word: the filter must have kept it.
          const firstDigit = digitAt.indexOf(true, i);
          expect(firstDigit, `${rule.id} at «${text.slice(t.start, t.start + 60)}»`).toBeGreaterThanOrEqual(i);
          expect(firstDigit - i, `${rule.id} at «${text.slice(t.start, t.start + 60)}»`).toBeLessThanOrEqual(rule.triggers!.digitWithin!);
        });
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('small helpers on the hot path', () => {
  it('daysInMonth agrees with Date.UTC, including leap years, years before 100 and months that roll over', () => {
    for (let year = 0; year <= 2500; year += year < 120 ? 1 : 7) {
      for (let month = -1; month <= 14; month++) expect(daysInMonth(year, month), `${year}-${month}`).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
    }
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('longestSpanWins keeps the same hits in the same order as a plain stable sort would', () => {
    const reference = (hits: Hit<number>[]) => {
      const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: Hit<number>[] = [];
      for (const h of sorted) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
      return kept.sort((a, b) => a.start - b.start);
    };
    let state = 11;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const size of [0, 1, 2, 5, 20, 32, 33, 80]) {
      for (let r = 0; r < 30; r++) {
        const hits = Array.from({ length: size }, (_, i) => {
          const start = Math.floor(next() * 200);
          return { start, end: start + 1 + Math.floor(next() * 12), rule: 'r', implied: [], value: i };
        });
        expect(longestSpanWins(hits).map((h) => h.value)).toEqual(reference(hits).map((h) => h.value));
      }
    }
  });
});

describe('nfc (quick check)', () => {
  it('treats as inert only characters NFC can neither change nor combine with what precedes them', () => {
    const inert = new Set<number>();
    for (let c = 0; c < 0xd800; c++) if (isNfcInert(c)) inert.add(c);
    for (const c of inert) {
      const ch = String.fromCharCode(c);
      expect(ch.normalize('NFC'), `U+${c.toString(16)}`).toBe(ch);
      expect(/\p{M}/u.test(ch), `U+${c.toString(16)}`).toBe(false);
    }
    // No inert character is the second part of a canonical decomposition, so none composes with the one before it.
    for (let c = 0; c < 0xd800; c++) {
      const tail = String.fromCharCode(c).normalize('NFD').slice(1);
      for (const ch of tail) expect(inert.has(ch.charCodeAt(0)), `U+${c.toString(16)} ends in U+${ch.charCodeAt(0).toString(16)}`).toBe(false);
    }
  });

  it('gives what String.prototype.normalize gives, and the same string when it is NFC already', () => {
    for (const text of [...fixtureTexts(), 'Ủy ban nhân dân', 'U\u0309y ban', 'hoà', 'ho\u0300a', '\u2000x', 'Å \u212b', '“Thủ tướng” – 15/7 … ₫']) {
      expect(nfc(text)).toBe(text.normalize('NFC'));
    }
    const text = fixtureTexts()[0]!;
    expect(nfc(text)).toBe(text);
  });
});

// Party and state documents: kind, number and code, date issued, issuer, term.
// `Quyết định 290-QĐ/TW ngày 25/2/2010 của Bộ Chính trị (khóa X)`, `Nghị định 100/2019/NĐ-CP`,
// `Chương trình hành động số 03-CTr/BDVTU`, `Nghị quyết số 45 của Bộ Chính trị`, and bare codes (`thực hiện 57-NQ/TW`).
import * as chronoVi from 'chrono-node/vi';
import type { DocumentRef } from '../../core/types.ts';
import kinds from './lexicons/document-kinds.json' with { type: 'json' };
import issuerCodes from './lexicons/issuer-codes.json' with { type: 'json' };
import { alternation, sentenceAt } from '../common/text.ts';
import { toneKey } from '../../core/fold.ts';
import { isoDay, isValidDay } from '../common/calendar.ts';
import { longestSpanWins, refine, type Refiner, type Rule, type RuleContext, runRules, tokensBetween } from '../common/rules.ts';
import { placeAt, readOrgPhrase } from './organisations.ts';
import { isSurname } from './officials.ts';

const B = String.raw`(?<![\p{L}\p{N}_])`;
/** Code parts after the number: `-QĐ/TW`, `/2019/NĐ-CP`, `/QĐ-TTg`, `/QH14`. At least one part has letters. */
const CODE = String.raw`\d{1,5}[a-z]?(?:/\d{4})?(?:[-/]\p{Lu}[\p{L}\p{N}]{0,11}){1,4}`;
const KINDS = alternation(kinds.kinds);
const CODE_KINDS = new Map(Object.entries(kinds.codes).map(([k, v]) => [k.toUpperCase(), v]));
/** First syllables of the kinds: where a document mention can start. */
const KIND_FIRST_WORDS = [...new Set(kinds.kinds.map((k) => k.split(' ')[0]!))];
const KIND_BY_KEY = new Map(kinds.kinds.map((k) => [toneKey(k), k]));
const ISSUER_BY_CODE = new Map(Object.entries(issuerCodes).filter(([k]) => !k.startsWith('_')).map(([k, v]) => [k.toUpperCase(), v]));

/** The letters of a code part without a trailing term number (`QH13` → `QH`). */
function codeLetters(part: string): string {
  return part.replace(/\d+$/u, '').toUpperCase();
}

/** The issuer the code's last part determines (`NĐ-CP` → Chính phủ), or null when the code leaves it open. */
export function issuerFromCode(code: string): string | null {
  const last = code.split(/[-/]/).pop() ?? '';
  return ISSUER_BY_CODE.get(codeLetters(last)) ?? null;
}

interface DocValue {
  kind: string;
  number: string | null;
  code: string | null;
  date: string | null;
  issuer: string | null;
  term: string | null;
  codeSpan: [number, number];
}

export const DOCUMENT_RULES: Rule<DocValue>[] = [
  {
    // Quyết định số 290-QĐ/TW · Nghị định 100/2019/NĐ-CP · Nghị quyết 15 · nghị quyết số 45
    id: 'document.kind-number',
    // The number follows the kind (at most four words), `số` and a colon.
    triggers: { words: KIND_FIRST_WORDS, digitWithin: 6 },
    pattern: new RegExp(`${B}(?<kind>${KINDS})\\s+(?<so>số\\s*[:.]?\\s*)?(?:(?<code>${CODE})|(?<num>\\d{1,5}))(?![\\p{L}\\p{N}_]|[/\\-.,]\\p{N})`, 'giu'),
    extract(m, ctx) {
      const g = m.groups!;
      // Lower-case `quyết định 5 nhiệm vụ` is the verb: a lower-case kind needs `số` or a code.
      if (/^\p{Ll}/u.test(g.kind!) && !g.so && !g.code) return null;
      const kind = KIND_BY_KEY.get(toneKey(g.kind!)) ?? g.kind!;
      const codeText = g.code ?? null;
      const numberText = codeText ? /^\d+/.exec(codeText)![0] : g.num!;
      const codeStart = m.index + m[0].length - (codeText ?? numberText).length;
      const tail = readTail(ctx, m.index + m[0].length);
      return {
        value: { kind, number: numberText, code: codeText, ...tail.fields, codeSpan: [codeStart, m.index + m[0].length] },
        end: tail.end,
      };
    },
  },
  {
    // Luật Công chứng số 53/2014/QH13 · Luật Đất đai số 45/2013/QH13 · Bộ luật Hình sự số 100/2015/QH13 — a named law with its number.
    id: 'document.kind-name-number',
    // Kind (4 words), name (9 words and 8 commas), a parenthesis of at most 30 characters (32 tokens), `số` and a colon.
    triggers: { words: KIND_FIRST_WORDS, digitWithin: 55 },
    pattern: new RegExp(`${B}(?<kind>${KINDS})\\s+(?<name>\\p{Lu}[\\p{L}\\p{M}]*(?:,?\\s+[\\p{L}\\p{M}]+){0,8}?)(?:\\s*\\([\\p{L}\\s,]{1,30}\\))?\\s+số\\s*[:.]?\\s*(?<code>${CODE})(?![\\p{L}\\p{N}_]|[/\\-.,]\\p{N})`, 'gu'),
    extract(m, ctx) {
      const g = m.groups!;
      const kind = KIND_BY_KEY.get(toneKey(g.kind!)) ?? g.kind!;
      const code = g.code!;
      const tail = readTail(ctx, m.index + m[0].length);
      return {
        value: { kind, number: /^\d+/.exec(code)![0], code, ...tail.fields, codeSpan: [m.index + m[0].length - code.length, m.index + m[0].length] },
        end: tail.end,
      };
    },
  },
  {
    // thực hiện 57-NQ/TW · theo 1234/QĐ-TTg — the kind is implied by the code's letters.
    id: 'document.bare-code',
    triggers: { numbers: true, numberDigits: [1, 5] }, // CODE opens with `\d{1,5}` and a non-digit
    pattern: new RegExp(`${B}(?<code>${CODE})(?![\\p{L}\\p{N}_])`, 'gu'),
    extract(m, ctx) {
      const code = m.groups!.code!;
      const letters = code.replace(/^\d+[a-z]?(?:\/\d{4})?[-/]/, '').split(/[-/]/)[0] ?? '';
      const kind = CODE_KINDS.get(letters.toUpperCase()) ?? CODE_KINDS.get(codeLetters(letters));
      if (!kind) return null;
      const tail = readTail(ctx, m.index + m[0].length);
      return {
        value: { kind, number: /^\d+/.exec(code)![0], code, ...tail.fields, codeSpan: [m.index, m.index + code.length] },
        end: tail.end,
        implied: ['kind'],
      };
    },
  },
];

const TERM_KEY = toneKey('khóa');
const PLENUM_BEFORE_BODY = /^Hội\s+nghị\s+(?:lần\s+thứ\s+[\p{L}\p{N}]+(?:\s+[\p{Ll}\p{N}]+){0,2}|Trung\s+ương\s+\p{N}+)\s*(?:\([^)]{0,20}\)\s*)?,?\s*(?=Ban\s+Chấp\s+hành)/u;
/** `Ngày 30/7, Thủ tướng Chính phủ đã ban hành ` right before a document: its issuer and date. */
const LEAD_VERB = /(?:\s+(?:đã|vừa|mới))?(?:\s+ký(?:\s+ban\s+hành)?|\s+ban\s+hành)\s*$/u;
const LEAD_DATE = /^\s*(?:[\p{L}]+(?:\s+[\p{L}]+)?\s*,\s*)?(?:(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+(?:ngày\s+)?|ngày\s+)(?<d>\d{1,2})[/\-](?<m>\d{1,2})(?:[/\-](?<y>\d{4}))?\s*,/iu;
const DATE_TAIL = /\s*,?\s*(?:(?:được\s+)?ban\s+hành\s+)?ngày\s+(?:(?<d>\d{1,2})[/.\-](?<m>\d{1,2})[/.\-](?<y>\d{4})|(?<words>\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))(?!\p{N})/iuy;
const ISSUER_LEAD = /\s*,?\s*(?:của|do)\s+/uy;
const TERM_TAIL = /\s*,?\s*\(?\s*(?<word>khóa|khoá)\s+(?<term>[IVXL]{1,6}|\d{1,2})\s*\)?/uy;

/** Read what follows a document's number: date, issuer and term, in any order, separated by commas. */
function readTail(ctx: RuleContext, from: number): { fields: Pick<DocValue, 'date' | 'issuer' | 'term'>; end: number } {
  const fields: Pick<DocValue, 'date' | 'issuer' | 'term'> = { date: null, issuer: null, term: null };
  let at = from;
  let end = from;
  for (let step = 0; step < 4; step++) {
    DATE_TAIL.lastIndex = at;
    const d = fields.date ? null : DATE_TAIL.exec(ctx.text);
    if (d) {
      const g = d.groups!;
      let iso: string | null = null;
      if (g.words) {
        const parsed = chronoVi.parseDate(`ngày ${g.words}`);
        if (parsed) iso = isoDay(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
      } else if (isValidDay(Number(g.y), Number(g.m), Number(g.d))) {
        iso = isoDay(Number(g.y), Number(g.m), Number(g.d));
      }
      if (!iso) break;
      fields.date = iso;
      at = end = d.index + d[0].length;
      continue;
    }
    ISSUER_LEAD.lastIndex = at;
    const lead = fields.issuer ? null : ISSUER_LEAD.exec(ctx.text);
    if (lead) {
      const issuer = readIssuer(ctx, lead.index + lead[0].length);
      if (issuer) {
        fields.issuer = issuer.text;
        at = end = issuer.end;
        continue;
      }
    }
    TERM_TAIL.lastIndex = at;
    const term = fields.term ? null : TERM_TAIL.exec(ctx.text);
    if (term) {
      fields.term = `${term.groups!.word} ${term.groups!.term}`;
      at = end = term.index + term[0].length;
      continue;
    }
    break;
  }
  return { fields, end };
}

/** An organisation name starting at `offset` (`Bộ Chính trị`, `Ban Chấp hành Trung ương Đảng`), without the term that follows it. */
function readIssuer(ctx: RuleContext, offset: number): { text: string; end: number } | null {
  // `của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng`: the plenum is a session of the body that issues.
  const plenum = PLENUM_BEFORE_BODY.exec(ctx.text.slice(offset, offset + 60));
  if (plenum) offset += plenum[0].length;
  // Read a short window of the text's tokens: the issuer is a few words long.
  const tokens = tokensBetween(ctx, offset, offset + 160);
  if (tokens[0]?.start !== offset) return null;
  const all = readOrgPhrase(tokens, 0, 16);
  // `Ban Chấp hành Trung ương Đảng khóa IX`: the term is read apart, not as part of the issuer.
  const termAt = all.findIndex((p) => tokens[p.start]!.key === TERM_KEY);
  const pieces = termAt >= 0 ? all.slice(0, termAt) : all;
  if (pieces.length === 0) return null;
  const last = tokens[pieces[pieces.length - 1]!.end - 1]!;
  return { text: ctx.text.slice(offset, last.end), end: last.end };
}

/**
 * What the words before a document say of it: `Ngày 30/7, Thủ tướng Chính phủ đã ban hành Chỉ thị số 24/CT-TTg` (issuer and date),
 * `Tối 28/10, Phó Thủ tướng Trần Lưu Quang đã ký Công điện số 108/CĐ-TTg` (date; a person who signs is not the issuer).
 */
function readLead(ctx: RuleContext, start: number): { issuer: string | null; date: { iso: string; yearImplied: boolean } | null } {
  const none = { issuer: null, date: null };
  const [sentenceStart] = sentenceAt(ctx.sentences, start);
  const from = Math.max(sentenceStart, start - 160);
  const before = ctx.text.slice(from, start);
  const verb = LEAD_VERB.exec(before);
  if (!verb) return none;
  const subject = before.slice(0, verb.index);
  const tokens = tokensBetween(ctx, from, from + verb.index);
  const n = tokens.length;
  // The longest organisation phrase that ends right before the verb is the issuer (a title with a name is a signer).
  let issuerFrom = -1;
  if (/ban\s+hành/u.test(verb[0])) {
    for (let k = Math.max(0, n - 14); k < n; k++) {
      // `Bộ Chính trị`, and `UBND tỉnh …`, `HĐND thành phố …` that open with an abbreviation.
      if (tokens[k]!.kind !== 'cap' && tokens[k]!.kind !== 'upper') continue;
      const pieces = readOrgPhrase(tokens, k, 16);
      if (pieces.length && pieces[pieces.length - 1]!.end === n && (k === 0 || tokens[k - 1]!.kind === 'punct')) {
        issuerFrom = k;
        break;
      }
    }
  }
  // `Thường trực Ban Bí thư Lương Cường đã ký ban hành`: a title and a name at the end is who signed, not the issuer.
  if (issuerFrom >= 0 && endsWithName(tokens, issuerFrom, n)) issuerFrom = -1;
  const issuer = issuerFrom >= 0 ? subject.slice(tokens[issuerFrom]!.start - from) : null;
  // The date opens the sentence (`Ngày 30/7,`, `Tối 28/10,`, `Trước đó, ngày 30/7,`).
  const d = before.length === start - sentenceStart ? LEAD_DATE.exec(subject) : null;
  let date: { iso: string; yearImplied: boolean } | null = null;
  if (d) {
    const g = d.groups!;
    const year = g.y ? Number(g.y) : ctx.published?.year;
    if (year && isValidDay(year, Number(g.m), Number(g.d))) date = { iso: isoDay(year, Number(g.m), Number(g.d)), yearImplied: !g.y };
  }
  return { issuer, date };
}

/** Do tokens [from, to) end with a person's name after other words: a surname and one to three more capitalised words? */
function endsWithName(tokens: ReturnType<typeof tokensBetween>, from: number, to: number): boolean {
  for (let length = 2; length <= 4; length++) {
    const first = to - length;
    if (first <= from) return false;
    const words = tokens.slice(first, to);
    // `UBND tỉnh Lâm Đồng`: a place whose first word is also a surname is no person.
    if (words.every((t) => t.kind === 'cap') && isSurname(words[0]!) && placeAt(tokens, first) !== length) return true;
  }
  return false;
}

/** How many of date, issuer and term a mention gives. */
function filled(x: DocValue): number {
  return Number(Boolean(x.date)) + Number(Boolean(x.issuer)) + Number(Boolean(x.term));
}

/** Refiner: one record per document: the same code (or kind + number) merges, keeping the fullest mention. */
function mergeSameDocument(hits: ReturnType<typeof runRules<DocValue>>): ReturnType<typeof runRules<DocValue>> {
  const byKey = new Map<string, (typeof hits)[number]>();
  const out: typeof hits = [];
  for (const h of hits) {
    const key = h.value.code ? `code:${toneKey(h.value.code)}` : `kind:${toneKey(h.value.kind)}:${Number(h.value.number)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, h);
      out.push(h);
      continue;
    }
    const v = seen.value;
    if (filled(h.value) > filled(v) || (filled(h.value) === filled(v) && h.end - h.start > seen.end - seen.start)) {
      const merged = { ...h, value: { ...h.value, date: h.value.date ?? v.date, issuer: h.value.issuer ?? v.issuer, term: h.value.term ?? v.term } };
      out[out.indexOf(seen)] = merged;
      byKey.set(key, merged);
    } else {
      seen.value = { ...v, date: v.date ?? h.value.date, issuer: v.issuer ?? h.value.issuer, term: v.term ?? h.value.term };
    }
  }
  // A document named only by number (`Nghị quyết 15`) that also appears with a code of the same kind and number is the same one.
  return out.filter((h) => h.value.code || !out.some((o) => o.value.code && o.value.kind === h.value.kind && Number(o.value.number) === Number(h.value.number)));
}

const REFINERS: Refiner<DocValue>[] = [longestSpanWins];

export function extractDocuments(ctx: RuleContext): DocumentRef[] {
  const hits = refine(runRules(DOCUMENT_RULES, ctx), REFINERS, ctx);
  for (const h of hits) {
    // The number and code are never a statistic, a date or a period; the date in the tail stays a date.
    ctx.codes.add(h.value.codeSpan[0], h.value.codeSpan[1]);
    ctx.claimed.add(h.start, h.value.codeSpan[1]);
  }
  for (const h of hits) {
    if (!h.value.issuer || !h.value.date) {
      const lead = readLead(ctx, h.start);
      if (lead.issuer && !h.value.issuer) h.value.issuer = lead.issuer;
      if (lead.date && !h.value.date) {
        h.value.date = lead.date.iso;
        if (lead.date.yearImplied) h.implied = [...h.implied, 'date.year'];
      }
    }
    if (!h.value.issuer && h.value.code) {
      const implied = issuerFromCode(h.value.code);
      if (implied) {
        h.value.issuer = implied;
        h.implied = [...h.implied, 'issuer'];
      }
    }
  }
  return mergeSameDocument(hits).map((h) => ({
    text: ctx.text.slice(h.start, h.end),
    kind: h.value.kind,
    number: h.value.number,
    code: h.value.code,
    date: h.value.date,
    issuer: h.value.issuer,
    term: h.value.term,
    span: [h.start, h.end],
    rule: h.rule,
    implied: h.implied,
  }));
}

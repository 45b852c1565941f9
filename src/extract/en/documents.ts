// Party and state documents: a kind, a number and often a code (`Resolution No. 57-NQ/TW`,
// `Decree 15/2020/ND-CP`), with the issuer and the date the text gives next to it (`of the Politburo
// dated December 22, 2024`, `the Prime Minister's Decision …`). A later bare mention of a coded
// document (`Resolution 57`) is the same document.
import type { DocumentRef } from '../../core/types.ts';
import { isoDay, isValidDay, type YMD } from '../common/calendar.ts';
import { alternation } from '../common/text.ts';
import lexicon from './lexicons/documents.json' with { type: 'json' };
import { MONTH_NAME, monthNumber } from './text.ts';

const KIND = alternation(lexicon.kinds);
const ISSUER_HEADS = new Set(lexicon.issuerHeads);
// Kind, optional `No.`, then a code (57-NQ/TW, 15/2020/ND-CP, 1234/QD-TTg, 59/2020/QH14, 290-QĐ/TW) or a bare number.
const DOCUMENT = new RegExp(
  `(?<![\\p{L}])(?<kind>${KIND}|${KIND.toLowerCase()}(?=\\s+No))\\s+(?<no>No\\.?\\s*|Number\\s+)?(?<code>\\d{1,5}(?:/\\d{4})?(?:[-/]\\p{Lu}[\\p{L}\\p{N}]{0,11})+|\\d{1,5})(?![\\p{L}\\p{N}]|[-/]\\p{N})`,
  'gu',
);
// `the 12th Party Central Committee`, `the Ministry of Finance`, `the Politburo`: capitalised words joined by of/and/for.
const ISSUER = `(?:[Tt]he\\s+)?((?:\\d{1,2}(?:st|nd|rd|th)\\s+)?\\p{Lu}[\\p{L}'’]*(?:\\s+(?:of\\s+(?:the\\s+)?|and\\s+|for\\s+)?\\p{Lu}[\\p{L}'’]*){0,6})`;
// `December 22, 2024`, `22 December 2024`, `22/12/2024`; `signed on June 5` (no year: the latest such day up to publication).
const DATE = `(${MONTH_NAME})\\.?\\s+(\\d{1,2})(?!\\d)(?:,?\\s+(\\d{4}))?|(\\d{1,2})\\s+(${MONTH_NAME})\\.?(?:,?\\s+(\\d{4}))?|(\\d{1,2})/(\\d{1,2})/(\\d{4})`;
// What may follow a document: `of/by/issued by the <issuer>` and `dated/issued on/on/of <date>`, in either order.
const AFTER_ISSUER = new RegExp(`^,?\\s+(?:(?:issued|adopted|signed|promulgated)\\s+)?(?:of|by)\\s+${ISSUER}`, 'u');
const AFTER_DATE = new RegExp(`^,?\\s+(?:(?:dated|issued|adopted|signed|promulgated)(?:\\s+on)?|of|on)\\s+(?:${DATE})`, 'u');
const BEFORE_ISSUER = new RegExp(`${ISSUER}['’]s\\s+$`, 'u');
// `The Prime Minister issued Telegram No. …`, `the Politburo has adopted Resolution …`: the subject issued it.
// `The Prime Minister on August 25 signed Decision …`: the day it was signed stands between them.
const SUBJECT_ISSUER = new RegExp(`${ISSUER}\\s+(?:has\\s+|had\\s+|on\\s+(?:\\p{Lu}\\p{Ll}+\\s+)?(?<when>${DATE})\\s+|on\\s+\\p{Lu}\\p{Ll}+\\s+)?(?:issued|signed|promulgated|adopted|sent)\\s+(?:an?\\s+|the\\s+)?$`, 'u');
const DATE_ONLY = new RegExp(`^(?:${DATE})$`, 'u');
const POSSESSIVE_END = /['’]s\s+$/;
const VERB_END = /(?:issued|signed|promulgated|adopted|sent)\s+(?:an?\s+|the\s+)?$/;
// A Vietnamese document code standing without a kind the lexicon knows (`Telegram No. 2045/CD-TTg`, `123/BC-UBND`):
// the number, an optional year, then letter groups; the first group names the kind when the words before do not.
const CODE = /(?<![\p{L}\p{N}/.-])(\d{1,5})(?:\/(\d{4}))?[-/](\p{Lu}[\p{L}]{0,5})((?:[-/]\p{Lu}[\p{L}\p{N}]{0,11})*)(?![\p{L}\p{N}]|[-/]\p{N})/gu;
const KIND_BY_CODE = new Map<string, string>(Object.entries(lexicon.kindByCode));
// The capitalised words just before `No.` or the code (`Official Telegram`, `Report`), after a possessive or `the`.
const KIND_BEFORE = /(?:^|[^\p{L}'’])((?:\p{Lu}\p{Ll}+\s+){0,2}\p{Lu}\p{Ll}+)\s+(?:No\.?\s*|Number\s+)?$/u;

function issuerOf(name: string): string | null {
  const words = name.toLowerCase().split(/\s+/);
  return words.some((w) => ISSUER_HEADS.has(w.replace(/['’]s$/, ''))) ? name : null;
}

function dateOf(m: RegExpExecArray, pub: YMD | null): string | null {
  const [y, mo, d] = m[1] ? [m[3], monthNumber(m[1]), m[2]] : m[5] ? [m[6], monthNumber(m[5]), m[4]] : [m[9], m[8], m[7]];
  const [month, day] = [Number(mo), Number(d)];
  // A document is cited after it is signed: a day without its year is the latest such day up to publication.
  const year = y ? Number(y) : pub ? (month * 100 + day > pub.month * 100 + pub.day ? pub.year - 1 : pub.year) : NaN;
  return isValidDay(year, month, day) ? isoDay(year, month, day) : null;
}

export function extractDocuments(text: string, pub: YMD | null = null): DocumentRef[] {
  const out: DocumentRef[] = [];
  for (const m of text.matchAll(DOCUMENT)) {
    const g = m.groups!;
    const code = /\p{L}/u.test(g.code!) ? g.code! : null;
    // `Law 2024`, `Plan 2025`: a bare year after a kind is a name, not a number.
    if (!code && !g.no && /^(?:19|20)\d{2}$/.test(g.code!)) continue;
    const kind = g.kind![0]!.toUpperCase() + g.kind!.slice(1);
    const after = readAfter(text, m.index + m[0].length, pub);
    const before = after.issuer && after.date ? null : issuerBefore(text, m.index, pub);
    const [end, issuer, date] = [after.end, after.issuer ?? before?.issuer ?? null, after.date ?? before?.date ?? null];
    out.push({ text: text.slice(m.index, end), kind, number: /^\d+/.exec(g.code!)![0], code, date, issuer, span: [m.index, end], rule: 'en.document', implied: [] });
  }
  out.push(...codedDocuments(text, out, pub));
  return mergeDocuments(out);
}

/** The issuer written before a document (`the Prime Minister's Decision …`, `The Politburo issued Resolution …`), and the
 * day when the subject's sentence gives it there (`The Prime Minister on August 25 signed …`). */
function issuerBefore(text: string, at: number, pub: YMD | null): { issuer: string | null; date: string | null } {
  const window = text.slice(Math.max(0, at - 100), at);
  // The issuer patterns are tried at every offset of the window: only where its end can close them (a possessive, a verb).
  const possessive = POSSESSIVE_END.test(window) ? BEFORE_ISSUER.exec(window) : null;
  if (possessive) return { issuer: issuerOf(possessive[1]!), date: null };
  const subject = VERB_END.test(window) ? SUBJECT_ISSUER.exec(window) : null;
  if (!subject) return { issuer: null, date: null };
  const when = subject.groups?.when ? DATE_ONLY.exec(subject.groups.when) : null;
  return { issuer: issuerOf(subject[1]!), date: when ? dateOf(when, pub) : null };
}

/** What follows a document: `of/by <issuer>` and `dated/on <date>`, in either order. */
function readAfter(text: string, from: number, pub: YMD | null): { end: number; issuer: string | null; date: string | null } {
  let end = from;
  let issuer: string | null = null;
  let date: string | null = null;
  for (let i = 0; i < 2; i++) {
    const rest = text.slice(end, end + 160);
    const byIssuer: RegExpExecArray | null = issuer === null ? AFTER_ISSUER.exec(rest) : null;
    const found: string | null = byIssuer && issuerOf(byIssuer[1]!);
    if (byIssuer && found) { issuer = found; end += byIssuer[0].length; continue; }
    const byDate = date === null ? AFTER_DATE.exec(rest) : null;
    if (byDate && (date = dateOf(byDate, pub)) !== null) { end += byDate[0].length; continue; }
    break;
  }
  return { end, issuer, date };
}

/**
 * Documents cited by a Vietnamese code that the kind lexicon does not cover: the kind is the capitalised words before
 * `No.`/the code (`Telegram No. 2045/CD-TTg`, `Official Telegram 110/CD-TTg`), else the one the code's first letter group
 * names (`NQ` Resolution, `CĐ` Official Telegram, `BC` Report). A lone group unknown to the table (`3-D`, `20-F`) is no code.
 */
function codedDocuments(text: string, found: readonly DocumentRef[], pub: YMD | null): DocumentRef[] {
  const out: DocumentRef[] = [];
  for (const m of text.matchAll(CODE)) {
    const [start, codeEnd] = [m.index, m.index + m[0].length];
    if (found.some((d) => start < d.span![1] && d.span![0] < codeEnd)) continue;
    const group = m[3]!.toUpperCase().replace('Đ', 'D');
    const byCode = KIND_BY_CODE.get(group);
    if (!byCode && !m[4]) continue;
    const head = text.slice(Math.max(0, start - 60), start);
    const words = KIND_BEFORE.exec(head);
    let kind = byCode ?? 'Document';
    let from = start;
    if (words) {
      // Title and issuer words before a code are not its kind (`Prime Minister 2045/CD-TTg` is no citation style).
      const named = words[1]!.split(/\s+/).filter((w) => !FUNCTION_WORDS.has(w.toLowerCase()));
      if (named.length && !named.some((w) => ISSUER_HEADS.has(w.toLowerCase()))) {
        kind = named.join(' ');
        from = start - (head.length - head.lastIndexOf(named[0]!));
      }
    }
    if (!words && !/No\.?\s*$|Number\s+$/.test(head) && !byCode) continue;
    const after = readAfter(text, codeEnd, pub);
    const before = issuerBefore(text, from, pub);
    const code = text.slice(start, codeEnd);
    out.push({ text: text.slice(from, after.end), kind, number: m[1]!, code, date: after.date ?? before.date, issuer: after.issuer ?? before.issuer, span: [from, after.end], rule: 'en.document-code', implied: words ? [] : ['kind'] });
  }
  return out;
}
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'under', 'in', 'on', 'by', 'of', 'and', 'with', 'to', 'per', 'according', 'following', 'its', 'his', 'her', 'their', 'this', 'that', 'new']);

/** One entry per document: a bare `Resolution 57` joins an earlier or later `Resolution No. 57-NQ/TW`; the fullest mention wins. */
function mergeDocuments(docs: DocumentRef[]): DocumentRef[] {
  const byKey = new Map<string, DocumentRef>();
  const coded = new Map<string, string>();
  for (const d of docs) if (d.code) coded.set(`${d.kind}|${d.number}`, d.code);
  for (const d of docs) {
    const key = d.code ?? coded.get(`${d.kind}|${d.number}`) ?? `${d.kind}|${d.number}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, d.code || !coded.has(`${d.kind}|${d.number}`) ? d : { ...d, code: key });
      continue;
    }
    prev.date ??= d.date;
    prev.issuer ??= d.issuer;
    if (d.code && !prev.text.includes(d.code)) Object.assign(prev, { code: d.code, text: d.text, span: d.span });
  }
  return [...byKey.values()];
}

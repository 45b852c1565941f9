// Party and state documents: a kind, a number and often a code (`Resolution No. 57-NQ/TW`,
// `Decree 15/2020/ND-CP`), with the issuer and the date the text gives next to it (`of the Politburo
// dated December 22, 2024`, `the Prime Minister's Decision …`). A later bare mention of a coded
// document (`Resolution 57`) is the same document.
import type { DocumentRef } from '../../core/types.ts';
import { isoDay, isValidDay } from '../common/calendar.ts';
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
const DATE = `(${MONTH_NAME})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})|(\\d{1,2})\\s+(${MONTH_NAME})\\.?,?\\s+(\\d{4})|(\\d{1,2})/(\\d{1,2})/(\\d{4})`;
// What may follow a document: `of/by/issued by the <issuer>` and `dated/issued on/on/of <date>`, in either order.
const AFTER_ISSUER = new RegExp(`^,?\\s+(?:(?:issued|adopted|signed|promulgated)\\s+)?(?:of|by)\\s+${ISSUER}`, 'u');
const AFTER_DATE = new RegExp(`^,?\\s+(?:(?:dated|issued|adopted|signed|promulgated)(?:\\s+on)?|of|on)\\s+(?:${DATE})`, 'u');
const BEFORE_ISSUER = new RegExp(`${ISSUER}['’]s\\s+$`, 'u');

function issuerOf(name: string): string | null {
  const words = name.toLowerCase().split(/\s+/);
  return words.some((w) => ISSUER_HEADS.has(w.replace(/['’]s$/, ''))) ? name : null;
}

function dateOf(m: RegExpExecArray): string | null {
  const [y, mo, d] = m[1] ? [m[3], monthNumber(m[1]), m[2]] : m[5] ? [m[6], monthNumber(m[5]), m[4]] : [m[9], m[8], m[7]];
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  return isValidDay(year, month, day) ? isoDay(year, month, day) : null;
}

export function extractDocuments(text: string): DocumentRef[] {
  const out: DocumentRef[] = [];
  for (const m of text.matchAll(DOCUMENT)) {
    const g = m.groups!;
    const code = /\p{L}/u.test(g.code!) ? g.code! : null;
    // `Law 2024`, `Plan 2025`: a bare year after a kind is a name, not a number.
    if (!code && !g.no && /^(?:19|20)\d{2}$/.test(g.code!)) continue;
    const kind = g.kind![0]!.toUpperCase() + g.kind!.slice(1);
    let end = m.index + m[0].length;
    let issuer: string | null = null;
    let date: string | null = null;
    for (let i = 0; i < 2; i++) {
      const rest = text.slice(end, end + 160);
      const byIssuer: RegExpExecArray | null = issuer === null ? AFTER_ISSUER.exec(rest) : null;
      const found: string | null = byIssuer && issuerOf(byIssuer[1]!);
      if (byIssuer && found) {
        issuer = found;
        end += byIssuer[0].length;
        continue;
      }
      const byDate = date === null ? AFTER_DATE.exec(rest) : null;
      if (byDate && (date = dateOf(byDate)) !== null) {
        end += byDate[0].length;
        continue;
      }
      break;
    }
    if (issuer === null) {
      const before = BEFORE_ISSUER.exec(text.slice(Math.max(0, m.index - 80), m.index));
      if (before) issuer = issuerOf(before[1]!);
    }
    out.push({ text: text.slice(m.index, end), kind, number: /^\d+/.exec(g.code!)![0], code, date, issuer, span: [m.index, end], rule: 'en.document', implied: [] });
  }
  return mergeDocuments(out);
}

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

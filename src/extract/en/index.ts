// English editions of party and news papers: the same five record kinds, read with compromise
// (people, organisations, numbers) and chrono's English parser (dates). Vietnamese names in English
// text are often written without diacritics (`Pham Minh Chinh`), which compromise does not know:
// a surname list (the Vietnamese one, diacritics stripped) completes it.
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import type { DateRef, DocumentRef, Extraction, Official, PeriodRef, Statistic } from '../../pipeline/types.ts';
import surnames from '../vi/lexicons/surnames.json' with { type: 'json' };
import { stripDiacritics } from '../vi/normalize.ts';
import { isoDay, parsePublished } from '../vi/rules.ts';

const SURNAMES = new Set(surnames.map((s) => stripDiacritics(s)));
const TITLE_WORDS =
  /(?:(?:Deputy|Vice|Acting|Former|Permanent|Standing)\s+)*(?:General Secretary|Party General Secretary|Secretary|President|Prime Minister|Minister|Deputy Minister|Chairman|Chairwoman|Chair|Chief|Director|Head|Governor|Ambassador|General|Lieutenant General|Major General|Senior Lieutenant General|Colonel|Senior Colonel|Admiral|Vice Admiral|Rear Admiral|Commander|Politburo member|member of the Politburo|Member of the Politburo|Party Central Committee member)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'-]*(?:\s+(?:of|and|the|for)?\s*[A-Z][\w'-]*)*)?/u;

/** A Vietnamese name in Latin letters with or without diacritics: a known surname and 1–3 capitalised syllables. */
const VI_NAME = /(?<![\p{L}])(\p{Lu}[\p{Ll}\p{M}]+(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]+){1,7})(?![\p{L}])/gu;

export function extractEn(text: string, published: string | null): Extraction {
  const doc = nlp(text);
  const officials = extractPeopleEn(text, doc.people().out('array') as string[]);
  return {
    officials,
    documents: extractDocumentsEn(text),
    dates: extractDatesEn(text, published),
    periods: extractPeriodsEn(text),
    statistics: extractNumbersEn(doc),
  };
}

function extractPeopleEn(text: string, fromCompromise: string[]): Official[] {
  const names = new Map<string, Official>();
  const add = (name: string, at: number) => {
    const clean = name.replace(/[’']s$/u, '').replace(/[.,;:]+$/u, '').trim();
    if (clean.split(/\s+/).length < 2) return;
    const key = stripDiacritics(clean).toLowerCase();
    if (names.has(key)) return;
    const before = text.slice(Math.max(0, at - 120), at);
    const title = TITLE_WORDS.exec(before.split(/[.;\n]/).pop() ?? '');
    const after = text.slice(at + name.length, at + name.length + 160);
    const appositive = /^\s*,\s*([^,.;]+)/u.exec(after);
    const titles: string[] = [];
    if (title) titles.push(title[0].trim());
    if (appositive && TITLE_WORDS.test(appositive[1]!)) titles.push(appositive[1]!.trim());
    names.set(key, { name: clean, titles, span: [at, at + clean.length], rule: 'en.person', implied: [] });
  };
  // Each run of capitalised words may hold a name after other capitalised words (`General Secretary To Lam`):
  // the name starts at the first known surname followed by one to three capitalised syllables.
  for (const m of text.matchAll(VI_NAME)) {
    const words = m[1]!.split(/\s+/);
    const at = words.findIndex((w, i) => SURNAMES.has(stripDiacritics(w)) && i < words.length - 1);
    if (at < 0) continue;
    const name = words.slice(at, at + 4).join(' ');
    add(name, m.index + m[1]!.indexOf(name));
  }
  for (const person of fromCompromise) {
    const at = text.indexOf(person);
    if (at >= 0) add(person, at);
  }
  return [...names.values()];
}

function extractDatesEn(text: string, published: string | null): DateRef[] {
  const pub = parsePublished(published);
  const ref = pub ? new Date(Date.UTC(pub.year, pub.month - 1, pub.day, 5)) : new Date(Date.UTC(2000, 0, 1));
  const out: DateRef[] = [];
  const seen = new Set<string>();
  for (const r of chrono.en.parse(text, { instant: ref, timezone: 420 })) {
    // Only calendar days: a day-of-month must be written (not `next week`, not `2020`).
    if (!r.start.isCertain('day') || !r.start.isCertain('month')) continue;
    if (!pub && !r.start.isCertain('year')) continue;
    const value = isoDay(r.start.get('year')!, r.start.get('month')!, r.start.get('day')!);
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ text: r.text, value, span: [r.index, r.index + r.text.length], rule: 'en.chrono', implied: r.start.isCertain('year') ? [] : ['year'] });
  }
  return out;
}

function extractPeriodsEn(text: string): PeriodRef[] {
  const out: PeriodRef[] = [];
  const seen = new Set<string>();
  const push = (value: string, t: string, at: number, rule: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    out.push({ text: t, value, span: [at, at + t.length], rule, implied: [] });
  };
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?![\p{N}])/gu)) {
    if (Number(m[2]) > Number(m[1])) push(`${m[1]}/${m[2]}`, m[0], m.index, 'en.year-range');
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}/,.-])(?:in|since|by|of|year)\s+((?:19|20)\d{2})(?![\p{N}/-])/giu)) {
    push(m[1]!, m[0], m.index, 'en.year');
  }
  return out;
}

function extractDocumentsEn(text: string): DocumentRef[] {
  const out: DocumentRef[] = [];
  const re = /(?<![\p{L}])(?<kind>Resolution|Decision|Directive|Conclusion|Decree|Circular|Regulation|Law|Plan|Programme|Program)\s+(?:No\.?\s*)?(?<code>\d{1,5}(?:\/\d{4})?(?:[-/][A-Z][A-Za-z0-9]{0,11}){1,4}|\d{1,5})(?![\p{L}\p{N}])/gu;
  for (const m of text.matchAll(re)) {
    const code = m.groups!.code!;
    const hasLetters = /[A-Z]/.test(code);
    out.push({ text: m[0], kind: m.groups!.kind!, number: String(Number(/^\d+/.exec(code)![0])), code: hasLetters ? code : null, date: null, issuer: null, span: [m.index, m.index + m[0].length], rule: 'en.document', implied: [] });
  }
  return out;
}

function extractNumbersEn(doc: ReturnType<typeof nlp>): Statistic[] {
  const out: Statistic[] = [];
  // compromise's numbers view reads `1.5 million`, `twenty`, `93.2%`; the noun after it is the unit.
  const view = doc.numbers() as unknown as { json(): Array<{ text: string; number?: { num?: number; prefix?: string; suffix?: string } }> };
  const matches = doc.match('#Value+ #Unit? #Noun+').json() as Array<{ text: string; terms: Array<{ text: string; tags: string[] }> }>;
  for (const item of view.json()) {
    const num = item.number?.num;
    if (num === undefined || !Number.isFinite(num)) continue;
    const raw = item.text.trim().replace(/[.,;:]+$/u, '');
    if (/^(?:19|20)\d{2}$/.test(raw)) continue; // a year
    if (raw.endsWith('%') || item.number?.suffix === '%') {
      out.push({ text: raw, value: num, unit: '%', rule: 'en.percent', implied: [] });
      continue;
    }
    const phrase = matches.find((m) => m.text.startsWith(item.text.trim()));
    if (!phrase) continue;
    const unitTerms = phrase.terms.filter((t) => t.tags.includes('Noun') && !t.tags.includes('Value'));
    const unit = unitTerms.map((t) => t.text).join(' ').trim();
    if (!unit || /^(years?|months?|days?|weeks?|hours?|minutes?|anniversary)$/i.test(unitTerms[0]?.text ?? '')) continue;
    out.push({ text: phrase.text.trim(), value: num, unit, rule: 'en.number', implied: [] });
  }
  return out;
}

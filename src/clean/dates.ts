// Publication-time parsing: machine dates (JSON-LD, meta, <time>), visible stamps of the VN press,
// and timestamps carried in URLs. Everything returns ISO 8601 `YYYY-MM-DDTHH:MM:SS`, with the offset
// the text states; a time that states none gets the `zone` the caller knows (a source profile's:
// +07:00 for the Vietnamese outlets) or, when it knows none (`null`), stays without an offset:
// ISO 8601 local time, zone unknown. No zone is ever guessed (a US page is not in Vietnam time).

export const VN_OFFSET = '+07:00';

/** An offset such as `+07:00`, or null: the zone is unknown. */
export type Zone = string | null;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function valid(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: Zone): string | null {
  if (!valid(y, mo, d, h, mi, s)) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset ?? ''}`;
}

function normOffset(raw: string | undefined, fallback: Zone): Zone {
  if (!raw) return fallback;
  const r = raw.replace(/\s+/g, '');
  if (r === 'Z' || r === 'z') return '+00:00';
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(r);
  if (!m) return fallback;
  return `${m[1]}${pad(Number(m[2]))}:${m[3] ?? '00'}`;
}

/**
 * Machine-readable dates: `2022-02-13T16:08:35+07:00`, `2026-10-07 07:49 + 07:00` (VnExpress's odd
 * spacing), `2020-07-15`, `2020-07-15T10:00:00.000Z`, RFC 2822 (`Sun, 13 Feb 2022 09:08:00 GMT`).
 */
export function parseMachineDate(raw: string | null | undefined, zone: Zone = null): string | null {
  if (!raw) return null;
  const s = raw.trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\s*\d{1,2}(?::?\s*\d{2})?)?)?/i.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, off] = m;
    return iso(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0), normOffset(off, zone));
  }
  // RFC 2822 states its zone (`GMT`, `+0700`): the instant is known, shown in the caller's zone or UTC.
  if (/^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return toOffsetIso(t, zone ?? '+00:00');
  }
  return parseVisibleStamp(s, zone);
}

/** Render an epoch time in a fixed offset. */
export function toOffsetIso(epochMs: number, offset = VN_OFFSET): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 420;
  const d = new Date(epochMs + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offset}`;
}

// dd/MM/yyyy (also dd-MM-yyyy, dd.MM.yyyy), the order every VN outlet uses.
const DMY = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/;
const HM = /(?<![\d:])(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?![\d:])/;
const GMT = /\(?\s*GMT\s*([+-]\s*\d{1,2}(?::?\d{2})?)\s*\)?/i;

/**
 * Visible stamps: `(11:51 27/03/2020)`, `Chủ nhật, 13/2/2022, 16:08 (GMT+7)`, `13/02/2022 - 16:08`,
 * `Thứ hai, 14/02/2022 10:30 AM`. The time is looked for right before or after the date.
 */
export function parseVisibleStamp(text: string, zone: Zone = null): string | null {
  const dm = DMY.exec(text);
  if (!dm) return null;
  const [, d, mo, y] = dm;
  const before = text.slice(Math.max(0, dm.index - 16), dm.index);
  const after = text.slice(dm.index + dm[0].length, dm.index + dm[0].length + 20);
  let h = 0;
  let mi = 0;
  let s = 0;
  const afterTime = HM.exec(after);
  const tm = afterTime ?? lastMatch(HM, before);
  if (tm) {
    h = Number(tm[1]); mi = Number(tm[2]); s = Number(tm[3] ?? 0);
    const source = afterTime ? after : before;
    const tail = source.slice(tm.index + tm[0].length).trim();
    if (/^(PM|CH)\b/i.test(tail) && h < 12) h += 12;
    if (/^(AM|SA)\b/i.test(tail) && h === 12) h = 0;
    if (h > 23 || mi > 59 || s > 59) { h = 0; mi = 0; s = 0; } // not a time after all: keep the day
  }
  const gmt = GMT.exec(text);
  const offset = gmt ? normOffset(gmt[1], zone) : zone;
  return iso(Number(y), Number(mo), Number(d), h, mi, s, offset);
}

function lastMatch(re: RegExp, s: string): RegExpExecArray | null {
  const g = new RegExp(re.source, 'g');
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  while ((m = g.exec(s))) last = m;
  return last;
}

/**
 * Timestamps in article URLs:
 * - baochinhphu / Sapo CMS: `-102YYMMDDHHMMSSmmm.htm` (102260905122709839 → 2026-09-05 12:27:09)
 * - tuoitre, thanhnien, nld: `-yyyyMMddHHmmssSSS.htm`
 * - path dates: `/2020/07/15/`, `/2020-07-15/`, `-20200715…`
 */
export function parseUrlTimestamp(url: string | null | undefined, zone: Zone = null): string | null {
  if (!url) return null;
  let m = /(?<!\d)102(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{0,4}\.html?\b/.exec(url);
  if (m) {
    const r = iso(2000 + Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), zone);
    if (r) return r;
  }
  m = /(?<!\d)(20\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{0,4}\.html?\b/.exec(url);
  if (m) {
    const r = iso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), zone);
    if (r) return r;
  }
  m = /\/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(url);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0, zone);
  return null;
}

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const MAX_OFFSET_MS = 14 * 3_600_000;

/**
 * True when `iso` is at or before `fetchedAt`; no fetch time accepts anything. A time without an
 * offset (zone unknown) is after the fetch only if it is so in every zone: its earliest reading
 * (UTC+14) must still be later.
 */
export function notAfter(isoTime: string, fetchedAt: string | null | undefined): boolean {
  if (!fetchedAt) return true;
  const zoned = HAS_OFFSET.test(isoTime);
  const t = Date.parse(zoned ? isoTime : `${isoTime}Z`) - (zoned ? 0 : MAX_OFFSET_MS);
  const f = Date.parse(fetchedAt);
  if (Number.isNaN(t) || Number.isNaN(f)) return true;
  return t <= f;
}

/** Does a parsed time carry an offset? */
export function hasOffset(isoTime: string): boolean {
  return HAS_OFFSET.test(isoTime);
}

/** The zone a source's profile gives the times its pages print without one: Vietnam time for the VN outlets. */
export function profileZone(source: { language?: string } | null | undefined): Zone {
  return source?.language === 'vi' ? VN_OFFSET : null;
}

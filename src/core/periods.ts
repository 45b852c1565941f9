// Period values (PeriodRef.value, Statistic.period): `YYYY`, `YYYY/YYYY`, `YYYY-MM/…` or
// `YYYY-MM-DD/YYYY-MM-DD`, and the days they start and end on.

/** `YYYY`, `YYYY/YYYY` or `YYYY-MM-DD/YYYY-MM-DD` → first and last day. */
export function periodBounds(value: string | null | undefined): [string | null, string | null] {
  if (!value) return [null, null];
  const [from, to = from] = value.split('/') as [string, string?];
  const start = /^\d{4}$/.test(from) ? `${from}-01-01` : /^\d{4}-\d{2}$/.test(from) ? `${from}-01` : from;
  const end = /^\d{4}$/.test(to!) ? `${to}-12-31` : /^\d{4}-\d{2}$/.test(to!) ? lastDayOfMonth(to!) : to!;
  return [start, end];
}

function lastDayOfMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${yearMonth}-${String(day).padStart(2, '0')}`;
}

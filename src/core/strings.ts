// String helpers shared by the stages.

/**
 * `s` as a string of its own. V8 cuts a substring of 13 or more characters as a view into the string
 * it came from (a sliced string), so a substring kept in a long-lived cache (a Map key, a table entry)
 * would keep the whole page or article it was cut from in memory for the rest of the run.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

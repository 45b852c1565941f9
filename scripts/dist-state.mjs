// Whether dist/ (scripts/build.mjs) is current: dist/build-info.json lists the source files the
// bundle was built from with their mtimes. Read by bin/vnpress.js at every start (about 150 stats,
// ~1 ms), so it imports nothing but node:fs.
import { readFileSync, statSync } from 'node:fs';

/** Why dist/ under `root` (a folder URL) cannot be run as it is, or null when it can. */
export function distStaleness(root) {
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('dist/build-info.json', root), 'utf8'));
  } catch {
    return 'dist/ is not built';
  }
  for (const [file, mtimeMs] of Object.entries(info.sources ?? {})) {
    const stat = statSync(new URL(file, root), { throwIfNoEntry: false });
    // Newer only: an installed package's files all carry the registry's fixed date, older than any build.
    if (!stat) return `${file} is gone since dist/ was built`;
    if (stat.mtimeMs > mtimeMs) return `${file} changed since dist/ was built`;
  }
  return null;
}

// Files that vnpress reads at run time (the named queries, the web app's assets, the demo sites,
// the pipelines, the charset detector's syllables) are found from the package's root folder, so
// that the same code finds them whether it runs from src/ (tsx, vitest) or from the bundle that
// scripts/build.mjs writes to dist/, where import.meta.url is another folder at another depth.
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder of vnpress's package.json: the first one above this module (src/core/ or dist/). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return (root = dir);
}

/** A path inside the package, e.g. `packagePath('src/store/queries')`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/**
 * A file inside an installed dependency, found the way Node finds the package (it may sit in this
 * package's node_modules or, when vnpress is itself installed, in the one above), even where the
 * package's `exports` do not list the file.
 */
export function dependencyFile(name: string, file: string): string {
  const main = createRequire(import.meta.url).resolve(name);
  const marker = `${sep}${join('node_modules', ...name.split('/'))}${sep}`;
  const at = main.lastIndexOf(marker);
  if (at < 0) throw new Error(`${name} resolves outside node_modules (${main})`);
  return join(main.slice(0, at + marker.length), file);
}

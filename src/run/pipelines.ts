// Finds and loads a pipeline: a name from `pipelines/`, or a file anywhere — TypeScript or JavaScript
// (`.ts`, `.mts`, `.js`, `.mjs`) whose default export is a Source, a list of Sources or
// `{ name, sources }`, or a JSON/YAML profile file (`.json`, `.yaml`, `.yml`) holding the same as plain
// data (src/core/profile.ts: the article pattern as a string), validated field by field.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Source } from '../core/types.ts';
import { UserError } from '../core/errors.ts';
import { packagePath } from '../core/package-root.ts';
import { ProfileError, profileOf, sourceFromProfile } from '../core/profile.ts';

export const PIPELINES_DIR = packagePath('pipelines');

export interface Pipeline {
  name: string;
  sources: Source[];
}

const CODE = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const DATA = new Set(['.json', '.yaml', '.yml']);

/** Names of the pipelines a user can run (files in pipelines/ that are not helpers). */
export function pipelineNames(): string[] {
  return readdirSync(PIPELINES_DIR)
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'demo.ts'].includes(f) && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadPipeline(nameOrPath: string): Promise<Pipeline> {
  const ext = extname(nameOrPath).toLowerCase();
  const isPath = /[\\/]/.test(nameOrPath) || CODE.has(ext) || DATA.has(ext);
  const file = isPath ? resolve(nameOrPath) : join(PIPELINES_DIR, `${nameOrPath}.ts`);
  if (!existsSync(file) || (!isPath && !pipelineNames().includes(nameOrPath))) {
    throw new UserError(`unknown pipeline ${JSON.stringify(nameOrPath)}: choose one of ${pipelineNames().join(', ')} or give a path to a pipeline file (.ts, .mjs, .json, .yaml)`);
  }
  const name = basename(file).replace(/\.[^.]+$/, '');
  if (DATA.has(ext)) return await loadDataPipeline(file, name);
  if (isPath && !CODE.has(ext)) throw new UserError(`pipeline ${file}: expected a .ts, .mjs, .js, .json, .yaml or .yml file`);
  let loaded: { default?: unknown };
  try {
    // A user's file is loaded through tsx's tsImport wherever it is: a plain import of a .ts file
    // outside this repository, with no package.json of "type": "module" beside it, was read as
    // CommonJS and failed with a cryptic `require(esm)` error.
    loaded = isPath
      ? await (await import('tsx/esm/api')).tsImport(pathToFileURL(file).href, import.meta.url)
      : await importPipelineFile(file);
  } catch (error) {
    throw new UserError(`pipeline ${nameOrPath}: cannot load ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  // A file outside any "type": "module" package is compiled by tsx as CommonJS: its default export
  // arrives wrapped as { default: … } (the module's exports object).
  let value = loaded.default;
  if (isPath && value && typeof value === 'object' && !Array.isArray(value) && !isSource(value) && 'default' in value) {
    value = (value as { default: unknown }).default;
  }
  const sources: unknown = Array.isArray(value) ? value : isSource(value) ? [value] : (value as { sources?: unknown })?.sources;
  if (!Array.isArray(sources) || !sources.length || !sources.every(isSource)) {
    throw new UserError(`pipeline ${nameOrPath}: ${file} must default-export a Source, a list of Sources or { name, sources }`);
  }
  // A profile written outside pipelines/ is checked as a data profile is (a misspelt field is named).
  const checked = isPath ? sources.map((s, i) => validated(() => sourceFromProfile(profileOf(s), sourcePlace(file, value, i)))) : sources;
  const pipelineName = !isSource(value) && typeof (value as { name?: unknown })?.name === 'string' ? (value as { name: string }).name : name;
  return { name: pipelineName, sources: checked };
}

/** A JSON or YAML profile file: one profile, a list of them, or `{ name, sources: [...] }`. */
async function loadDataPipeline(file: string, name: string): Promise<Pipeline> {
  let data: unknown;
  const json = file.toLowerCase().endsWith('.json');
  // The YAML parser is loaded only for a YAML profile (bundled, its functions may sit on the default export).
  const yaml = json ? null : await import('yaml');
  const parseYaml = yaml ? (yaml.parse ?? (yaml as unknown as { default: typeof yaml }).default.parse) : null;
  try {
    const text = readFileSync(file, 'utf8');
    data = json ? JSON.parse(text) : parseYaml!(text);
  } catch (error) {
    throw new UserError(`pipeline ${file}: not valid ${file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && 'sources' in data ? (data as { sources: unknown }).sources : [data];
  if (!Array.isArray(list) || !list.length) throw new UserError(`pipeline ${file}: sources: expected a non-empty list of profiles`);
  const sources = list.map((entry, i) => validated(() => sourceFromProfile(entry, sourcePlace(file, data, i))));
  const ids = new Set<string>();
  for (const source of sources) {
    if (ids.has(source.id)) throw new UserError(`pipeline ${file}: two profiles have the id ${JSON.stringify(source.id)}`);
    ids.add(source.id);
  }
  const declared = !Array.isArray(data) && data && typeof data === 'object' && 'sources' in data ? (data as { name?: unknown }).name : undefined;
  const given = typeof declared === 'string' ? declared : name;
  return { name: given, sources };
}

/** Where a profile sits in its file, for errors: `site.yaml`, `site.yaml: sources[2]`, `site.json: [0]`. */
function sourcePlace(file: string, container: unknown, index: number): string {
  if (Array.isArray(container)) return `${file}: [${index}]`;
  if (container && typeof container === 'object' && 'sources' in container) return `${file}: sources[${index}]`;
  return file;
}

function validated(make: () => Source): Source {
  try {
    return make();
  } catch (error) {
    if (error instanceof ProfileError) throw new UserError(`pipeline ${error.message}`);
    throw error;
  }
}

/**
 * Imports a pipeline file. Pipelines are TypeScript (`pipelines/*.ts`, or a user's own file): from
 * src/ (tsx, vitest) they load as they are; the compiled CLI in dist/ loads them through tsx, which
 * it loads for that alone (a crawl's start-up), so the other commands never load tsx.
 */
async function importPipelineFile(file: string): Promise<{ default?: unknown }> {
  const url = pathToFileURL(file).href;
  try {
    return await import(url);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    // Node remembers the failed import of this URL: tsImport loads the file under a URL of its own.
    const { tsImport } = await import('tsx/esm/api');
    return await tsImport(url, import.meta.url);
  }
}

function isSource(value: unknown): value is Source {
  return !!value && typeof value === 'object' && typeof (value as Source).id === 'string' && typeof (value as Source).baseUrl === 'string';
}

// Finds and loads a pipeline from `pipelines/`: a file whose default export is a Source, a list
// of Sources, or `{ name, sources }`.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Source } from '../core/types.ts';
import { UserError } from '../core/errors.ts';
import { packagePath } from '../core/package-root.ts';

export const PIPELINES_DIR = packagePath('pipelines');

export interface Pipeline {
  name: string;
  sources: Source[];
}

/** Names of the pipelines a user can run (files in pipelines/ that are not helpers). */
export function pipelineNames(): string[] {
  return readdirSync(PIPELINES_DIR)
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'demo.ts'].includes(f) && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadPipeline(nameOrPath: string): Promise<Pipeline> {
  const isPath = /[\\/]|\.ts$|\.js$/.test(nameOrPath);
  const file = isPath ? resolve(nameOrPath) : join(PIPELINES_DIR, `${nameOrPath}.ts`);
  if (!existsSync(file) || (!isPath && !pipelineNames().includes(nameOrPath))) {
    throw new UserError(`unknown pipeline ${JSON.stringify(nameOrPath)}: choose one of ${pipelineNames().join(', ')} or give a path to a pipeline file`);
  }
  let loaded: { default?: unknown };
  try {
    loaded = await importPipelineFile(file);
  } catch (error) {
    throw new UserError(`pipeline ${nameOrPath}: cannot load ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const value = loaded.default;
  const name = basename(file).replace(/\.(ts|js)$/, '');
  const sources: unknown = Array.isArray(value) ? value : isSource(value) ? [value] : (value as { sources?: unknown })?.sources;
  if (!Array.isArray(sources) || !sources.length || !sources.every(isSource)) {
    throw new UserError(`pipeline ${nameOrPath}: ${file} must default-export a Source, a list of Sources or { name, sources }`);
  }
  return { name: (value as { name?: string })?.name ?? name, sources };
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

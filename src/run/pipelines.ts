// Finds and loads a pipeline from `pipelines/`: a file whose default export is a Source, a list
// of Sources, or `{ name, sources }`.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Source } from '../core/types.ts';
import { UserError } from '../core/errors.ts';

export const PIPELINES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../pipelines');

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
    loaded = await import(pathToFileURL(file).href);
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

function isSource(value: unknown): value is Source {
  return !!value && typeof value === 'object' && typeof (value as Source).id === 'string' && typeof (value as Source).baseUrl === 'string';
}

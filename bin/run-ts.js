#!/usr/bin/env node
// Runs a TypeScript script (eval, bench) through tsx's loader: `node bin/run-ts.js FILE [args…]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
register();
const script = process.argv[2];
if (!script) { console.error('usage: run-ts FILE [args…]'); process.exit(2); }
process.argv.splice(1, 2, resolve(script));
await import(pathToFileURL(resolve(script)).href);

// The README's command table ("## Commands") and the CLI's --help say the same thing: every command
// in one is in the other, and every option a README row shows is one that command accepts, taking
// a value exactly when the command's option does. The help is read from the real binary.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './run-cli.ts';

const run = promisify(execFile);

interface HelpOption {
  /** `--db`, `--no-progress` … */
  flag: string;
  short?: string;
  takesValue: boolean;
  /** `--color [when]`: the value may be left out. */
  optionalValue?: true;
}

interface Help {
  options: HelpOption[];
  /** Subcommand names listed under "Commands:" (`help` excluded). */
  commands: string[];
}

/** Reads commander's help: entries sit two spaces in; wrapped descriptions are indented further. */
function parseHelp(text: string): Help {
  const options: HelpOption[] = [];
  const commands: string[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const heading = /^(\S.*):$/.exec(line);
    if (heading) { section = heading[1]!; continue; }
    if (section === 'Options') {
      const m = /^ {2}(?:(-\w), )?(--[\w-]+)(?: ([<[][^>\]]+[>\]]))?/.exec(line);
      if (m) options.push({ flag: m[2]!, ...(m[1] ? { short: m[1] } : {}), takesValue: !!m[3], ...(m[3]?.startsWith('[') ? { optionalValue: true as const } : {}) });
    } else if (section === 'Commands') {
      const m = /^ {2}([a-z][\w-]*)\b/.exec(line);
      if (m && m[1] !== 'help') commands.push(m[1]!);
    }
  }
  return { options, commands };
}

interface ReadmeRow {
  /** The row's first cell as written. */
  usage: string;
  /** Command words after `vnpress`: `['query', 'search']`. */
  path: string[];
  /** Options the row shows, and whether the row gives each a value. */
  options: { flag: string; withValue: boolean }[];
}

/** The rows of the table under "## Commands" in README.md. */
function readmeRows(markdown: string): ReadmeRow[] {
  const section = /^## Commands\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
  const rows: ReadmeRow[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `vnpress')) continue;
    const usage = /^\| `([^`]+)`/.exec(line)![1]!.replace(/\\\|/g, '|');
    // `[--json|--csv]` → `[ --json | --csv ]`: brackets and bars are tokens of their own.
    const tokens = usage.replace(/([[\]|])/g, ' $1 ').split(/\s+/).filter(Boolean).slice(1);
    const path: string[] = [];
    while (tokens[path.length] && /^[a-z][a-z-]*$/.test(tokens[path.length]!)) path.push(tokens[path.length]!);
    const options = tokens.flatMap((token, i) => {
      if (!token.startsWith('--')) return [];
      const next = tokens[i + 1];
      return [{ flag: token, withValue: next !== undefined && !next.startsWith('-') && !['[', ']', '|', '...'].includes(next) }];
    });
    rows.push({ usage, path, options });
  }
  return rows;
}

// Each `--help` is a process of its own (about a second of CPU to start): three at a time keeps a
// shared two-core machine from timing them out, and the whole round still takes seconds.
const limit = pLimit(3);

function helpOf(path: string[]): Promise<Help> {
  return limit(async () => {
    const command = ['vnpress', ...path, '--help'].join(' ');
    try {
      const { stdout } = await run(process.execPath, [BIN, ...path, '--help'], {
        cwd: ROOT, timeout: 180_000, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', COLUMNS: '80' },
      });
      return parseHelp(stdout);
    } catch (error) {
      const e = error as { code?: number; signal?: string; stderr?: string };
      throw new Error(`${command}: exit ${e.code ?? '-'}${e.signal ? `, killed by ${e.signal}` : ''}: ${e.stderr?.trim() || (error as Error).message}`);
    }
  });
}

describe('parseHelp and readmeRows', () => {
  it('read options, values and subcommands as commander and the README write them', () => {
    const help = parseHelp([
      'Usage: vnpress query [options] [name]', '', 'Options:',
      '  -p, --param <name=value>  a param (repeat for more)', '  --json                    print JSON',
      '  --max-rows <n>            most rows a table shows (no limit with', '                            --json/--csv) (default: 200)',
      '  --color [when]            optional value', '', 'Commands:',
      '  search [options] <text...>  full-text search', '  sql <statement...>          read-only SQL',
      '  help [command]              display help for command',
    ].join('\n'));
    expect(help.options).toEqual([
      { flag: '--param', short: '-p', takesValue: true }, { flag: '--json', takesValue: false },
      { flag: '--max-rows', takesValue: true }, { flag: '--color', takesValue: true, optionalValue: true },
    ]);
    expect(help.commands).toEqual(['search', 'sql']);
    const rows = readmeRows([
      '## Commands', '| command | what |', '|---|---|',
      '| `vnpress query NAME [--param k=v ...] [--json\\|--csv]` | run |',
      '| `vnpress export NAME --format csv\\|jsonl [--excel]` | write |',
      '| `vnpress query search TEXT [--from D]` | search |', '', '## Next', '| `vnpress ghost` | not in the section |',
    ].join('\n'));
    expect(rows.map((r) => r.path)).toEqual([['query'], ['export'], ['query', 'search']]);
    expect(rows[0]!.options).toEqual([{ flag: '--param', withValue: true }, { flag: '--json', withValue: false }, { flag: '--csv', withValue: false }]);
    expect(rows[1]!.options).toEqual([{ flag: '--format', withValue: true }, { flag: '--excel', withValue: false }]);
  });
});

describe('README command table against --help', () => {
  const rows = readmeRows(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  /** Help of every command and subcommand, by path (`''`, `query`, `query search` …). */
  const helps = new Map<string, Help>();

  beforeAll(async () => {
    const top = await helpOf([]);
    helps.set('', top);
    const level1 = await Promise.all(top.commands.map(async (c) => [c, await helpOf([c])] as const));
    for (const [c, h] of level1) helps.set(c, h);
    const level2 = await Promise.all(level1.flatMap(([c, h]) => h.commands.map(async (s) => [`${c} ${s}`, await helpOf([c, s])] as const)));
    for (const [path, h] of level2) helps.set(path, h);
  }, 600_000);

  it('has rows, and --help lists commands', () => {
    expect(rows.length).toBeGreaterThan(5);
    expect(helps.get('')!.commands.length).toBeGreaterThan(5);
  });

  it('shows every command and subcommand of --help in a row', () => {
    const inReadme = new Set(rows.map((r) => r.path.join(' ')));
    for (const path of helps.keys()) {
      if (path) expect(inReadme.has(path), `\`vnpress ${path}\` is in --help but in no row of README.md "## Commands"`).toBe(true);
    }
  });

  it.each(rows.map((r) => [r.usage, r] as const))('`%s` names a command that accepts the options shown', (usage, row) => {
    const path = row.path.join(' ');
    expect(row.path.length, `${usage}: no command word after vnpress`).toBeGreaterThan(0);
    expect(helps.has(path), `${usage}: \`vnpress ${path}\` is not a command in --help`).toBe(true);
    // Commander takes a parent's options after a subcommand too (`query search … --db F`).
    const accepted = new Map<string, HelpOption>();
    for (let n = row.path.length; n >= 1; n--) {
      for (const o of helps.get(row.path.slice(0, n).join(' '))!.options) if (!accepted.has(o.flag)) accepted.set(o.flag, o);
    }
    for (const shown of row.options) {
      const option = accepted.get(shown.flag);
      expect(option, `${usage}: \`vnpress ${path} --help\` has no ${shown.flag}`).toBeDefined();
      if (!option!.optionalValue) expect(shown.withValue, `${usage}: ${shown.flag} ${option!.takesValue ? 'takes a value' : 'is a flag'} in --help`).toBe(option!.takesValue);
    }
  });
});

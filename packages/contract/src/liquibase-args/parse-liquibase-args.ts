import { SqlrsError } from '@sqlrs/errors';
import { type ArgListPath, argError } from '../psql-args/arg-error.js';
import { shellJoin } from '../psql-args/shell-quote.js';
import type { LiquibaseCommand, LiquibaseOption, ParsedLiquibaseArgs } from './parsed-liquibase-args.js';

const PATH: ArgListPath = ['liquibase_args'];

/** api.md §4.3 name normalisation: lowercase, `-` and `_` removed. */
export function normalizeLiquibaseName(name: string): string {
  return name.toLowerCase().replaceAll('-', '').replaceAll('_', '');
}

const CONNECTION = new Set(['url', 'username', 'password']);
const RUNTIME = new Set(['classpath', 'driver', 'driverpropertiesfile']);
const COMMANDS: Record<string, LiquibaseCommand> = { update: 'update', updatecount: 'update-count', updatetotag: 'update-to-tag' };
const PATH_OPTIONS: Record<string, string> = { changelogfile: 'changelog-file', defaultsfile: 'defaults-file', searchpath: 'search-path' };

/** The §4.3 message for a rejected option or defaults-file key (normalised), or undefined. */
export function rejectedLiquibaseName(normalized: string): string | undefined {
  const bare = normalized.startsWith('liquibase.') ? normalized.slice(normalized.lastIndexOf('.') + 1) : normalized;
  if (CONNECTION.has(bare) || bare.startsWith('reference')) return 'connection flags are not allowed';
  if (RUNTIME.has(bare)) return 'runtime flags are not allowed';
  return undefined;
}

function isRemote(value: string): boolean {
  return value.includes('://') || value.startsWith('classpath:');
}

/** POSIX path normalisation without I/O (`.`/`..` segments, repeated slashes). */
function normalizeAbsolute(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function resolvePath(value: string, workDir: string | null, index: number): string {
  if (isRemote(value)) return value;
  if (value.startsWith('/')) return normalizeAbsolute(value);
  if (workDir === null) throw argError('work_dir is required for relative paths', PATH, index, value);
  return normalizeAbsolute(`${workDir}/${value}`);
}

interface Collected {
  options: LiquibaseOption[];
  paths: Map<string, string>;
}

function checkName(name: string, item: string, index: number): void {
  const rejected = rejectedLiquibaseName(name);
  if (rejected !== undefined) throw argError(rejected, PATH, index, item);
  if (name === 'help' || name === 'version') throw argError('option not allowed in prepare', PATH, index, item);
}

function takeOption(into: Collected, spelling: string, value: string | null, workDir: string | null, item: string, index: number): void {
  const name = normalizeLiquibaseName(spelling);
  if (name === '') throw argError('unexpected positional argument', PATH, index, item);
  checkName(name, item, index);
  if (name in PATH_OPTIONS) {
    if (value === null || value === '') throw argError(`--${PATH_OPTIONS[name]} needs a value`, PATH, index, item);
    const resolved = name === 'searchpath' ? value.split(',').map((v) => resolvePath(v.trim(), workDir, index)).join(',') : resolvePath(value, workDir, index);
    into.paths.set(name, resolved);
    return;
  }
  into.options.push({ name, spelling, value });
}

function spellingOf(option: LiquibaseOption): string {
  return option.value === null ? `--${option.spelling}` : `--${option.spelling}=${option.value}`;
}

function filterText(options: LiquibaseOption[], names: string[]): string {
  let text = '';
  for (const option of options) if (names.includes(option.name)) text = (option.value ?? '').trim();
  return text;
}

/**
 * Parses `liquibase_args` by api.md §4.3: rejected options anywhere, one accepted command,
 * `--name=value`/bare booleans before it, `--name value` and `-Dk=v` after it, relative paths
 * resolved against `workDir`. Existence of paths is the caller's (I/O) check.
 */
export function parseLiquibaseArgs(args: readonly string[], workDir: string | null): ParsedLiquibaseArgs {
  const global: Collected = { options: [], paths: new Map() };
  const after: Collected = { options: [], paths: new Map() };
  const parameters: { name: string; value: string }[] = [];
  let command: LiquibaseCommand | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const item = args[i] as string;
    if (item.startsWith('--')) {
      const eq = item.indexOf('=');
      const spelling = eq === -1 ? item.slice(2) : item.slice(2, eq);
      let value = eq === -1 ? null : item.slice(eq + 1);
      if (command === undefined) {
        const next = args[i + 1];
        // A separated value would be read as the command: only a known command may follow a bare option.
        if (value === null && next !== undefined && !next.startsWith('-') && COMMANDS[normalizeLiquibaseName(next)] === undefined) {
          checkName(normalizeLiquibaseName(spelling), item, i);
          throw argError('use --name=value before the command', PATH, i, `${item} ${next}`);
        }
        takeOption(global, spelling, value, workDir, item, i);
        continue;
      }
      if (value === null && args[i + 1] !== undefined && !(args[i + 1] as string).startsWith('-')) {
        checkName(normalizeLiquibaseName(spelling), item, i);
        value = args[i + 1] as string;
        i += 1;
      }
      takeOption(after, spelling, value, workDir, item, i);
      continue;
    }
    if (item.startsWith('-')) {
      if (item === '-h' || item === '-v') throw argError('option not allowed in prepare', PATH, i, item);
      if (command !== undefined && item.startsWith('-D') && item.includes('=')) {
        const eq = item.indexOf('=');
        parameters.push({ name: item.slice(2, eq), value: item.slice(eq + 1) });
        continue;
      }
      throw argError(command === undefined ? 'lb command is required' : 'unexpected positional argument', PATH, i, item);
    }
    if (command !== undefined) throw argError('unexpected positional argument', PATH, i, item);
    const known = COMMANDS[normalizeLiquibaseName(item)];
    if (known === undefined) throw argError('unsupported lb command', PATH, i, item);
    command = known;
  }
  if (command === undefined) throw new SqlrsError('invalid_argument', 'lb command is required', { issues: [{ path: 'liquibase_args', message: 'lb command is required' }] });
  const all = [...global.options, ...after.options];
  const countOption = after.options.find((o) => o.name === 'count') ?? global.options.find((o) => o.name === 'count');
  const tagOption = after.options.find((o) => o.name === 'tag') ?? global.options.find((o) => o.name === 'tag');
  let count: number | null = null;
  if (command === 'update-count') {
    if (countOption?.value === undefined || countOption.value === null || !/^[1-9]\d*$/.test(countOption.value)) {
      throw new SqlrsError('invalid_argument', 'update-count needs --count = a positive integer', { issues: [{ path: 'liquibase_args', message: 'update-count needs --count' }] });
    }
    count = Number(countOption.value);
  }
  let tag: string | null = null;
  if (command === 'update-to-tag') {
    if (tagOption?.value === undefined || tagOption.value === null || tagOption.value.trim() === '') {
      throw new SqlrsError('invalid_argument', 'update-to-tag needs a non-empty --tag', { issues: [{ path: 'liquibase_args', message: 'update-to-tag needs --tag' }] });
    }
    tag = tagOption.value;
  }
  const paths = new Map([...global.paths, ...after.paths]);
  const commandOptions = after.options.filter((o) => o.name !== 'count' && o.name !== 'tag');
  const globalOptions = global.options.filter((o) => o.name !== 'count' && o.name !== 'tag');
  const pathItems = ['defaultsfile', 'searchpath', 'changelogfile'].flatMap((n) => (paths.has(n) ? [`--${PATH_OPTIONS[n]}=${paths.get(n)}`] : []));
  const normalized = shellJoin([
    ...globalOptions.map(spellingOf),
    command,
    ...(count === null ? [] : [`--count=${count}`]),
    ...(tag === null ? [] : [`--tag=${tag}`]),
    ...pathItems,
    ...commandOptions.map(spellingOf),
    ...parameters.map((p) => `-D${p.name}=${p.value}`),
  ]);
  return {
    globalOptions,
    command,
    count,
    tag,
    commandOptions,
    parameters,
    changelogFile: paths.get('changelogfile') ?? null,
    defaultsFile: paths.get('defaultsfile') ?? null,
    searchPath: paths.has('searchpath') ? (paths.get('searchpath') as string).split(',') : null,
    contexts: filterText(all, ['contexts', 'contextfilter', 'context']),
    labels: filterText(all, ['labels', 'labelfilter', 'label']),
    normalized,
  };
}

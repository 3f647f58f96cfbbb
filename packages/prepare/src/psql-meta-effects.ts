import { SqlrsError } from '@sqlrs/errors';
import { unhashable } from './hash-errors.js';
import { parseCopyArgs } from './psql-copy-args.js';
import { type MetaArg, type MetaCommand, stripTrailingSemicolons } from './psql-meta-command.js';
import type { PsqlVariableScope } from './psql-variables.js';

/** A file a psql source reads, in textual order (engine.md §2.3). */
export interface PsqlDependency {
  kind: 'include' | 'copy_data';
  /** The path as psql would open it (after unquoting and `-v` substitution), not yet resolved. */
  path: string;
  /** `\ir`/`\include_relative`: a relative path resolves against the including file's directory. */
  relativeToSource: boolean;
  line: number;
  /** Inside `\if … \endif`, where psql may never read it. */
  conditional: boolean;
}

/** Where a backslash command sits and what it can see. */
export interface MetaContext {
  where: string;
  line: number;
  conditional: boolean;
  variables: PsqlVariableScope;
  /** The source is psql's standard input, so `\copy … FROM PSTDIN` data follows inline. */
  readsStdin: boolean;
}

/** What a backslash command changes for the scanner. */
export interface MetaEffect {
  dependency: PsqlDependency | null;
  /** +1 for `\if`, -1 for `\endif`. */
  ifDelta: number;
  /** Sends the query buffer to the server (`\g` and friends). */
  executes: boolean;
  /** Clears the query buffer (`\r`). */
  resets: boolean;
  /** `\copy … FROM STDIN`: data lines follow in this source. */
  inlineCopy: boolean;
}

const NONE: MetaEffect = { dependency: null, ifDelta: 0, executes: false, resets: false, inlineCopy: false };
const REMOVE = 'remove it from the prepare inputs';
const EXECUTES = new Set(['g', 'gx', 'gset', 'gexec', 'crosstabview', 'watch']);
const EDITORS = new Set(['e', 'edit', 'ef', 'ev']);
const PIPES = new Set(['o', 'out', 'g', 'gx', 'w', 'write']);

const toBinary = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
const escapeLiteral = (v: string): string =>
  `${v.includes('\\') ? ' E' : ''}'${v.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
const escapeIdent = (v: string): string => `"${v.replaceAll('"', '""')}"`;

function fromBinary(binary: string, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(binary, 'latin1'));
  } catch {
    throw new SqlrsError('invalid_argument', `the path at ${where} is not valid UTF-8; rename the file`);
  }
}

/** Renders a file argument: every variable must come from `-v` (otherwise the step is unhashable). */
function renderPath(arg: MetaArg, command: string, ctx: MetaContext): string {
  let out = '';
  for (const segment of arg.segments) {
    if (segment.kind === 'text') {
      out += segment.text;
      continue;
    }
    const resolved = ctx.variables.forArgument(segment.name);
    if (segment.form === 'test' && resolved.kind !== 'script') {
      out += resolved.kind === 'value' ? 'TRUE' : 'FALSE';
      continue;
    }
    if (resolved.kind === 'unset') {
      throw unhashable(ctx.where, `\\${command} uses :${segment.name}, which no -v option sets`, `pass -v ${segment.name}=…`);
    }
    if (resolved.kind === 'script') {
      throw unhashable(ctx.where, `\\${command} uses :${segment.name}, which the scripts set`, 'pass it with -v instead');
    }
    const forms = { plain: resolved.value, literal: escapeLiteral(resolved.value), ident: escapeIdent(resolved.value) };
    out += toBinary(segment.form === 'test' ? 'TRUE' : forms[segment.form]);
  }
  return fromBinary(out, ctx.where);
}

/** Renders an argument leniently (unknown variables stay as written), for tracking `\set`. */
function renderLoose(arg: MetaArg, ctx: MetaContext): string {
  let out = '';
  for (const segment of arg.segments) {
    if (segment.kind === 'text') out += segment.text;
    else {
      const resolved = ctx.variables.forArgument(segment.name);
      out += resolved.kind === 'value' && segment.form === 'plain' ? toBinary(resolved.value) : `:${segment.name}`;
    }
  }
  return Buffer.from(out, 'latin1').toString('utf8');
}

function checkPath(path: string, command: string, ctx: MetaContext): void {
  if (path === '-' && command.startsWith('i')) throw unhashable(ctx.where, `\\${command} - reads standard input`, 'include a file instead');
  if (path.startsWith('~')) {
    throw unhashable(ctx.where, `the path ${path} depends on the home directory`, 'use an absolute path');
  }
}

function fileArgument(cmd: MetaCommand, ctx: MetaContext, kind: PsqlDependency['kind'], relative: boolean): MetaEffect {
  const first = cmd.args[0];
  if (first === undefined || !first.complete) return NONE;
  const path = renderPath(stripTrailingSemicolons(first), cmd.name, ctx);
  if (path === '') return NONE;
  checkPath(path, cmd.name, ctx);
  const dependency = { kind, path, relativeToSource: relative, line: ctx.line, conditional: ctx.conditional };
  return { ...NONE, dependency };
}

function copyEffect(cmd: MetaCommand, ctx: MetaContext): MetaEffect {
  const spec = parseCopyArgs(cmd.wholeLine ?? '');
  if (spec === null) return NONE;
  const { direction, target } = spec;
  if (target.kind === 'program') {
    throw unhashable(ctx.where, '\\copy … PROGRAM runs a shell command', 'copy from a file instead');
  }
  if (direction === 'to') return NONE;
  if (target.kind === 'stdin' || (target.kind === 'pstdin' && ctx.readsStdin)) return { ...NONE, inlineCopy: true };
  if (target.kind !== 'file' || target.path === '') return NONE;
  const path = fromBinary(target.path, ctx.where);
  checkPath(path, cmd.name, ctx);
  const dependency = { kind: 'copy_data' as const, path, relativeToSource: false, line: ctx.line, conditional: ctx.conditional };
  return { ...NONE, dependency };
}

function trackAssignments(cmd: MetaCommand, ctx: MetaContext): void {
  const [first, ...rest] = cmd.args;
  const last = cmd.args[cmd.args.length - 1];
  const vars = ctx.variables;
  if (cmd.name === 'set' && first !== undefined) {
    vars.assign(renderLoose(first, ctx), rest.map((arg) => renderLoose(arg, ctx)).join(''));
  } else if ((cmd.name === 'unset' || cmd.name === 'getenv') && first !== undefined) {
    vars.assign(renderLoose(first, ctx), null);
  } else if (cmd.name === 'prompt' && last !== undefined) {
    vars.assign(renderLoose(last, ctx), null);
  } else if (cmd.name === 'gset') {
    vars.assignPrefix(first === undefined ? '' : renderLoose(first, ctx));
  }
}

/** Applies psql's meaning of one backslash command to hashing; throws for unhashable constructs. */
export function metaEffect(cmd: MetaCommand, ctx: MetaContext): MetaEffect {
  const name = cmd.name;
  if (cmd.args.some((arg) => arg.backtick)) {
    throw unhashable(ctx.where, `a backtick in the arguments of \\${name} runs a shell command`, REMOVE);
  }
  if (PIPES.has(name) && cmd.args.some((arg) => arg.pipe)) {
    throw unhashable(ctx.where, `\\${name} | sends output to a shell command`, REMOVE);
  }
  if (name === '!') throw unhashable(ctx.where, '\\! runs a shell command', REMOVE);
  if (EDITORS.has(name)) throw unhashable(ctx.where, `\\${name} starts an editor`, REMOVE);
  if (name === 'cd') {
    throw unhashable(ctx.where, '\\cd changes the directory later paths resolve against', 'use absolute paths or \\ir');
  }
  trackAssignments(cmd, ctx);
  switch (name) {
    case 'i':
    case 'include':
      return fileArgument(cmd, ctx, 'include', false);
    case 'ir':
    case 'include_relative':
      return fileArgument(cmd, ctx, 'include', true);
    case 'lo_import':
      return fileArgument(cmd, ctx, 'copy_data', false);
    case 'copy':
      return copyEffect(cmd, ctx);
    case 'if':
      return { ...NONE, ifDelta: 1 };
    case 'endif':
      return { ...NONE, ifDelta: -1 };
    case 'r':
    case 'reset':
      return { ...NONE, resets: true };
    default:
      return EXECUTES.has(name) ? { ...NONE, executes: true } : NONE;
  }
}

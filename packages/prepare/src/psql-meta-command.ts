/**
 * Splits one psql backslash command into its name and arguments the way psql's slash-command
 * scanner does. Text is "binary" (one char per byte, latin1) so offsets are byte offsets.
 */

/** A piece of an argument: literal text, or a psql variable reference. */
type ArgSegment =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; form: 'plain' | 'literal' | 'ident' | 'test' };

/** One argument of a backslash command. */
export interface MetaArg {
  segments: ArgSegment[];
  /** Starts with `|`: for `\o`, `\g`, `\w` the rest of the line is a shell command. */
  pipe: boolean;
  /** Contains an unquoted backtick (psql runs the quoted text as a shell command). */
  backtick: boolean;
  /** An unterminated quote: psql drops the argument. */
  complete: boolean;
}

/** One parsed backslash command. */
export interface MetaCommand {
  name: string;
  args: MetaArg[];
  /** The rest of the line, for the commands psql reads whole (`\copy`, `\!`, …); otherwise null. */
  wholeLine: string | null;
  /** Offset where psql resumes scanning SQL (after the arguments and an optional `\\`). */
  end: number;
}

const WHOLE_LINE = new Set(['copy', '!', 'ef', 'ev', 'sf', 'sv', 'h', 'help']);
const FILE_PIPE = new Set(['o', 'out', 'g', 'gx', 'w', 'write']);
const SPACE = new Set([' ', '\t', '\n', '\r', '\f']);
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', b: '\b', r: '\r', f: '\f' };

const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.has(c);
const isVarChar = (c: string | undefined): boolean => c !== undefined && (/[A-Za-z0-9_]/.test(c) || c >= '\x80');

function varRun(text: string, from: number): number {
  let i = from;
  while (isVarChar(text[i])) i++;
  return i;
}

/** Matches `:name`, `:'name'`, `:"name"` or `:{?name}` at `i`; null when psql would treat `:` as text. */
function matchVariable(text: string, i: number): { segment: ArgSegment; end: number } | null {
  const next = text[i + 1];
  if (isVarChar(next)) {
    const end = varRun(text, i + 1);
    return { segment: { kind: 'var', name: text.slice(i + 1, end), form: 'plain' }, end };
  }
  const close: Readonly<Record<string, [string, 'literal' | 'ident' | 'test', number]>> = {
    "'": ["'", 'literal', 2],
    '"': ['"', 'ident', 2],
    '{': ['}', 'test', 3],
  };
  const shape = next === undefined ? undefined : close[next];
  if (shape === undefined || (next === '{' && text[i + 2] !== '?')) return null;
  const [closer, form, skip] = shape;
  const end = varRun(text, i + skip);
  if (end === i + skip || text[end] !== closer) return null;
  return { segment: { kind: 'var', name: text.slice(i + skip, end), form }, end: end + 1 };
}

/** Reads a single-quoted argument part starting after the opening quote. */
function readSingleQuoted(text: string, from: number): { value: string; end: number; closed: boolean } {
  let value = '';
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'") {
      if (text[i + 1] !== "'") return { value, end: i + 1, closed: true };
      value += "'";
      i += 2;
    } else if (c === '\\' && i + 1 < text.length) {
      const rest = text.slice(i + 1);
      const octal = /^[0-7]{1,3}/.exec(rest);
      const hex = /^x[0-9A-Fa-f]{1,2}/.exec(rest);
      if (octal) {
        value += String.fromCharCode(Number.parseInt(octal[0], 8) & 0xff);
        i += 1 + octal[0].length;
      } else if (hex) {
        value += String.fromCharCode(Number.parseInt(hex[0].slice(1), 16));
        i += 1 + hex[0].length;
      } else {
        const next = text[i + 1] as string;
        value += ESCAPES[next] ?? next;
        i += 2;
      }
    } else {
      value += c;
      i += 1;
    }
  }
  return { value, end: i, closed: false };
}

function pushText(segments: ArgSegment[], text: string, quoted: boolean): void {
  const last = segments[segments.length - 1];
  if (!quoted && last?.kind === 'text' && !last.quoted) last.text += text;
  else segments.push({ kind: 'text', text, quoted });
}

function readArg(text: string, from: number): { arg: MetaArg; end: number } {
  const arg: MetaArg = { segments: [], pipe: false, backtick: false, complete: true };
  let i = from;
  while (i < text.length && !isSpace(text[i]) && text[i] !== '\\') {
    const c = text[i] as string;
    if (c === "'") {
      const quoted = readSingleQuoted(text, i + 1);
      pushText(arg.segments, quoted.value, true);
      i = quoted.end;
      arg.complete &&= quoted.closed;
    } else if (c === '`' || c === '"') {
      const close = text.indexOf(c, i + 1);
      const end = close < 0 ? text.length : close + 1;
      if (c === '`') arg.backtick = true;
      else pushText(arg.segments, text.slice(i, end), true);
      arg.complete &&= close >= 0;
      i = end;
    } else if (c === ':' && matchVariable(text, i) !== null) {
      const match = matchVariable(text, i) as { segment: ArgSegment; end: number };
      arg.segments.push(match.segment);
      i = match.end;
    } else {
      pushText(arg.segments, c, false);
      i += 1;
    }
  }
  return { arg, end: i };
}

/** Parses the text after a backslash up to the end of its line (or of a `-c` string). */
export function parseMetaCommand(text: string): MetaCommand {
  let i = 0;
  while (i < text.length && !isSpace(text[i]) && text[i] !== '\\') i++;
  const name = text.slice(0, i);
  if (WHOLE_LINE.has(name)) {
    return { name, args: [], wholeLine: text.slice(i).replace(/^[ \t\n\r\f]+/, ''), end: text.length };
  }
  const args: MetaArg[] = [];
  for (;;) {
    while (isSpace(text[i])) i++;
    if (i >= text.length || text[i] === '\\') break;
    if (text[i] === '|' && FILE_PIPE.has(name)) {
      args.push({ segments: [{ kind: 'text', text: text.slice(i), quoted: false }], pipe: true, backtick: false, complete: true });
      i = text.length;
      break;
    }
    const { arg, end } = readArg(text, i);
    args.push(arg);
    i = end;
  }
  if (text.startsWith('\\\\', i)) i += 2;
  return { name, args, wholeLine: null, end: i };
}

/** Drops unquoted trailing semicolons, as psql does for file arguments (`\i a.sql;`). */
export function stripTrailingSemicolons(arg: MetaArg): MetaArg {
  const last = arg.segments[arg.segments.length - 1];
  if (last?.kind !== 'text' || last.quoted) return arg;
  const text = last.text.replace(/;+$/, '');
  const segments = arg.segments.slice(0, -1);
  if (text !== '') segments.push({ ...last, text });
  return { ...arg, segments };
}

/**
 * The part of psql's `\copy` parser that decides where data comes from or goes to. psql reads the
 * whole line raw: no variable substitution happens in `\copy` arguments.
 */

/** Where a `\copy` reads from or writes to. */
type CopyTarget =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' | 'pstdin' | 'stdout' | 'pstdout' }
  | { kind: 'program' };

/** The direction and target of one `\copy`, or null when psql could not parse it (it then fails at run time). */
export type CopySpec = { direction: 'from' | 'to'; target: CopyTarget } | null;

const WHITESPACE = ' \t\n\r';

/** A tokenizer like psql's `strtokx`: whitespace-separated, single-char delimiters, quoted runs. */
class Tokens {
  private i = 0;
  constructor(private readonly text: string) {}

  next(delims: string, quotes: string): string | null {
    const t = this.text;
    while (this.i < t.length && WHITESPACE.includes(t[this.i] as string)) this.i++;
    if (this.i >= t.length) return null;
    const start = this.i;
    const c = t[start] as string;
    if (delims.includes(c)) {
      this.i += 1;
      return c;
    }
    if (quotes.includes(c)) {
      let j = start + 1;
      while (j < t.length) {
        if (t[j] === c && t[j + 1] === c) j += 2;
        else if (t[j] === c) {
          j += 1;
          break;
        } else j += 1;
      }
      this.i = j;
      return t.slice(start, j);
    }
    let j = start;
    while (j < t.length && !`${WHITESPACE}${delims}${quotes}`.includes(t[j] as string)) j++;
    this.i = j;
    return t.slice(start, j);
  }
}

/** Removes quote characters, turning a doubled quote inside quotes into one (psql `strip_quotes`). */
function stripQuotes(token: string, quote: string): string {
  let out = '';
  let inQuote = false;
  for (let i = 0; i < token.length; i++) {
    const c = token[i] as string;
    if (c !== quote) out += c;
    else if (inQuote && token[i + 1] === quote) {
      out += quote;
      i++;
    } else inQuote = !inQuote;
  }
  return out;
}

function skipParenthesized(tokens: Tokens): boolean {
  let depth = 1;
  while (depth > 0) {
    const token = tokens.next('()', `"'`);
    if (token === null) return false;
    if (token === '(') depth++;
    else if (token === ')') depth--;
  }
  return true;
}

/** Parses the arguments of `\copy` (the rest of its line) far enough to find its data source or sink. */
export function parseCopyArgs(line: string): CopySpec {
  const tokens = new Tokens(line);
  let token = tokens.next('.,()', '"');
  if (token?.toLowerCase() === 'binary') token = tokens.next('.,()', '"');
  if (token === null) return null;
  if (token === '(' && !skipParenthesized(tokens)) return null;
  token = tokens.next('.,()', '"');
  if (token === '.') {
    tokens.next('.,()', '"');
    token = tokens.next('.,()', '"');
  }
  if (token === '(') {
    for (;;) {
      token = tokens.next('()', '"');
      if (token === null) return null;
      if (token === ')') break;
    }
    token = tokens.next('.,()', '"');
  }
  const direction = token?.toLowerCase();
  if (direction !== 'from' && direction !== 'to') return null;
  const spec = tokens.next(';', "'");
  if (spec === null) return null;
  const keyword = spec.toLowerCase();
  if (keyword === 'program') return { direction, target: { kind: 'program' } };
  if (keyword === 'stdin' || keyword === 'stdout' || keyword === 'pstdin' || keyword === 'pstdout') {
    return { direction, target: { kind: keyword } };
  }
  return { direction, target: { kind: 'file', path: stripQuotes(spec, "'") } };
}

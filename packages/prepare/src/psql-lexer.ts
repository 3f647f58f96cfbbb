import { unhashable } from './hash-errors.js';
import { parseMetaCommand } from './psql-meta-command.js';
import { type PsqlDependency, metaEffect } from './psql-meta-effects.js';
import { B, KW, MAX_KEYWORD, S, STOPS, type State, isDigit, isIdentStart, isLetter, isSpace, isVarChar, skip } from './psql-scan-tables.js';
import type { PsqlVariableScope } from './psql-variables.js';

/** How a lexer reads one source. */
export interface PsqlLexerOptions {
  /** Names the source in errors: a file path, `stdin` or `-c`. */
  label: string;
  variables: PsqlVariableScope;
  /** psql `-S`: a newline ends a statement. */
  singleLine: boolean;
  /** The source is psql's standard input (`-f -`). */
  readsStdin: boolean;
}

/**
 * An incremental psql-aware scanner (engine.md §2.3). It follows quotes, dollar quotes, comments
 * and inline COPY data as psql does, and turns backslash commands into dependencies in textual
 * order; unhashable constructs throw `invalid_argument` naming file:line.
 */
export class PsqlLexer {
  /** Dependencies found so far, in textual order. */
  readonly dependencies: PsqlDependency[] = [];
  private state: State = S.initial;
  private line = 1;
  private ifDepth = 0;
  private parenDepth = 0;
  private commentDepth = 0;
  /** The identifier being read, packed 5 bits per lowercase letter (-1 once it cannot be a keyword). */
  private word = 0;
  private identLength = 0;
  private tag: number[] = [];
  private candidateLength = 0;
  private candidateMatches = true;
  private metaBytes: number[] = [];
  private metaLine = 1;
  private varName: number[] = [];
  private readonly expanding = new Set<string>();
  private stmtWords = 0;
  private stmtIsCopy = false;
  private prevWord = -1;
  private copyFrom: 'stdin' | 'pstdin' | null = null;
  private copyBinary = false;
  private pendingData: 'text' | 'binary' | null = null;
  private resumeState: State = S.initial;

  constructor(private readonly options: PsqlLexerOptions) {}

  /** Scans the next chunk of source bytes. */
  write(chunk: Uint8Array): void {
    this.feed(chunk);
  }

  /** Finishes the source (an unterminated last line still counts). */
  end(): void {
    for (;;) {
      if (this.state === S.colon_var) this.interpolate();
      else if (this.state === S.backslash || this.state === S.meta) this.runMeta();
      else return;
    }
  }

  private feed(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length) {
      if (this.state === S.data_binary) return;
      const stops = STOPS[this.state];
      if (stops !== undefined) {
        i = skip(bytes, i, stops);
        if (i >= bytes.length) return;
      }
      const b = bytes[i] as number;
      if (this.step(b)) {
        i += 1;
        if (b === B.NL) this.afterNewline();
      }
    }
  }

  private afterNewline(): void {
    if (this.expanding.size === 0) this.line += 1;
    if (this.state >= S.data_start) return;
    if (this.options.singleLine && this.state === S.initial) this.statementEnd();
    if (this.pendingData !== null) {
      this.resumeState = this.state;
      this.state = this.pendingData === 'binary' ? S.data_binary : S.data_start;
      this.pendingData = null;
    }
  }

  /** Handles one byte; returns false to see the same byte again in the new state. */
  private step(b: number): boolean {
    switch (this.state) {
      case S.initial:
        return this.initial(b);
      case S.ident:
        if (b === B.QUOTE && this.word === KW.E) return this.go(S.equote);
        if (isVarChar(b) || b === B.DOLLAR) {
          this.identLength += 1;
          this.word = isLetter(b) && this.word >= 0 && this.identLength <= MAX_KEYWORD ? this.word * 32 + ((b | 0x20) - 0x60) : -1;
          return true;
        }
        this.token(this.word);
        return this.redo(S.initial);
      case S.number:
        if (isDigit(b) || b === B.DOT) return true;
        if (!isIdentStart(b)) return this.redo(S.initial);
        this.word = -1;
        return this.redo(S.ident);
      case S.dash:
        return b === B.DASH ? this.go(S.line_comment) : this.redo(S.initial);
      case S.slash:
        this.commentDepth = 0;
        return b === B.STAR ? this.go(S.block) : this.redo(S.initial);
      case S.line_comment:
        return this.redo(S.initial);
      case S.block:
        return this.go(b === B.STAR ? S.block_star : b === B.SLASH ? S.block_slash : S.block);
      case S.block_star:
        if (b === B.STAR) return true;
        if (b !== B.SLASH) return this.redo(S.block);
        this.commentDepth -= 1;
        return this.go(this.commentDepth < 0 ? S.initial : S.block);
      case S.block_slash:
        if (b !== B.STAR) return this.redo(S.block);
        this.commentDepth += 1;
        return this.go(S.block);
      case S.squote:
        return this.go(b === B.QUOTE ? S.squote_end : S.squote);
      case S.equote:
        return this.go(b === B.BACKSLASH ? S.equote_escape : b === B.QUOTE ? S.equote_end : S.equote);
      case S.equote_escape:
        return this.go(S.equote);
      case S.dquote:
        return this.go(b === B.DQUOTE ? S.dquote_end : S.dquote);
      case S.squote_end:
        return b === B.QUOTE ? this.go(S.squote) : this.redo(S.initial);
      case S.equote_end:
        return b === B.QUOTE ? this.go(S.equote) : this.redo(S.initial);
      case S.dquote_end:
        return b === B.DQUOTE ? this.go(S.dquote) : this.redo(S.initial);
      case S.dollar_open:
        return this.dollarOpen(b);
      case S.dollar_body:
        this.candidateLength = 0;
        this.candidateMatches = true;
        return this.go(b === B.DOLLAR ? S.dollar_close : S.dollar_body);
      case S.dollar_close:
        return this.dollarClose(b);
      case S.colon:
        if (b === B.COLON || b === B.EQUALS) return this.go(S.initial);
        this.varName = [];
        return this.redo(isVarChar(b) ? S.colon_var : S.initial);
      case S.colon_var:
        if (!isVarChar(b)) {
          this.interpolate();
          return false;
        }
        this.varName.push(b);
        return true;
      case S.backslash:
        return b === B.SEMICOLON || b === B.COLON ? this.go(S.initial) : this.redo(S.meta);
      case S.meta:
        if (b === B.NL) {
          this.runMeta();
          return false;
        }
        this.metaBytes.push(b);
        return true;
      default:
        return this.data(b);
    }
  }

  private go(state: State): boolean {
    this.state = state;
    return true;
  }

  private redo(state: State): boolean {
    this.state = state;
    return false;
  }

  private initial(b: number): boolean {
    if (isSpace(b)) return true;
    if (b === B.BACKSLASH) {
      this.metaLine = this.line;
      this.metaBytes = [];
      return this.go(S.backslash);
    }
    if (b === B.DASH) return this.go(S.dash);
    if (b === B.SLASH) return this.go(S.slash);
    if (b === B.COLON) return this.go(S.colon);
    if (isIdentStart(b) || isDigit(b)) {
      this.word = 0;
      this.identLength = 0;
      return this.redo(isDigit(b) ? S.number : S.ident);
    }
    this.token(-1);
    if (b === B.QUOTE) return this.go(S.squote);
    if (b === B.DQUOTE) return this.go(S.dquote);
    if (b === B.DOLLAR) {
      this.tag = [];
      return this.go(S.dollar_open);
    }
    if (b === B.OPEN_PAREN) this.parenDepth += 1;
    if (b === B.CLOSE_PAREN) this.parenDepth = Math.max(0, this.parenDepth - 1);
    if (b === B.SEMICOLON && this.parenDepth === 0) this.statementEnd();
    return true;
  }

  private dollarOpen(b: number): boolean {
    if (b === B.DOLLAR) return this.go(S.dollar_body);
    if (this.tag.length === 0 ? isIdentStart(b) : isVarChar(b)) {
      this.tag.push(b);
      return true;
    }
    if (this.tag.length === 0) {
      this.word = -1;
      return this.redo(isDigit(b) ? S.number : S.initial);
    }
    // Not a dollar quote: psql re-reads what followed the `$` as ordinary text.
    this.state = S.initial;
    this.feed(Uint8Array.from(this.tag));
    return false;
  }

  private dollarClose(b: number): boolean {
    if (b === B.DOLLAR) {
      const closes = this.candidateMatches && this.candidateLength === this.tag.length;
      this.candidateLength = 0;
      this.candidateMatches = true;
      return closes ? this.go(S.initial) : true;
    }
    if (!isVarChar(b)) return this.redo(S.dollar_body);
    this.candidateMatches &&= this.tag[this.candidateLength] === b;
    this.candidateLength += 1;
    return true;
  }

  /** COPY data lines: they end at a line holding only `\.` (psql's rule) or at the end of the source. */
  private data(b: number): boolean {
    if (b === B.NL) return this.go(this.state === S.data_dot || this.state === S.data_dot_cr ? this.resumeState : S.data_start);
    if (this.state === S.data_start && b === B.BACKSLASH) return this.go(S.data_backslash);
    if (this.state === S.data_backslash && b === B.DOT) return this.go(S.data_dot);
    if (this.state === S.data_dot && b === B.CR) return this.go(S.data_dot_cr);
    return this.go(S.data_mid);
  }

  /** Counts one SQL token of the current statement; `word` is a packed keyword candidate or -1. */
  private token(word: number): void {
    if (this.stmtWords === 0) this.stmtIsCopy = word === KW.COPY;
    this.stmtWords += 1;
    if (this.stmtIsCopy && this.parenDepth === 0 && this.prevWord === KW.FROM && (word === KW.STDIN || word === KW.PSTDIN)) {
      this.copyFrom = word === KW.STDIN ? 'stdin' : 'pstdin';
    }
    if (this.stmtIsCopy && word === KW.BINARY) this.copyBinary = true;
    this.prevWord = word;
  }

  private statementEnd(): void {
    const inline = this.copyFrom === 'stdin' || (this.copyFrom === 'pstdin' && this.options.readsStdin);
    if (inline) this.pendingData = this.copyBinary ? 'binary' : 'text';
    this.resetStatement();
  }

  private resetStatement(): void {
    this.stmtWords = 0;
    this.stmtIsCopy = false;
    this.prevWord = -1;
    this.copyFrom = null;
    this.copyBinary = false;
  }

  private interpolate(): void {
    this.state = S.initial;
    this.token(-1);
    const name = Buffer.from(this.varName).toString('utf8');
    if (this.expanding.has(name)) return;
    const found = this.options.variables.forSql(name);
    if (found.kind === 'opaque') {
      throw unhashable(this.where(this.line), `:${name} holds a backslash command that psql would run`, 'run it directly instead');
    }
    if (found.kind === 'none') return;
    this.expanding.add(name);
    this.feed(Buffer.from(found.value, 'utf8'));
    this.expanding.delete(name);
  }

  private where(line: number): string {
    return `${this.options.label}:${line}`;
  }

  private runMeta(): void {
    const bytes = Buffer.from(this.metaBytes);
    this.state = S.initial;
    const command = parseMetaCommand(bytes.toString('latin1'));
    const effect = metaEffect(command, {
      where: this.where(this.metaLine),
      line: this.metaLine,
      conditional: this.ifDepth > 0,
      variables: this.options.variables,
      readsStdin: this.options.readsStdin,
    });
    if (effect.dependency !== null) this.dependencies.push(effect.dependency);
    this.ifDepth = Math.max(0, this.ifDepth + effect.ifDelta);
    if (effect.executes) this.statementEnd();
    if (effect.resets) this.resetStatement();
    if (effect.inlineCopy) this.pendingData = 'text';
    this.feed(bytes.subarray(command.end));
  }
}

/**
 * Scans a `-c` string as psql does: text starting with a backslash is one backslash command
 * (spanning the whole string); anything else goes to the server as is and reads no files.
 */
export function scanPsqlCommand(sql: string, options: PsqlLexerOptions): PsqlDependency[] {
  if (!sql.startsWith('\\')) return [];
  const command = parseMetaCommand(Buffer.from(sql.slice(1), 'utf8').toString('latin1'));
  const effect = metaEffect(command, {
    where: `${options.label}:1`,
    line: 1,
    conditional: false,
    variables: options.variables,
    readsStdin: false,
  });
  return effect.dependency === null ? [] : [effect.dependency];
}

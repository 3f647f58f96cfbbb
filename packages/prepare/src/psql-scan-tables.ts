/** Byte classes, states and skip tables of the psql scanner (`psql-lexer.ts`). */

/** Scanner states as small integers (a numeric switch is much faster than strings); `data*` come last. */
export const S = {
  initial: 0,
  ident: 1,
  number: 2,
  dash: 3,
  slash: 4,
  line_comment: 5,
  block: 6,
  block_star: 7,
  block_slash: 8,
  squote: 9,
  squote_end: 10,
  equote: 11,
  equote_escape: 12,
  equote_end: 13,
  dquote: 14,
  dquote_end: 15,
  dollar_open: 16,
  dollar_body: 17,
  dollar_close: 18,
  colon: 19,
  colon_var: 20,
  backslash: 21,
  meta: 22,
  data_start: 23,
  data_mid: 24,
  data_backslash: 25,
  data_dot: 26,
  data_dot_cr: 27,
  data_binary: 28,
} as const;

/** One scanner state. */
export type State = (typeof S)[keyof typeof S];

/** The bytes the scanner reacts to. */
export const B = {
  NL: 0x0a,
  CR: 0x0d,
  QUOTE: 0x27,
  DQUOTE: 0x22,
  DOLLAR: 0x24,
  BACKSLASH: 0x5c,
  STAR: 0x2a,
  SLASH: 0x2f,
  DASH: 0x2d,
  COLON: 0x3a,
  SEMICOLON: 0x3b,
  EQUALS: 0x3d,
  DOT: 0x2e,
  OPEN_PAREN: 0x28,
  CLOSE_PAREN: 0x29,
} as const;

/** psql's `space` class (space, \t, \n, \v, \f, \r). */
export const isSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);
/** ASCII digits. */
export const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;
/** ASCII letters. */
export const isLetter = (b: number): boolean => (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a;
/** psql's `ident_start` (letters, `_`, any byte of a multi-byte character). */
export const isIdentStart = (b: number): boolean => isLetter(b) || b === 0x5f || b >= 0x80;
/** psql's `variable_char` (also the dollar-quote tag characters). */
export const isVarChar = (b: number): boolean => isIdentStart(b) || isDigit(b);

/** Longest keyword the scanner tracks; identifiers are packed 5 bits per lowercase letter. */
export const MAX_KEYWORD = 6;
const pack = (word: string): number => [...word].reduce((code, c) => code * 32 + (c.charCodeAt(0) - 0x60), 0);
/** Packed codes of the identifiers that matter (the `E` string prefix and COPY … FROM STDIN). */
export const KW = {
  E: pack('e'),
  COPY: pack('copy'),
  FROM: pack('from'),
  STDIN: pack('stdin'),
  PSTDIN: pack('pstdin'),
  BINARY: pack('binary'),
} as const;

/** Per state, a 256-entry table of the bytes that end a skippable run (none: look at every byte). */
export const STOPS: (Uint8Array | undefined)[] = [];
for (const [state, stops] of [
  [S.squote, [B.QUOTE, B.NL]],
  [S.dquote, [B.DQUOTE, B.NL]],
  [S.equote, [B.QUOTE, B.BACKSLASH, B.NL]],
  [S.dollar_body, [B.DOLLAR, B.NL]],
  [S.line_comment, [B.NL]],
  [S.block, [B.STAR, B.SLASH, B.NL]],
  [S.data_mid, [B.NL]],
] as const) {
  const table = new Uint8Array(256);
  for (const b of stops) table[b] = 1;
  STOPS[state] = table;
}

/** The index of the first byte at or after `from` that is in `stops`, or the length. */
export function skip(bytes: Uint8Array, from: number, stops: Uint8Array): number {
  let i = from;
  while (i < bytes.length && stops[bytes[i] as number] === 0) i++;
  return i;
}

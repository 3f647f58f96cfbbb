// Characters that never need quoting in a POSIX shell word (the set Python's shlex.quote uses).
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One argv item as a POSIX shell word: unchanged when it holds only safe characters, else
 * single-quoted with each `'` written as `'\''` (an empty item is `''`).
 */
export function shellQuote(item: string): string {
  if (SAFE.test(item)) return item;
  return `'${item.replaceAll("'", `'\\''`)}'`;
}

/** An argv joined by spaces, every item {@link shellQuote}d. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

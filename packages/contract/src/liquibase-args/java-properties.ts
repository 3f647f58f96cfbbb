/**
 * Parses `java.util.Properties` text (the format of a Liquibase defaults file): `#`/`!` comments,
 * `=`, `:` or whitespace separators, backslash line continuations and escapes.
 */
export function parseJavaProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i += 1) {
    let line = (lines[i] as string).replace(/^\s+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      i += 1;
      line = line.slice(0, -1) + (lines[i] as string).replace(/^\s+/, '');
    }
    const match = /^((?:\\.|[^=:\s\\])*)\s*[=:\s]?\s*(.*)$/.exec(line);
    if (match === null) continue;
    const unescape = (s: string): string => s.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', f: '\f' })[c] ?? c);
    result.set(unescape(match[1] as string), unescape(match[2] as string));
  }
  return result;
}

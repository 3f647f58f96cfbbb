/** One value of a SQL `VALUES (…)` list as Liquibase prints it: a string, NULL, or raw text. */
export type SqlValue = string | null;

/**
 * Splits a parenthesised SQL list (`(A, 'b''c', NULL, NOW())`) into its items: quoted strings
 * are unescaped, `NULL` is null, anything else is kept as trimmed raw text.
 */
export function parseSqlList(text: string): SqlValue[] | undefined {
  const body = text.trim();
  if (!body.startsWith('(') || !body.endsWith(')')) return undefined;
  const items: SqlValue[] = [];
  let i = 1;
  const end = body.length - 1;
  while (i <= end) {
    while (i < end && /\s/.test(body[i] as string)) i += 1;
    if (body[i] === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= end) return undefined;
        if (body[i] === "'") {
          if (body[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += body[i];
        i += 1;
      }
      items.push(value);
    } else {
      let depth = 0;
      const start = i;
      while (i < end && !(depth === 0 && body[i] === ',')) {
        if (body[i] === '(') depth += 1;
        if (body[i] === ')') depth -= 1;
        i += 1;
      }
      const raw = body.slice(start, i).trim();
      items.push(raw.toUpperCase() === 'NULL' ? null : raw);
    }
    while (i < end && /\s/.test(body[i] as string)) i += 1;
    if (i >= end) break;
    if (body[i] !== ',') return undefined;
    i += 1;
  }
  return items;
}

/** Names mapped to values: psql variables, build settings. */
export type NameValues = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

const encoder = new TextEncoder();

// UTF-8 byte order: the order every sorted record list uses.
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(encoder.encode(a), encoder.encode(b));
}

/** The entries of `values`, sorted by name in UTF-8 byte order. */
export function sortedEntries(values: NameValues): [string, string][] {
  const entries = values instanceof Map ? [...values.entries()] : Object.entries(values);
  return entries.sort(([a], [b]) => compareUtf8(a, b));
}

/** The value of `name` in `values`, or undefined. */
export function valueOf(values: NameValues, name: string): string | undefined {
  if (values instanceof Map) return values.get(name);
  return Object.hasOwn(values, name) ? (values as Readonly<Record<string, string>>)[name] : undefined;
}

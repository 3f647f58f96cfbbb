const OMITTED = new Set(['time', 'level', 'msg', 'component', 'pid', 'hostname']);

function render(value: unknown): string {
  if (typeof value === 'string' && /^[^\s"=]+$/.test(value)) return value;
  return JSON.stringify(value) ?? String(value);
}

/**
 * Turns one JSON log line into `<time> <LEVEL> [<component>] <msg> key=value…` for humans
 * (`SQLRS_LOG_PRETTY=1`); a line that is not a JSON object is returned unchanged.
 */
export function prettyLine(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return line;
  const fields = record as Record<string, unknown>;
  const head = [String(fields['time'] ?? ''), String(fields['level'] ?? '').toUpperCase().padEnd(5)];
  if (fields['component'] !== undefined) head.push(`[${String(fields['component'])}]`);
  if (fields['msg'] !== undefined) head.push(String(fields['msg']));
  const tail = Object.entries(fields)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${key}=${render(value)}`);
  return `${[...head, ...tail].join(' ')}\n`;
}

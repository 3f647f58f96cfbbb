// The last lines of a log file, for error messages when the engine does not come up.
import { readFileSync } from 'node:fs';

/** Up to `lines` last lines of `file`, or '' when it cannot be read. */
export function logTail(file: string, lines = 20): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

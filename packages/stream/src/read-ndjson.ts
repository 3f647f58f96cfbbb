import { SqlrsError } from '@sqlrs/errors';
import { newUtf8Decoder } from './utf8-decoder.js';

/**
 * Parses NDJSON from a chunked source: lines and multi-byte UTF-8 characters may be split across
 * chunks, blank lines are skipped, and a last line without `\n` is still yielded.
 */
export async function* readNdjson(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown, void, undefined> {
  const decoder = newUtf8Decoder();
  let pending = '';
  let lineNumber = 0;
  for await (const chunk of source) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(start, newline);
      lineNumber += 1;
      if (line.trim() !== '') yield parseLine(line, lineNumber);
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  lineNumber += 1;
  if (pending.trim() !== '') yield parseLine(pending, lineNumber);
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    throw new SqlrsError('internal_error', `malformed NDJSON line ${lineNumber}`, {
      details: line,
      data: { line: lineNumber },
      cause: error,
    });
  }
}

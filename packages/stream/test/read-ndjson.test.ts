import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { readNdjson } from '../src/index.js';

async function* chunks(...parts: (Uint8Array | string)[]): AsyncGenerator<Uint8Array | string> {
  for (const part of parts) yield part;
}

async function collect(source: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of source) out.push(item);
  return out;
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
// "é€😀" in UTF-8: 2, 3 and 4 bytes.
const MULTI_BYTE = [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80];

describe('readNdjson', () => {
  it('parses one object per line across chunk boundaries', async () => {
    const items = await collect(readNdjson(chunks('{"seq":0}\n{"se', 'q":1}\n', '{"seq":2}\n')));
    expect(items).toEqual([{ seq: 0 }, { seq: 1 }, { seq: 2 }]);
  });

  it('decodes a multi-byte character split between two byte chunks', async () => {
    const bytes = Uint8Array.from([...ascii('{"message":"'), ...MULTI_BYTE, ...ascii('"}\n')]);
    // Cuts inside the euro sign (after its first byte) and inside the emoji (after its second).
    const items = await collect(readNdjson(chunks(bytes.slice(0, 15), bytes.slice(15, 19), bytes.slice(19))));
    expect(items).toEqual([{ message: 'é€😀' }]);
  });

  it('yields a trailing line without a newline and skips blank lines', async () => {
    const items = await collect(readNdjson(chunks('{"a":1}\n\n  \n{"a":2}\r\n{"a":3}')));
    expect(items).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('yields nothing for an empty source', async () => {
    expect(await collect(readNdjson(chunks()))).toEqual([]);
  });

  it('fails on a malformed line with the line text in details', async () => {
    const reading = collect(readNdjson(chunks('{"a":1}\n{"a":\n')));
    const error = await reading.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlrsError);
    expect({ ...(error as SqlrsError), message: (error as SqlrsError).message }).toEqual({
      name: 'SqlrsError',
      code: 'internal_error',
      message: 'malformed NDJSON line 2',
      details: '{"a":',
      issues: undefined,
      data: { line: 2 },
    });
  });
});

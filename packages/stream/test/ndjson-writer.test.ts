import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { NdjsonWriter, ndjsonLine } from '../src/index.js';

describe('ndjsonLine', () => {
  it('is the JSON text plus one newline, with newlines inside strings escaped', () => {
    expect(ndjsonLine({ seq: 0, message: 'a\nb' })).toBe('{"seq":0,"message":"a\\nb"}\n');
  });

  it('refuses values JSON cannot encode', () => {
    expect(() => ndjsonLine(undefined)).toThrow(SqlrsError);
  });
});

describe('NdjsonWriter', () => {
  it('hands each value to the sink as its own line, in order', async () => {
    const chunks: string[] = [];
    const writer = new NdjsonWriter({ write: (chunk) => void chunks.push(chunk) });
    await writer.write({ seq: 0 });
    await writer.writeAll([{ seq: 1 }, { seq: 2 }]);
    expect(chunks).toEqual(['{"seq":0}\n', '{"seq":1}\n', '{"seq":2}\n']);
    expect(writer.lines).toBe(3);
  });

  it('waits for an asynchronous sink before writing the next line', async () => {
    const log: string[] = [];
    const writer = new NdjsonWriter({
      write: async (chunk) => {
        log.push(`start ${chunk.trim()}`);
        for (let tick = 0; tick < 3; tick += 1) await Promise.resolve();
        log.push(`end ${chunk.trim()}`);
      },
    });
    async function* values(): AsyncGenerator<number> {
      yield 1;
      yield 2;
    }
    await writer.writeAll(values());
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('propagates a sink failure, such as a disconnected client, and does not count the line', async () => {
    const writer = new NdjsonWriter({
      write: () => {
        throw new Error('socket closed');
      },
    });
    await expect(writer.write({ seq: 0 })).rejects.toThrow('socket closed');
    expect(writer.lines).toBe(0);
  });
});

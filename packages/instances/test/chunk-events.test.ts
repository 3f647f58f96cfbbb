import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_BYTES, textChunkSink } from '../src/index.js';

function recorder(): { events: [string, string][]; sink: ReturnType<typeof textChunkSink> } {
  const events: [string, string][] = [];
  return { events, sink: textChunkSink((stream, text) => events.push([stream, text])) };
}

describe('textChunkSink', () => {
  it('decodes a character split across chunks once it is complete, per stream', () => {
    const { events, sink } = recorder();
    const euro = Buffer.from('a€b', 'utf8');
    sink.stdout(euro.subarray(0, 2));
    sink.stderr(Buffer.from('err'));
    sink.stdout(euro.subarray(2));
    sink.flush();
    expect(events).toEqual([
      ['stdout', 'a'],
      ['stderr', 'err'],
      ['stdout', '€b'],
    ]);
  });

  it('splits large chunks into pieces of at most 64 KiB', () => {
    const { events, sink } = recorder();
    sink.stdout(Buffer.alloc(200_000, 'x'));
    expect(events.map(([, text]) => Buffer.byteLength(text) <= MAX_CHUNK_BYTES)).toEqual([true, true, true, true]);
    expect(events.map(([, text]) => text).join('')).toBe('x'.repeat(200_000));
  });

  it('flush turns a dangling partial character into U+FFFD', () => {
    const { events, sink } = recorder();
    sink.stderr(Buffer.from('€', 'utf8').subarray(0, 1));
    sink.flush();
    expect(events).toEqual([['stderr', '\uFFFD']]);
  });
});

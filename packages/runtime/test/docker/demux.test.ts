import { describe, expect, it } from 'vitest';
import { createDemuxer, framesText } from '../../src/docker/demux.js';

function frame(type: number, text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const header = new Uint8Array(8);
  header[0] = type;
  new DataView(header.buffer).setUint32(4, payload.length);
  const joined = new Uint8Array(8 + payload.length);
  joined.set(header, 0);
  joined.set(payload, 8);
  return joined;
}

describe('createDemuxer', () => {
  it('splits frames across arbitrary chunk boundaries, in order', () => {
    const stream = new Uint8Array([...frame(1, 'out one\n'), ...frame(2, 'err\n'), ...frame(1, 'out two\n')]);
    const seen: [string, string][] = [];
    const demuxer = createDemuxer((name, payload) => seen.push([name, new TextDecoder().decode(payload)]));
    for (let i = 0; i < stream.length; i += 3) demuxer.push(stream.subarray(i, i + 3));
    expect(seen).toEqual([
      ['stdout', 'out one\n'],
      ['stderr', 'err\n'],
      ['stdout', 'out two\n'],
    ]);
  });

  it('holds back an incomplete frame until the rest arrives', () => {
    const seen: string[] = [];
    const demuxer = createDemuxer((_name, payload) => seen.push(new TextDecoder().decode(payload)));
    const whole = frame(2, 'abcdef');
    demuxer.push(whole.subarray(0, 10));
    expect(seen).toEqual([]);
    demuxer.push(whole.subarray(10));
    expect(seen).toEqual(['abcdef']);
  });
});

describe('framesText', () => {
  it('joins both streams of a buffered log in frame order', () => {
    const log = new Uint8Array([...frame(2, 'LOG:  starting\n'), ...frame(1, 'hello\n'), ...frame(2, 'FATAL:  boom\n')]);
    expect(framesText(log)).toBe('LOG:  starting\nhello\nFATAL:  boom\n');
  });
});

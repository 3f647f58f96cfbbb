import { describe, expect, it } from 'vitest';
import { lineSplitter } from '../src/line-splitter.js';

function collect(): { lines: [string, string][]; sink: (stream: 'stdout' | 'stderr', line: string) => void } {
  const lines: [string, string][] = [];
  return { lines, sink: (stream, line) => lines.push([stream, line]) };
}

describe('lineSplitter', () => {
  it('emits one call per line and flushes a last line without newline at end', () => {
    const { lines, sink } = collect();
    const writer = lineSplitter('stdout', sink);
    writer.write('one\ntw');
    writer.write('o\r\nthree');
    expect(lines).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
    ]);
    writer.end();
    expect(lines).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
      ['stdout', 'three'],
    ]);
  });

  it('keeps a multi-byte character whole when a chunk splits it', () => {
    const { lines, sink } = collect();
    const writer = lineSplitter('stderr', sink);
    const bytes = new TextEncoder().encode('grüße €\nok\n');
    for (const byte of bytes) writer.write(Uint8Array.of(byte));
    writer.end();
    expect(lines).toEqual([
      ['stderr', 'grüße €'],
      ['stderr', 'ok'],
    ]);
  });

  it('keeps empty lines and emits nothing more after end', () => {
    const { lines, sink } = collect();
    const writer = lineSplitter('stdout', sink);
    writer.write('\n\nx\n');
    writer.end();
    writer.write('late\n');
    writer.end();
    expect(lines).toEqual([
      ['stdout', ''],
      ['stdout', ''],
      ['stdout', 'x'],
    ]);
  });
});

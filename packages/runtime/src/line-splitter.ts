import type { LineSink } from './runtime.js';

/** Receives a byte stream in chunks and emits it as lines. */
export interface LineWriter {
  write(chunk: Uint8Array | string): void;
  /** Flushes a last line that had no trailing newline. */
  end(): void;
}

/**
 * Splits one output stream into lines for `sink`: UTF-8 safe across chunk boundaries, `\r\n`
 * accepted, a last line without a newline flushed by `end()`.
 */
export function lineSplitter(stream: 'stdout' | 'stderr', sink: LineSink): LineWriter {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let ended = false;
  const emit = (line: string): void => sink(stream, line.endsWith('\r') ? line.slice(0, -1) : line);
  const push = (text: string): void => {
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      emit(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  };
  return {
    write(chunk) {
      if (ended) return;
      push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      if (ended) return;
      ended = true;
      pending += decoder.decode();
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}
